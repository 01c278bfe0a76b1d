package org.lifeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lifeline.engine.Lifeline;

class MainTest {

    static Lifeline bundled;

    @TempDir
    Path dir;

    @BeforeAll
    static void warm() {
        bundled = Lifeline.bundled();
    }

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    private Path export(String orgs) throws Exception {
        Files.writeString(dir.resolve("organizations.csv"), orgs, StandardCharsets.UTF_8);
        return dir;
    }

    private static final String ORGS = """
            id,name,parentId,type,sector,region
            GD,团省委,,PROVINCIAL_COMMITTEE,REGIONAL,
            GZ,广州市团委,GD,CITY_COMMITTEE,REGIONAL,广州
            B1,"示例团支部,一",GZ,BRANCH,TWO_NEW,广州
            """;

    @Test
    void checkWithoutArgumentsReportsTheBundledSample() {
        Run r = run("check");
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("命脉工程攻坚阶段检查报告  截至 2018-09-26").contains("== 广州市团委（联络组 1） ==", "抽查名单");
    }

    @Test
    void jsonHasTheDocumentedShape() throws Exception {
        Path out = dir.resolve("r.json");
        Run r = run("check", "--format", "json", "--out", out.toString());
        assertThat(r.code()).isZero();
        JsonNode doc = new ObjectMapper().readTree(out.toFile());
        assertThat(doc.get("asOf").asText()).isEqualTo("2018-09-26");
        assertThat(doc.get("rulesVersion").asText()).isEqualTo(bundled.rulesVersion());
        assertThat(doc.get("status").asText()).isEqualTo("FAIL");
        // the sample's two waivers: their findings are listed with status WAIVED and counted apart from the total
        assertThat(doc.get("summary").get("waived").asInt()).isEqualTo(2);
        assertThat(doc.get("summary").get("total").asInt() + 2).isEqualTo(doc.get("violations").size());
        JsonNode v = doc.get("violations").get(0);
        assertThat(iterable(v.fieldNames())).containsExactly("ruleId", "task", "severity", "subjectType", "subjectId",
                "topUnitId", "responsible", "responsibleName", "liaisonGroup", "deadline", "measured", "required",
                "memberIds", "relatedIds", "status", "waiverId", "message", "messageEn");
        java.util.List<String> waived = new java.util.ArrayList<>();
        doc.get("violations").forEach(x -> {
            if (x.get("status").asText().equals("WAIVED")) {
                waived.add(x.get("ruleId").asText() + " " + x.get("subjectId").asText() + " " + x.get("waiverId").asText());
            }
        });
        assertThat(waived).containsExactly("T04.HOLLOW_BRANCH C1-X0-T0-B475 W-2018-001", "T07.ENTERPRISE_WITHOUT_ORG E0-0 W-2018-002");
        assertThat(doc.get("waivers")).extracting(w -> w.get("id").asText() + " " + w.get("state").asText() + " "
                + w.get("expiringSoon").asBoolean()).containsExactly("W-2018-001 APPLIED false", "W-2018-002 APPLIED true");
        assertThat(doc.get("coverage")).extracting(c -> c.get("ruleId").asText())
                .containsAll(bundled.ruleIds()).doesNotHaveDuplicates();
        assertThat(doc.get("spotCheckPlan").size()).isPositive();
    }

    @Test
    void csvAndHtmlFormats() throws Exception {
        Run csv = run("check", "--format", "csv");
        assertThat(csv.code()).isZero();
        assertThat(csv.out()).startsWith("\ufeffruleId,task,severity,subjectType,subjectId,");
        Path html = dir.resolve("r.html");
        assertThat(run("check", "--format", "html", "--out", html.toString()).code()).isZero();
        String page = Files.readString(html);
        assertThat(page).contains("<table id=\"matrix\">", "echarts.init", "抽查名单").doesNotContain("src=\"http");
    }

    @Test
    void aGbkExportIsReadAndAUtf8OneWithBom() throws Exception {
        Files.write(dir.resolve("organizations.csv"), ORGS.getBytes(Charset.forName("GBK")));
        Run r = run("check", "--facts", dir.toString(), "--as-of", "2018-07-01", "--format", "json");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("示例团支部,一为空心团支部");
        Files.write(dir.resolve("organizations.csv"), ("\ufeff" + ORGS).getBytes(StandardCharsets.UTF_8));
        assertThat(run("check", "--facts", dir.toString(), "--as-of", "2018-07-01").code()).isZero();
    }

    @Test
    void badInputGivesExit2AndOneLineNamingFileLineAndField() throws Exception {
        assertThat(run("check", "--facts", dir.resolve("nope").toString(), "--as-of", "2018-07-01"))
                .satisfies(r -> {
                    assertThat(r.code()).isEqualTo(2);
                    assertThat(r.err()).contains("nope: no such directory");
                });
        export(ORGS.replace("id,name,parentId", "id,name,parent"));
        assertThat(run("check", "--facts", dir.toString(), "--as-of", "2018-07-01").err())
                .startsWith("lifeline: organizations.csv:1: bad header: unknown field 'parent'");
        export(ORGS.replace("GZ,广州市团委,GD,CITY_COMMITTEE,REGIONAL,广州", "GZ,广州市团委,GD,CITY_COMMITTEE,REGIONAL"));
        assertThat(run("check", "--facts", dir.toString(), "--as-of", "2018-07-01").err())
                .isEqualTo("lifeline: organizations.csv:3: expected 6 fields as in the header, got 5\n");
        export(ORGS.replace("CITY_COMMITTEE", "CITY"));
        Run unknownEnum = run("check", "--facts", dir.toString(), "--as-of", "2018-07-01");
        assertThat(unknownEnum.code()).isEqualTo(2);
        assertThat(unknownEnum.err()).startsWith("lifeline: organizations.csv:3: Organization GZ: field 'type': unknown value 'CITY'");
        Files.write(dir.resolve("organizations.csv"), new byte[] {'i', 'd', '\n', (byte) 0xff, (byte) 0xfe, (byte) 0xff, '\n'});
        assertThat(run("check", "--facts", dir.toString(), "--as-of", "2018-07-01").err())
                .isEqualTo("lifeline: organizations.csv:2: the bytes are neither UTF-8 nor GBK\n");
        export(ORGS);
        Files.writeString(dir.resolve("members.csv"), "id,orgId\nM1,B1\nM1,GZ\n");
        assertThat(run("check", "--facts", dir.toString(), "--as-of", "2018-07-01").err())
                .isEqualTo("lifeline: members.csv:3: Member M1: field 'id': duplicate id\n");
        Files.delete(dir.resolve("members.csv"));
        Files.writeString(dir.resolve("people.csv"), "id\n1\n");
        assertThat(run("check", "--facts", dir.toString(), "--as-of", "2018-07-01").err())
                .startsWith("lifeline: people.csv: unknown file");
        Files.delete(dir.resolve("people.csv"));
        assertThat(run("check", "--facts", dir.toString(), "--as-of", "2018-13-01").err())
                .isEqualTo("lifeline: --as-of: not a date yyyy-MM-dd: '2018-13-01'\n");
        assertThat(run("check", "--facts", dir.toString()).err()).contains("--as-of is required");
        assertThat(run("check", "--format", "pdf").code()).isEqualTo(2);
    }

    @Test
    void aMemberOfAnUnknownOrganisationGivesExit2UnlessLenient() throws Exception {
        export(ORGS);
        Files.writeString(dir.resolve("members.csv"), "id,orgId\nM1,B1\nM2,B1\nM3,B1\nM7,B9\n");
        Run strict = run("check", "--facts", dir.toString(), "--as-of", "2018-07-01", "--format", "json");
        assertThat(strict.code()).isEqualTo(2);
        assertThat(strict.err()).isEqualTo("lifeline: members.csv:5: Member M7: field 'orgId': no organisation with this id\n");
        assertThat(strict.out()).isEmpty();
        Run lenient = run("check", "--facts", dir.toString(), "--as-of", "2018-07-01", "--format", "json", "--lenient");
        assertThat(lenient.code()).as(lenient.err()).isZero();
        assertThat(lenient.err()).isEqualTo("lifeline: --lenient: 1 rows rejected (references that name nothing), left out "
                + "of the check:\nlifeline: rejected: members.csv:5: Member M7: field 'orgId': no organisation with this id\n");
        assertThat(lenient.out()).doesNotContain("M7");
    }

    @Test
    void factFilesThatWouldBeSkippedAreReadOrRefused() throws Exception {
        export(ORGS);
        Files.writeString(dir.resolve("members.CSV"), "id,orgId\nM1,B1\n");
        Run upper = run("check", "--facts", dir.toString(), "--as-of", "2018-07-01", "--format", "json");
        assertThat(upper.code()).as(upper.err()).isZero();
        assertThat(new ObjectMapper().readTree(upper.out()).get("violations").toString())
                .doesNotContain("T04.HOLLOW_BRANCH"); // B1 has its member
        Files.delete(dir.resolve("members.CSV"));
        Files.createDirectories(dir.resolve("members.csv"));
        assertThat(run("check", "--facts", dir.toString(), "--as-of", "2018-07-01")).satisfies(r -> {
            assertThat(r.code()).isEqualTo(2);
            assertThat(r.err()).isEqualTo("lifeline: members.csv: a directory; a fact file must be a regular file\n");
        });
        Files.delete(dir.resolve("members.csv"));
        Path real = Files.writeString(dir.resolveSibling(dir.getFileName() + "-m.csv"), "id,orgId\nM1,B1\n");
        try {
            Files.createSymbolicLink(dir.resolve("members.csv"), real);
            assertThat(run("check", "--facts", dir.toString(), "--as-of", "2018-07-01").err())
                    .isEqualTo("lifeline: members.csv: a symbolic link; a fact file must be a regular file in the directory\n");
        } finally {
            Files.deleteIfExists(dir.resolve("members.csv"));
            Files.deleteIfExists(real);
        }
        Files.writeString(dir.resolve("members.csv"), "id,orgId,joinedOn\nM1,B1,00000000000000000X\n");
        Run personal = run("check", "--facts", dir.toString(), "--as-of", "2018-07-01");
        assertThat(personal.code()).isEqualTo(2);
        assertThat(personal.err()).isEqualTo("lifeline: members.csv:2: Member M1: field 'joinedOn': expected a date "
                + "yyyy-MM-dd, got 18 characters\n").doesNotContain("0000000000");
    }

    @Test
    void replayExitCodes() throws Exception {
        Path good = dir.resolve("good.yaml");
        Files.writeString(good, """
                asOf: 2018-07-01
                facts:
                  organizations:
                    - {id: GD, name: 团省委, type: PROVINCIAL_COMMITTEE, sector: REGIONAL}
                    - {id: GZ, name: 广州市团委, parentId: GD, type: CITY_COMMITTEE, sector: REGIONAL, region: 广州}
                    - {id: B1, name: 示例团支部, parentId: GZ, type: BRANCH, sector: TWO_NEW}
                expect:
                  violations: [{ruleId: T04.HOLLOW_BRANCH, subjectId: B1, severity: VIOLATION}]
                """);
        Run ok = run("replay", good.toString());
        assertThat(ok.code()).isZero();
        assertThat(ok.out()).endsWith("2 passed, 0 failed\n");
        Files.writeString(dir.resolve("bad.yaml"), Files.readString(good).replace("severity: VIOLATION", "severity: WARNING"));
        Run failed = run("replay", dir.toString());
        assertThat(failed.code()).isEqualTo(1);
        assertThat(failed.out()).contains("FAIL", "differs in severity: expected WARNING, found VIOLATION", "2 passed, 2 failed");
        Files.writeString(dir.resolve("broken.yaml"), "asOf: [\n");
        assertThat(run("replay", dir.toString()).code()).isEqualTo(2);
        assertThat(run("replay", dir.resolve("missing.yaml").toString()).code()).isEqualTo(2);
    }

    @Test
    void validateReportsFileAndLine() throws Exception {
        Path rules = dir.resolve("rules");
        Files.createDirectories(rules);
        Files.writeString(rules.resolve("calendar.yaml"), "warningDays: 7\nmilestones:\n  T04: [{deadline: 2018-06-30}]\n");
        Files.writeString(rules.resolve("t04.drl"), """
                package rules;
                import org.lifeline.fact.*;
                rule "T04.X" @taskId("4") @severity("VIOLATION")
                when
                    Organization( type == OrgType.BRANCHX )
                then
                end
                """);
        Run bad = run("validate", rules.toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains(rules.resolve("t04.drl") + ":5").endsWith("1 error(s)\n");
        Files.writeString(rules.resolve("t04.drl"), Files.readString(rules.resolve("t04.drl")).replace("BRANCHX", "BRANCH"));
        Run good = run("validate", rules.toString());
        assertThat(good.code()).as(good.err()).isZero();
        assertThat(good.out()).startsWith("OK: 1 rules");
    }

    @Test
    void validateRefusesBadWaiversWithFileAndLineInChineseAndEnglish() throws Exception {
        Path rules = dir.resolve("rules");
        Files.createDirectories(rules);
        Files.writeString(rules.resolve("calendar.yaml"), "warningDays: 7\nmilestones:\n  T04: [{deadline: 2018-06-30}]\n");
        Files.writeString(rules.resolve("t04.drl"), """
                package rules;
                import org.lifeline.fact.*;
                rule "T04.X" @taskId("4") @severity("VIOLATION")
                when
                    Organization( type == OrgType.BRANCH )
                then
                end
                """);
        String w = "{reason: OTHER, reasonText: 说明, requestedBy: GZ, approvedBy: GZ, granted: 2018-07-01";
        Path waivers = dir.resolve("w.yaml");
        Files.writeString(waivers, "waivers:\n"
                + "  - {id: W1, ruleId: T04.X, subjectId: B1, " + w.substring(1) + ", expires: 2018-07-31}\n"
                + "  - {id: W2, ruleId: T04.Y, subjectId: B1, " + w.substring(1) + ", expires: 2018-07-31}\n"
                + "  - {id: W3, ruleId: T04.X, subjectId: B1, " + w.substring(1) + "}\n"
                + "  - {id: W4, ruleId: T04.X, subjectId: B1, " + w.substring(1) + ", expires: 2018-06-30}\n"
                + "  - {id: W5, ruleId: T04.X, subjectId: B1, " + w.substring(1) + ", expires: 2018-12-31}\n"
                + "  - {id: W1, task: 4, subjectId: B1, " + w.substring(1) + ", expires: 2018-07-31}\n");
        Run bad = run("validate", rules.toString(), "--waivers", waivers.toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err().lines()).containsExactly(
                waivers + ":4: 豁免文件有误：豁免 W3：缺少到期日（豁免必须有到期日）/ waiver W3: missing field 'expires' (every waiver must expire)",
                waivers + ":5: 豁免文件有误：豁免 W4：到期日早于批准日 / waiver W4: field 'expires' is before 'granted'",
                waivers + ":7: 豁免文件有误：豁免编号重复 / duplicate waiver id W1 (also on line 2)",
                waivers + ":3: 豁免文件有误：豁免 W2：规则编号不存在 / waiver W2: field 'ruleId': no rule T04.Y in the rule set",
                waivers + ":6: 豁免文件有误：豁免 W5：有效期超过规定的 90 天 / waiver W5: runs 183 days from 'granted' to 'expires', "
                        + "more than waiverMaxDays (90)",
                "5 error(s)");
        Files.writeString(waivers, "waivers:\n  - {id: W1, ruleId: T04.X, subjectId: B1, " + w.substring(1)
                .replace("approvedBy: GZ", "approvedBy: SZ") + ", expires: 2018-07-31}\n");
        assertThat(run("validate", rules.toString(), "--waivers", waivers.toString()).code()).isZero();
        Path facts = dir.resolve("facts");
        Files.createDirectories(facts);
        Files.writeString(facts.resolve("organizations.csv"), ORGS + "SZ,深圳市团委,GD,CITY_COMMITTEE,REGIONAL,深圳\n");
        Run approver = run("validate", rules.toString(), "--waivers", waivers.toString(), "--facts", facts.toString());
        assertThat(approver.code()).isEqualTo(2);
        assertThat(approver.err()).startsWith(waivers + ":2: 豁免文件有误：豁免 W1：审批单位不是该对象的上级组织 / waiver W1: "
                + "field 'approvedBy': SZ does not sit above the subject B1");
        Files.writeString(waivers, "waivers:\n  - {id: W1, ruleId: [T04.X\n");
        assertThat(run("validate", rules.toString(), "--waivers", waivers.toString()).err())
                .startsWith(waivers + ":3: 豁免文件有误：豁免文件不是有效的 YAML / not valid YAML");
    }

    @Test
    void checkAppliesTheWaiversOfTheFactDirectoryOrOfWaivers() throws Exception {
        export(ORGS);
        Files.writeString(dir.resolve("waivers.yaml"), "waivers:\n  - {id: W1, ruleId: T04.HOLLOW_BRANCH, subjectId: B1, "
                + "reason: 组织待组建, reasonText: 秋季组建, requestedBy: GZ, approvedBy: GZ, granted: 2018-06-20, expires: 2018-07-10}\n");
        JsonNode doc = new ObjectMapper().readTree(run("check", "--facts", dir.toString(), "--as-of", "2018-07-01",
                "--format", "json").out());
        assertThat(doc.get("violations")).filteredOn(v -> v.get("ruleId").asText().equals("T04.HOLLOW_BRANCH"))
                .singleElement().satisfies(v -> assertThat(v.get("waiverId").asText()).isEqualTo("W1"));
        assertThat(doc.get("waivers").get(0).get("expiringSoon").asBoolean()).isTrue();
        Run missing = run("check", "--facts", dir.toString(), "--as-of", "2018-07-01", "--waivers", dir.resolve("nope.yaml").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).isEqualTo("lifeline: --waivers: no such file: " + dir.resolve("nope.yaml") + "\n");
    }

    private static Set<String> iterable(java.util.Iterator<String> it) {
        Set<String> out = new java.util.LinkedHashSet<>();
        it.forEachRemaining(out::add);
        return out;
    }

    @Test
    void theSampleMakesEveryRuleFireSomewhere() throws Exception {
        Path out = dir.resolve("late.json");
        assertThat(run("check", "--as-of", "2018-10-21", "--format", "json", "--out", out.toString()).code()).isZero();
        Set<String> fired = new HashSet<>();
        new ObjectMapper().readTree(out.toFile()).get("violations").forEach(v -> fired.add(v.get("ruleId").asText()));
        assertThat(fired).containsExactlyInAnyOrderElementsOf(bundled.ruleIds());
    }
}

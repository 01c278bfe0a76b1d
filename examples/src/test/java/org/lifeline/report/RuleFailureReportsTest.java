package org.lifeline.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lifeline.cli.MainAccess;

/**
 * A rule that really throws, run by {@code lifeline check --rules}: every report format shows the failure, in
 * its own place, and the other rule's findings stand.
 */
class RuleFailureReportsTest {

    @TempDir
    Path dir;
    Path rules;
    Path facts;

    @BeforeEach
    void setUp() throws Exception {
        rules = Files.createDirectories(dir.resolve("rules"));
        Files.writeString(rules.resolve("calendar.yaml"), """
                campaign: test
                warningDays: 7
                milestones:
                  T04:
                    - {deadline: 2018-06-30}
                settings:
                  minBranchMembers: 3
                """);
        Files.writeString(rules.resolve("t04.drl"), """
                package rules;
                import org.lifeline.fact.*;
                import org.lifeline.calendar.Milestone;
                import org.lifeline.engine.Finding;

                rule "T04.HOLLOW_BRANCH"
                    @taskId("4") @severity("VIOLATION")
                    @description("空心团支部")
                    @message("{subject}为空心团支部，须于{deadline}前解决")
                    @messageEn("{subject} is hollow (due {deadline})")
                when
                    $m : Milestone( key == "T04" )
                    Organization( type == OrgType.BRANCH, purpose == null, $id : id )
                    not Member( orgId == $id )
                then
                    insertLogical( Finding.of(drools, $id).at($m) );
                end

                rule "T04.NUMBERED_BRANCH"
                    @taskId("4") @severity("VIOLATION") @message("{subject}")
                when
                    Organization( type == OrgType.BRANCH, $id : id, $name : name )
                then
                    // expects numeric names: throws on any other
                    insertLogical( Finding.of(drools, $id).detail( Integer.parseInt($name) ) );
                end
                """);
        facts = Files.createDirectories(dir.resolve("facts"));
        Files.writeString(facts.resolve("organizations.csv"), """
                id,name,parentId,type,sector,region
                GD,团省委,,PROVINCIAL_COMMITTEE,REGIONAL,
                GZ,示例市团委,GD,CITY_COMMITTEE,REGIONAL,示例
                B1,"=1+1<script>第二行",GZ,BRANCH,TWO_NEW,示例
                """, StandardCharsets.UTF_8);
    }

    private String check(String format) throws Exception {
        Path out = dir.resolve("report." + format);
        StringWriter err = new StringWriter();
        int code = MainAccess.run(new String[] {"check", "--rules", rules.toString(), "--facts", facts.toString(),
                "--as-of", "2018-07-01", "--format", format, "--out", out.toString()}, new PrintWriter(err));
        assertThat(code).as(err.toString()).isZero();
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    @Test
    void text() throws Exception {
        List<String> lines = check("text").lines().toList();
        assertThat(lines.get(2)).startsWith("！！ 评估不完整：1 条规则执行失败");
        assertThat(lines).contains("== 规则执行失败（1 条，评估不完整） ==");
        assertThat(lines.get(lines.indexOf("== 规则执行失败（1 条，评估不完整） ==") + 1))
                .startsWith("  T04.NUMBERED_BRANCH  错误：").contains("NumberFormatException");
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("    [逾期未完成] T04.HOLLOW_BRANCH  =1+1<script>第二行为空心团支部"));
    }

    @Test
    void json() throws Exception {
        JsonNode doc = new ObjectMapper().readTree(check("json"));
        assertThat(doc.get("summary").get("failures").asInt()).isEqualTo(1);
        JsonNode f = doc.get("failures").get(0);
        assertThat(f.get("ruleId").asText()).isEqualTo("T04.NUMBERED_BRANCH");
        assertThat(f.get("error").asText()).contains("NumberFormatException");
        assertThat(f.get("facts").isArray()).isTrue();
        assertThat(doc.get("violations")).hasSize(1);
    }

    @Test
    void csv() throws Exception {
        List<List<HostileReportTest.Cell>> rows = HostileReportTest.parseCsv(check("csv").substring(1));
        List<String> header = rows.get(0).stream().map(HostileReportTest.Cell::text).toList();
        assertThat(rows).hasSize(3);
        assertThat(rows.get(1).get(header.indexOf("record")).text()).isEqualTo("violation");
        assertThat(rows.get(1).get(header.indexOf("message")).text()).startsWith("'=1+1<script>第二行为空心团支部");
        List<HostileReportTest.Cell> failure = rows.get(2);
        assertThat(failure.get(header.indexOf("record")).text()).isEqualTo("failure");
        assertThat(failure.get(header.indexOf("ruleId")).text()).isEqualTo("T04.NUMBERED_BRANCH");
        assertThat(failure.get(header.indexOf("message")).text()).startsWith("规则执行失败").contains("NumberFormatException");
        assertThat(failure.get(header.indexOf("messageEn")).text()).startsWith("rule failed").contains("NumberFormatException");
    }

    @Test
    void html() throws Exception {
        String html = check("html");
        String body = html.substring(html.indexOf("<body>"));
        assertThat(body).contains("<div id=\"incomplete\" class=\"banner\" role=\"alert\">评估不完整：1 条规则执行失败",
                "<a href=\"#rule-failures\">", "<h2 class=\"major\" id=\"rule-failures\">规则执行失败（1 条，评估不完整）</h2>",
                "<tr><td>T04.NUMBERED_BRANCH</td><td>java.lang.NumberFormatException", "=1+1&lt;script&gt;第二行为空心团支部")
                .doesNotContain("<script>\n");
        assertThat(body.indexOf("id=\"incomplete\"")).isLessThan(body.indexOf("id=\"matrix\""));
    }
}

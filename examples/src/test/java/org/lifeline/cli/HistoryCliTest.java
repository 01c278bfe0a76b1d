package org.lifeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code check --history} and {@code history} on the bundled sample: checks as of 07-01, 07-08, 07-15 and 07-22
 * recorded into one history give, at 07-22, the changes since 07-15, the units whose trend misses the 07-30/07-31
 * milestones, and every unit's share over the four dates.
 */
class HistoryCliTest {

    @TempDir
    static Path dir;
    static Path history;
    static JsonNode at0722;

    @BeforeAll
    static void fourWeeklyChecks() throws Exception {
        history = dir.resolve("campaign");
        for (String date : List.of("2018-07-01", "2018-07-08", "2018-07-15")) {
            MainTest.Run r = MainTest.run("check", "--as-of", date, "--history", history.toString(), "--format", "json",
                    "--out", dir.resolve(date + ".json").toString());
            assertThat(r.code()).as(r.err()).isZero();
        }
        MainTest.Run r = MainTest.run("check", "--as-of", "2018-07-22", "--history", history.toString(), "--format", "json");
        assertThat(r.code()).as(r.err()).isZero();
        at0722 = new ObjectMapper().readTree(r.out());
    }

    @Test
    void theFirstCheckHasNothingToCompare() throws Exception {
        JsonNode first = new ObjectMapper().readTree(dir.resolve("2018-07-01.json").toFile());
        assertThat(first.has("sinceLast")).isTrue();
        assertThat(first.get("sinceLast").isNull()).isTrue();
        assertThat(first.get("atRisk")).isEmpty();
    }

    @Test
    void sinceLastComparesWithThePreviousSnapshot() {
        JsonNode s = at0722.get("sinceLast");
        assertThat(s.get("previousAsOf").asText()).isEqualTo("2018-07-15");
        assertThat(s.get("asOf").asText()).isEqualTo("2018-07-22");
        // the history records every finding, waived ones too
        int total = at0722.get("summary").get("total").asInt() + at0722.get("summary").get("waived").asInt();
        int jumps = 0;
        for (JsonNode v : at0722.get("violations")) {
            jumps += v.get("ruleId").asText().equals("A.SUDDEN_JUMP") ? 1 : 0;
        }
        assertThat(s.get("new").size() + s.get("persisting").asInt()).as("every recorded violation is new or persisting")
                .isEqualTo(total - jumps);
        // the sample: three schools reached 30% between 07-15 and 07-22, nothing new went wrong
        assertThat(s.get("new")).isEmpty();
        assertThat(s.get("resolved")).extracting(c -> c.get("ruleId").asText()).containsOnly("T12.TRANSFER_BEHIND").hasSize(3);
        assertThat(s.get("resolved").get(0).fieldNames()).toIterable()
                .containsExactly("ruleId", "task", "severity", "subjectType", "subjectId", "topUnitId");
        assertThat(s.get("counts")).hasSize(3).allSatisfy(c -> assertThat(c.get("change").asInt()).isEqualTo(-1));
    }

    @Test
    void unitsWhoseTrendMissesTheJuly30MilestonesAreAtRiskAndNotCounted() {
        JsonNode atRisk = at0722.get("atRisk");
        assertThat(atRisk).isNotEmpty();
        List<String> rules = new ArrayList<>();
        for (JsonNode v : atRisk) {
            rules.add(v.get("ruleId").asText());
            assertThat(v.get("severity").asText()).isEqualTo("AT_RISK");
            assertThat(v.get("deadline").asText()).isIn("2018-07-30", "2018-07-31");
            assertThat(v.get("measured").asDouble()).isLessThan(v.get("required").asDouble());
            assertThat(v.get("message").asText()).contains("以目前进度，预计7月3", "个百分点，目前每日");
        }
        assertThat(rules).allMatch(r -> r.equals("T12.TRANSFER_AT_RISK") || r.equals("T10.REGISTRATION_AT_RISK"));
        assertThat(at0722.get("summary").get("bySeverity").has("AT_RISK")).isFalse();
    }

    @Test
    void historyListsTheSnapshotsAndPrintsOneUnitsSeries() throws Exception {
        MainTest.Run list = MainTest.run("history", history.toString());
        assertThat(list.code()).as(list.err()).isZero();
        assertThat(list.out()).contains("2018-07-01", "2018-07-08", "2018-07-15", "2018-07-22", "4 snapshot(s)");

        String school = at0722.get("shares").findValues("key").stream().anyMatch(k -> k.asText().equals("T12.TRANSFER"))
                ? firstSubject("T12.TRANSFER") : null;
        assertThat(school).isNotNull();
        MainTest.Run series = MainTest.run("history", history.toString(), "--unit", school, "--key", "T12.TRANSFER");
        assertThat(series.code()).as(series.err()).isZero();
        assertThat(series.out().lines().filter(l -> l.startsWith("  2018-07-"))).hasSize(4);

        String city = at0722.get("violations").get(0).get("topUnitId").asText();
        MainTest.Run unit = MainTest.run("history", history.toString(), "--unit", city);
        assertThat(unit.code()).as(unit.err()).isZero();
        assertThat(unit.out()).contains(city + " MEMBERS.REPORTED", city + " counts: members, reported, branches, hollow branches");
    }

    @Test
    void aCorruptHistoryIsExitTwoWithOneLineAndTheReportIsStillWritten() throws Exception {
        Path bad = dir.resolve("bad.mv.db");
        Files.writeString(bad, "not a database ".repeat(500));
        Path out = dir.resolve("report.txt");
        MainTest.Run r = MainTest.run("check", "--as-of", "2018-07-08", "--history", bad.toString(), "--out", out.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().lines()).hasSize(2).first().asString().startsWith("lifeline: " + bad).contains("history file");
        assertThat(r.err().lines()).last().isEqualTo("lifeline: report written to " + out.toAbsolutePath());
        assertThat(Files.readString(out)).startsWith("命脉工程攻坚阶段检查报告  截至 2018-07-08");
    }

    @Test
    void historyOfAMissingFileIsExitTwo() {
        MainTest.Run r = MainTest.run("history", dir.resolve("nothing-here").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("no such history file");
        assertThat(dir.resolve("nothing-here.mv.db")).doesNotExist();
    }

    @Test
    void theTextReportShowsTheChangesFirst() {
        MainTest.Run r = MainTest.run("check", "--as-of", "2018-07-22", "--history", history.toString());
        assertThat(r.code()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines.get(3)).isEqualTo("== 与上次检查（截至 2018-07-15）相比 ==");
        assertThat(r.out()).contains("== 预计未能按期达标（趋势预测，不计入问题数）");
    }

    @Test
    void replayRunsHistoryScenarios() {
        MainTest.Run r = MainTest.run("replay", Path.of("../rules-history/src/test/resources/scenarios").toString());
        assertThat(r.code()).as(r.out()).isZero();
        assertThat(r.out()).contains("PASS A.SUDDEN_JUMP", "3 passed, 0 failed");
    }

    private static String firstSubject(String key) {
        for (JsonNode s : at0722.get("shares")) {
            if (s.get("key").asText().equals(key) && s.get("total").asInt() > 0) {
                return s.get("subjectId").asText();
            }
        }
        return null;
    }
}

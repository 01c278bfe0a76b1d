package org.lifeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lifeline.engine.Lifeline;

/** The small things a first-time user of the command meets: --version, a mistyped word, where --out wrote. */
class MainUsabilityTest {

    @TempDir
    Path dir;

    @Test
    void versionNamesTheCommandAndTheBundledRulesVersionAlsoAfterACommand() {
        MainTest.Run r = MainTest.run("--version");
        assertThat(r.code()).isZero();
        Lifeline bundled = Lifeline.bundled();
        assertThat(r.out().lines()).hasSize(3).first().asString().startsWith("lifeline ");
        assertThat(r.out().lines().toList().get(1)).isEqualTo("rules " + bundled.rulesVersion() + " ("
                + bundled.ruleIds().size() + " rules, calendar " + bundled.calendar().name() + ")");
        assertThat(r.out().lines().toList().get(2)).startsWith("Java ").doesNotContain("(unknown");
        MainTest.Run sub = MainTest.run("check", "--version");
        assertThat(sub.code()).isZero();
        assertThat(sub.out()).as("a command answers --version as the top does").isEqualTo(r.out());
    }

    @Test
    void aMistypedCommandIsExitTwoAndSuggestsTheCommandMeant() {
        MainTest.Run r = MainTest.run("chek");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("lifeline: Unmatched argument at index 0: 'chek'", "lifeline: did you mean check?");
    }

    @Test
    void aMistypedOptionIsExitTwoAndSuggestsTheOptionMeant() {
        MainTest.Run r = MainTest.run("check", "--as_of", "2018-07-01");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("'--as_of'", "did you mean --as-of?");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void outSaysOnStderrWhereTheReportWasWrittenAndNothingOnStdout() throws Exception {
        Path out = dir.resolve("report.json");
        MainTest.Run r = MainTest.run("check", "--format", "json", "--out", out.toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).isEmpty();
        assertThat(r.err().lines()).containsExactly("lifeline: report written to " + out.toAbsolutePath());
        assertThat(Files.size(out)).isPositive();
    }

    @Test
    void withoutOutNothingIsSaidAboutWhereTheReportWent() {
        MainTest.Run r = MainTest.run("check", "--format", "csv");
        assertThat(r.code()).isZero();
        assertThat(r.err()).doesNotContain("report written");
    }
}

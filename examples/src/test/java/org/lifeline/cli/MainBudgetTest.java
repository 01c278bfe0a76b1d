package org.lifeline.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rules that loop or overflow the stack end the command with exit 2 and one line, never a stack trace. */
class MainBudgetTest {

    @TempDir
    Path dir;

    private static final String CALENDAR = """
            campaign: test
            warningDays: 7
            milestones:
              T04:
                - {deadline: 2018-06-30}
            """;

    private Path rules(String then) throws Exception {
        Files.writeString(dir.resolve("calendar.yaml"), CALENDAR);
        Files.writeString(dir.resolve("t04.drl"), """
                package rules;
                import org.lifeline.fact.*;
                function int deeper(int n) { return deeper(n + 1) + 1; }

                rule "T04.HOSTILE"
                    @taskId("4") @severity("VIOLATION") @message("{subject}")
                when
                    $o : Organization( parentId == null )
                then
                    %s
                end
                """.formatted(then));
        return dir;
    }

    @Test
    void aRuleThatUpdatesWhatItMatchesGivesExit2AndOneLine() throws Exception {
        Path rules = rules("update($o);");
        MainTest.Run r = assertTimeoutPreemptively(Duration.ofMinutes(2), () -> MainTest.run("check", "--rules", rules.toString()));
        assertThat(r.code()).isEqualTo(Main.BAD_INPUT);
        assertThat(r.err().lines()).singleElement().satisfies(l -> assertThat(l).startsWith("lifeline: ").contains("T04.HOSTILE"));
    }

    @Test
    void aRuleThatOverflowsTheStackIsARuleFailureAndTheCheckCompletes() throws Exception {
        Path rules = rules("deeper(0);");
        MainTest.Run r = assertTimeoutPreemptively(Duration.ofMinutes(2), () -> MainTest.run("check", "--rules", rules.toString(), "--format", "json"));
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("\"asOf\"");
        assertThat(r.err()).doesNotContain("\tat ");
    }

    @Test
    void aRuleFileThatOverflowsTheCheckerGivesExit2AndOneLine() throws Exception {
        Path rules = rules("Object x = " + String.join(".", java.util.Collections.nCopies(5_000, "a")) + ";");
        for (String[] args : new String[][] {{"validate", rules.toString()}, {"check", "--rules", rules.toString()}}) {
            MainTest.Run r = assertTimeoutPreemptively(Duration.ofMinutes(2), () -> MainTest.run(args));
            assertThat(r.code()).as(String.join(" ", args)).isEqualTo(Main.BAD_INPUT);
            assertThat(r.err()).doesNotContain("\tat ");
            assertThat(r.err().lines()).isNotEmpty().allSatisfy(l -> assertThat(l).doesNotStartWith("\t"));
        }
    }
}

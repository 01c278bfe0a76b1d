package org.lifeline.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rules that would loop or overflow the stack end the command with exit 2 and one line a problem, never a stack trace. */
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

    // Loops and recursion cannot reach the command line: the guard refuses the folder before anything runs (a host
    // that trusts its rules gets the budgets instead: RuleBudgetTest).

    @Test
    void aRuleThatUpdatesWhatItMatchesIsRefusedBeforeItRunsWithFileAndLine() throws Exception {
        Path rules = rules("update($o);");
        MainTest.Run r = assertTimeoutPreemptively(Duration.ofMinutes(2), () -> MainTest.run("check", "--rules", rules.toString()));
        assertThat(r.code()).isEqualTo(Main.BAD_INPUT);
        assertThat(r.err()).contains("t04.drl:3:").contains("t04.drl:10:").doesNotContain("\tat ");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void aRecursiveFunctionIsRefusedBeforeItRuns() throws Exception {
        Path rules = rules("deeper(0);");
        MainTest.Run r = assertTimeoutPreemptively(Duration.ofMinutes(2), () -> MainTest.run("validate", rules.toString()));
        assertThat(r.code()).isEqualTo(Main.BAD_INPUT);
        assertThat(r.err()).contains("t04.drl:3:").contains("function").doesNotContain("\tat ");
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

package org.lifeline.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuleLoadingTest {

    @TempDir
    Path dir;

    @Test
    void aSoundDirectoryCompilesWithItsRuleIds() {
        Lifeline lifeline = Lifeline.fromDirectory(TestRules.valid(dir));
        assertThat(lifeline.ruleIds()).containsExactly("T04.HOLLOW_BRANCH");
        assertThat(lifeline.rulesVersion()).hasSize(12);
        assertThat(Lifeline.validate(dir)).isEmpty();
    }

    @Test
    void aSyntaxErrorIsReportedWithFileAndLineAndNothingIsLoaded() {
        TestRules.write(dir, Map.of("calendar.yaml", TestRules.CALENDAR,
                "ok.drl", TestRules.HOLLOW_BRANCH,
                "sub/broken.drl", """
                        package rules;
                        import org.lifeline.fact.*;

                        rule "T04.BROKEN" @taskId("4") @severity("VIOLATION")
                        when
                            Organization( type == )
                        then
                        end
                        """));
        List<RuleError> errors = Lifeline.validate(dir);
        assertThat(errors).isNotEmpty();
        assertThat(errors).allSatisfy(e -> assertThat(e.file()).isEqualTo("sub/broken.drl"));
        assertThat(errors.get(0).line()).isEqualTo(6);
        assertThatThrownBy(() -> Lifeline.fromDirectory(dir)).isInstanceOf(RuleCompilationException.class)
                .hasMessageContaining("sub/broken.drl:6");
        assertThat(errors.get(0).messageZh()).startsWith("语法错误").contains(errors.get(0).message());
    }

    @Test
    void anUnknownFactFieldIsReportedWithItsLine() {
        TestRules.write(dir, Map.of("calendar.yaml", TestRules.CALENDAR, "t.drl", """
                package rules;
                import org.lifeline.fact.*;

                rule "T04.BAD_FIELD" @taskId("4") @severity("VIOLATION")
                when
                    Organization( colour == "red" )
                then
                end
                """));
        assertThat(Lifeline.validate(dir)).anySatisfy(e -> {
            assertThat(e.file()).isEqualTo("t.drl");
            assertThat(e.line()).isEqualTo(6);
        });
    }

    @Test
    void rulesNeedMetadataAndContractIds() {
        TestRules.write(dir, Map.of("calendar.yaml", TestRules.CALENDAR, "t.drl", """
                package rules;
                import org.lifeline.fact.*;

                rule "T04.NO_META"
                when
                    Organization( )
                then
                end

                rule "hollow things" @taskId("4") @severity("VIOLATION")
                when
                    Organization( )
                then
                end

                rule "T05.WRONG_TASK" @taskId("4") @severity("VIOLATION")
                when
                    Organization( )
                then
                end
                """));
        assertThat(Lifeline.validate(dir)).extracting(RuleError::toString).containsExactlyInAnyOrder(
                "t.drl:4: rule T04.NO_META needs @taskId(\"n\") and @severity(\"VIOLATION|WARNING|ANOMALY|MEASURE\") metadata",
                "t.drl:10: rule id 'hollow things' is not of the form Tnn.NAME or A.NAME",
                "t.drl:16: @taskId(4) does not match rule id T05.WRONG_TASK");
    }

    @Test
    void aMilestoneOrSettingMissingFromTheCalendarIsAnError() {
        TestRules.write(dir, Map.of("calendar.yaml", TestRules.CALENDAR, "t.drl", """
                package rules;
                import org.lifeline.fact.*;
                import org.lifeline.calendar.*;

                rule "T09.X" @taskId("9") @severity("VIOLATION")
                when
                    Milestone( key == "T09" )
                    Setting( name == "noSuchSetting" )
                then
                end
                """));
        assertThat(Lifeline.validate(dir).get(0).messageZh()).startsWith("规则读取的");
        assertThat(Lifeline.validate(dir)).extracting(RuleError::toString).containsExactlyInAnyOrder(
                "t.drl:7: milestone 'T09' is not in calendar.yaml",
                "t.drl:8: setting 'noSuchSetting' is not in calendar.yaml");
    }

    @Test
    void aBrokenCalendarIsReportedWithItsLine() {
        TestRules.write(dir, Map.of("t04.drl", TestRules.HOLLOW_BRANCH, "calendar.yaml", """
                warningDays: 7
                milestones:
                  T04:
                    - {deadline: 2018-06-31}
                """));
        assertThat(Lifeline.validate(dir)).extracting(RuleError::toString)
                .containsExactly("calendar.yaml: milestones.T04.deadline: not a date (yyyy-MM-dd): 2018-06-31");
        assertThat(Lifeline.validate(dir).get(0).messageZh()).startsWith("日历或联络组文件有误：");
    }

    @Test
    void aDirectoryWithoutCalendarIsRefused() {
        TestRules.write(dir, Map.of("t04.drl", TestRules.HOLLOW_BRANCH));
        assertThat(Lifeline.validate(dir)).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("has no calendar.yaml"));
    }
}

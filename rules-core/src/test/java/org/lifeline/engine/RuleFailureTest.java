package org.lifeline.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lifeline.fact.FactSet;
import org.lifeline.fact.OrgType;
import org.lifeline.fact.Organization;
import org.lifeline.fact.Sector;

/** A rule whose consequence throws on data it did not expect is isolated, or stops everything when told to. */
class RuleFailureTest {

    @TempDir
    Path dir;

    @BeforeEach
    void rules() {
        TestRules.write(dir, Map.of("calendar.yaml", TestRules.CALENDAR, "t04.drl", TestRules.HOLLOW_BRANCH, "fragile.drl", """
                package rules;
                import org.lifeline.fact.*;
                import org.lifeline.engine.Finding;

                rule "T04.NUMBERED_BRANCH"
                    @taskId("4") @severity("VIOLATION") @message("{subject}")
                when
                    Organization( type == OrgType.BRANCH, $id : id, $name : name )
                then
                    // expects numeric names: throws on any other
                    insertLogical( Finding.of(drools, $id).detail( Integer.parseInt($name) ) );
                end
                """));
    }

    private static final FactSet FACTS = FactSet.of(List.of(
            Organization.of("GD", "团省委", null, OrgType.PROVINCIAL_COMMITTEE, Sector.REGIONAL),
            Organization.of("B1", "101", "GD", OrgType.BRANCH, Sector.REGIONAL),
            Organization.of("B2", "示例团支部", "GD", OrgType.BRANCH, Sector.REGIONAL)));

    @Test
    void theEvaluationCompletesAndReportsTheRuleAndTheFact() {
        Evaluation e = Lifeline.fromDirectory(dir).evaluate(FACTS, LocalDate.of(2018, 7, 1));
        assertThat(e.ofRule("T04.NUMBERED_BRANCH")).extracting(Violation::subjectId).containsExactly("B1");
        assertThat(e.ofRule("T04.HOLLOW_BRANCH")).extracting(Violation::subjectId).containsExactly("B1", "B2");
        assertThat(e.failures()).singleElement().satisfies(f -> {
            assertThat(f.ruleId()).isEqualTo("T04.NUMBERED_BRANCH");
            assertThat(f.facts()).contains("Organization B2");
            assertThat(f.error()).contains("NumberFormatException").contains("<Organization.name>").doesNotContain("示例团支部");
            assertThat(f.takenOut()).as("its consequence threw: its other firings stand").isFalse();
        });
    }

    @Test
    void aLiveMonitorKeepsGoing() {
        try (Monitor m = Lifeline.fromDirectory(dir).monitor(LocalDate.of(2018, 7, 1), mock(ViolationListener.class))) {
            m.insertAll(FACTS.stream().toList());
            m.insert(Organization.of("B3", "103", "GD", OrgType.BRANCH, Sector.REGIONAL));
            assertThat(m.violations()).extracting(Violation::subjectId).contains("B3");
            assertThat(m.failures()).extracting(RuleFailure::ruleId).containsExactly("T04.NUMBERED_BRANCH");
        }
    }

    private static final String THROWING_CONDITION = """
            package rules;
            import org.lifeline.fact.*;
            import org.lifeline.engine.Finding;

            rule "T04.LONG_REGION"
                @taskId("4") @severity("VIOLATION") @message("{subject}")
            when
                // throws when region is absent: the data the rule did not expect
                Organization( region.length() > 2, $id : id )
            then
                insertLogical( Finding.of(drools, $id) );
            end
            """;

    @Test
    void aRuleWhoseConditionThrowsIsTakenOutAndTheRestStands() {
        TestRules.write(dir, Map.of("fragile.drl", THROWING_CONDITION));
        Evaluation e = Lifeline.fromDirectory(dir).evaluate(FACTS, LocalDate.of(2018, 7, 1));
        assertThat(e.ofRule("T04.HOLLOW_BRANCH")).extracting(Violation::subjectId).containsExactly("B1", "B2");
        assertThat(e.failures()).singleElement().satisfies(f -> {
            assertThat(f.ruleId()).isEqualTo("T04.LONG_REGION");
            assertThat(f.facts()).containsExactly("Organization GD");
            assertThat(f.error()).contains("region.length() > 2");
            assertThat(f.takenOut()).as("its conditions threw: it has no findings at all").isTrue();
        });
        assertThat(e.status()).as("a rule failed: the result can neither pass nor fail").isEqualTo(Evaluation.Status.INCOMPLETE);
        assertThat(e.coverage()).filteredOn(RuleCoverage::failed).extracting(RuleCoverage::ruleId)
                .containsExactly("T04.LONG_REGION");
        try (Monitor m = Lifeline.fromDirectory(dir).monitor(LocalDate.of(2018, 7, 1), mock(ViolationListener.class))) {
            m.insertAll(FACTS.stream().toList());
            assertThat(m.violations()).extracting(Violation::subjectId).containsExactly("B1", "B2");
            assertThat(m.failures()).extracting(RuleFailure::ruleId, RuleFailure::takenOut)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("T04.LONG_REGION", true));
            m.insert(org.lifeline.fact.Member.of("M1", "B1"));
            assertThat(m.violations()).extracting(Violation::subjectId).containsExactly("B2");
        }
        assertThatThrownBy(() -> Lifeline.builder().rulesDirectory(dir).failFast(true).build().evaluate(FACTS, LocalDate.of(2018, 7, 1)))
                .hasMessageContaining("T04.LONG_REGION");
    }

    @Test
    void failFastStops() {
        Lifeline strict = Lifeline.builder().rulesDirectory(dir).failFast(true).build();
        assertThatThrownBy(() -> strict.evaluate(FACTS, LocalDate.of(2018, 7, 1)))
                .isInstanceOf(RuleFailureException.class).hasMessageContaining("T04.NUMBERED_BRANCH");
    }
}

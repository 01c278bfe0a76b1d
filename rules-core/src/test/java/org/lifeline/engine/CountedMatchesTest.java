package org.lifeline.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lifeline.calendar.Milestone;
import org.lifeline.fact.FactSet;
import org.lifeline.fact.Member;
import org.lifeline.fact.OrgType;
import org.lifeline.fact.Organization;
import org.lifeline.fact.Sector;

/**
 * {@link Lifeline#evaluate(FactSet, LocalDate, java.util.function.Predicate)}: coverage's matches and firings count
 * only the matches the caller's predicate accepts; the findings are those of the ordinary evaluation.
 */
class CountedMatchesTest {

    @TempDir
    Path dir;

    private static final LocalDate JULY_15 = LocalDate.of(2018, 7, 15);

    private static Organization org(String id, String parent, OrgType type) {
        return Organization.of(id, id + "名称", parent, type, Sector.REGIONAL);
    }

    /** Three branches, two of them hollow (B2, B3): T04.HOLLOW_BRANCH matches twice. */
    private static FactSet province() {
        return FactSet.of(List.of(org("GD", null, OrgType.PROVINCIAL_COMMITTEE), org("GZ", "GD", OrgType.CITY_COMMITTEE),
                org("B1", "GZ", OrgType.BRANCH), org("B2", "GZ", OrgType.BRANCH), org("B3", "GZ", OrgType.BRANCH),
                Member.of("M1", "B1")));
    }

    private static RuleCoverage hollowBranch(Evaluation e) {
        return e.coverage().stream().filter(c -> c.ruleId().equals("T04.HOLLOW_BRANCH")).findFirst().orElseThrow();
    }

    @Test
    void aPredicateThatRefusesEveryMatchCountsNoneAndLeavesTheFindingsAsTheyAre() {
        Lifeline lifeline = Lifeline.fromDirectory(TestRules.valid(dir));
        Evaluation all = lifeline.evaluate(province(), JULY_15);
        Evaluation none = lifeline.evaluate(province(), JULY_15, objects -> false);

        assertThat(hollowBranch(all).matches()).isEqualTo(2);
        assertThat(hollowBranch(all).fired()).isEqualTo(2);
        assertThat(hollowBranch(none).matches()).isZero();
        assertThat(hollowBranch(none).fired()).isZero();
        assertThat(hollowBranch(none).violations()).isEqualTo(2);
        assertThat(none.violations()).isNotEmpty().containsExactlyElementsOf(all.violations());
        assertThat(none.shares()).isEqualTo(all.shares());
        assertThat(none.spotCheckPlan()).isEqualTo(all.spotCheckPlan());
        assertThat(none.status()).isEqualTo(all.status());
    }

    @Test
    void thePredicateSeesEachMatchsObjectsInPatternOrderAndCountsThoseItAccepts() {
        Lifeline lifeline = Lifeline.fromDirectory(TestRules.valid(dir));
        List<List<Object>> seen = new ArrayList<>();
        Evaluation e = lifeline.evaluate(province(), JULY_15, objects -> {
            seen.add(List.copyOf(objects));
            return objects.stream().anyMatch(o -> o instanceof Organization org && org.id().equals("B2"));
        });

        assertThat(hollowBranch(e).matches()).isEqualTo(1);
        assertThat(hollowBranch(e).fired()).isEqualTo(1);
        assertThat(hollowBranch(e).violations()).isEqualTo(2);
        // asked when each match is created and when it fires: the milestone, then the branch ("not" binds nothing)
        assertThat(seen).hasSize(4).allSatisfy(objects -> {
            assertThat(objects).hasSize(2);
            assertThat(objects.get(0)).isInstanceOf(Milestone.class);
            assertThat(objects.get(1)).isInstanceOf(Organization.class);
        });
    }

    @Test
    void withoutAPredicateEveryMatchIsCounted() {
        Lifeline lifeline = Lifeline.fromDirectory(TestRules.valid(dir));

        assertThat(lifeline.evaluate(province(), JULY_15, null).coverage())
                .isEqualTo(lifeline.evaluate(province(), JULY_15).coverage());
    }
}

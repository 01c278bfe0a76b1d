package org.lifeline.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.lifeline.fact.Member;
import org.lifeline.fact.OrgType;
import org.lifeline.fact.Organization;
import org.lifeline.fact.Sector;

class SpotCheckTest {

    private static final List<String> HUNDRED = IntStream.range(0, 100).mapToObj(i -> String.format("M%03d", i)).toList();

    @Test
    void theDrawIsRepeatableAndIgnoresInputOrder() {
        List<String> first = SpotCheck.draw(HUNDRED, 5, 42, "A.BULK_REPORTING", "B1");
        List<String> shuffled = new ArrayList<>(HUNDRED);
        Collections.shuffle(shuffled, new Random(1));
        assertThat(SpotCheck.draw(shuffled, 5, 42, "A.BULK_REPORTING", "B1")).isEqualTo(first);
        assertThat(first).hasSize(5).isSorted().isSubsetOf(HUNDRED).doesNotHaveDuplicates();
    }

    @Test
    void theDrawDiffersAcrossSubjectsRulesAndSeeds() {
        List<String> base = SpotCheck.draw(HUNDRED, 5, 42, "A.BULK_REPORTING", "B1");
        assertThat(SpotCheck.draw(HUNDRED, 5, 42, "A.BULK_REPORTING", "B2")).isNotEqualTo(base);
        assertThat(SpotCheck.draw(HUNDRED, 5, 42, "A.UNDERSIZED_BRANCH", "B1")).isNotEqualTo(base);
        assertThat(SpotCheck.draw(HUNDRED, 5, 43, "A.BULK_REPORTING", "B1")).isNotEqualTo(base);
    }

    @Test
    void smallGroupsAreTakenWhole() {
        assertThat(SpotCheck.draw(List.of("M1", "M2"), 5, 42, "A.X", "S")).containsExactly("M1", "M2");
    }

    @Test
    void everyCandidateHasAboutTheSameChance() {
        Map<String, Integer> hits = new HashMap<>();
        for (int subject = 0; subject < 4000; subject++) {
            for (String m : SpotCheck.draw(HUNDRED, 5, 42, "A.BULK_REPORTING", "B" + subject)) {
                hits.merge(m, 1, Integer::sum);
            }
        }
        // 4000 draws of 5 from 100: 200 expected per member; a fair draw stays well inside 120..280
        assertThat(hits).hasSize(100);
        assertThat(hits.values()).allSatisfy(n -> assertThat(n).isBetween(120, 280));
    }

    @Test
    void thePlanTakesAnomaliesInTurnPerGroupUpToTheLimit() {
        Violation a = anomaly("A.UNDERSIZED_BRANCH", "B1", 3, List.of("M1", "M2"));
        Violation b = anomaly("A.BULK_REPORTING", "B2", 3, List.of("M3", "M4", "M5"));
        Violation c = anomaly("A.DUPLICATE_PERSON", "M6", 5, List.of("M6", "M7"));
        Map<String, Member> members = new HashMap<>();
        for (String id : List.of("M1", "M2", "M3", "M4", "M5", "M6", "M7")) {
            members.put(id, Member.of(id, "B1"));
        }
        Organization b1 = Organization.of("B1", "示例团支部", "GD", OrgType.BRANCH, Sector.REGIONAL);
        SpotCheckPlan plan = SpotCheck.plan(List.of(a, b, c), 3, id -> members.get(id).orgId(),
                id -> id.equals(b1.id()) ? b1.name() : null);
        assertThat(plan.byGroup()).containsOnlyKeys(3, 5);
        assertThat(plan.byGroup().get(3)).extracting(SpotCheckPlan.Call::memberId).containsExactly("M1", "M3", "M2");
        assertThat(plan.byGroup().get(5)).extracting(SpotCheckPlan.Call::memberId).containsExactly("M6", "M7");
        assertThat(plan.byGroup().get(3).get(0).orgName()).isEqualTo("示例团支部");
        assertThat(plan.byGroup().get(3).get(1).ruleId()).isEqualTo("A.BULK_REPORTING");
    }

    private static Violation anomaly(String rule, String subject, int group, List<String> members) {
        return new Violation(rule, 0, Severity.ANOMALY, SubjectType.ORGANIZATION, subject, "T", "T", "T", group,
                null, null, null, members, List.of(), "异常", "anomaly");
    }
}

package org.lifeline.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.lifeline.engine.Evaluation;
import org.lifeline.engine.RuleCoverage;

/** The equality of a merged evaluation with the engine's, part by part (so a failure names the part). */
final class SameEvaluation {

    private SameEvaluation() {
    }

    /**
     * Equal record for record: violations, spot-check plan, shares, failures, waivers, status, version; coverage's
     * rules, tasks, findings and failed flags equal, its matches and firings at least the engine's (summed over
     * keys that also hold facts they do not own, see {@link KeyResults}).
     */
    static void assertSame(Evaluation merged, Evaluation engine) {
        assertThat(merged.asOf()).isEqualTo(engine.asOf());
        assertThat(merged.rulesVersion()).isEqualTo(engine.rulesVersion());
        assertThat(merged.violations()).as("violations").containsExactlyElementsOf(engine.violations());
        assertThat(merged.spotCheckPlan()).as("spot-check plan").isEqualTo(engine.spotCheckPlan());
        assertThat(merged.shares()).as("shares").containsExactlyElementsOf(engine.shares());
        assertThat(merged.failures()).as("failures").containsExactlyInAnyOrderElementsOf(engine.failures());
        assertThat(merged.waivers()).as("waivers").containsExactlyElementsOf(engine.waivers());
        assertThat(merged.status()).isEqualTo(engine.status());
        assertThat(withoutCounts(merged.coverage())).as("coverage without match counts")
                .containsExactlyElementsOf(withoutCounts(engine.coverage()));
        for (int i = 0; i < engine.coverage().size(); i++) {
            RuleCoverage e = engine.coverage().get(i);
            RuleCoverage m = merged.coverage().get(i);
            assertThat(m.matches()).as(e.ruleId() + " matches").isGreaterThanOrEqualTo(e.matches());
            assertThat(m.fired()).as(e.ruleId() + " fired").isGreaterThanOrEqualTo(e.fired());
        }
    }

    private static List<RuleCoverage> withoutCounts(List<RuleCoverage> coverage) {
        return coverage.stream().map(c -> new RuleCoverage(c.ruleId(), c.task(), 0, 0, c.violations(), c.waived(),
                c.failed())).toList();
    }
}

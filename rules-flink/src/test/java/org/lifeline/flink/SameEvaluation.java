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
     * Equal record for record: violations, spot-check plan, shares, failures, waivers, status, version, and coverage
     * (per rule: matches, firings, findings, failed flag; each key counts the matches it owns, {@link OwnedMatches}).
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
        assertThat(differing(merged.coverage(), engine.coverage())).as("coverage (merged, then engine)").isEmpty();
        assertThat(merged.coverage()).as("coverage").containsExactlyElementsOf(engine.coverage());
    }

    /** The rules whose coverage differs, merged then engine, one line each (a failure names them all at once). */
    private static List<String> differing(List<RuleCoverage> merged, List<RuleCoverage> engine) {
        return engine.stream().filter(e -> !merged.contains(e))
                .map(e -> merged.stream().filter(m -> m.ruleId().equals(e.ruleId())).findFirst()
                        .map(Object::toString).orElse("none") + " / " + e)
                .toList();
    }
}

package org.lifeline.engine;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The result of one snapshot evaluation: the violations as of a date, in {@link Violation#ORDER}, and the
 * version of the rule set that found them, the spot-check plan drawn from its anomalies, and the rules that
 * failed (their other findings stand). Same facts and
 * date, same list in the same order.
 */
public record Evaluation(LocalDate asOf, String rulesVersion, List<Violation> violations, SpotCheckPlan spotCheckPlan,
                         List<RuleFailure> failures) {

    public Evaluation {
        violations = List.copyOf(violations);
        failures = List.copyOf(failures);
    }

    /** How many violations per severity. */
    public Map<Severity, Long> countBySeverity() {
        return violations.stream().collect(Collectors.groupingBy(Violation::severity, TreeMap::new, Collectors.counting()));
    }

    /** The violations of one rule. */
    public List<Violation> ofRule(String ruleId) {
        return violations.stream().filter(v -> v.ruleId().equals(ruleId)).toList();
    }
}

package org.lifeline.engine;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The result of one snapshot evaluation: the violations as of a date, in {@link Violation#ORDER}, the version of
 * the rule set that found them, the spot-check plan drawn from its anomalies, the rules that failed (their other
 * findings stand), and the measured shares of the percentage milestones. Same facts and date, same result.
 */
public record Evaluation(LocalDate asOf, String rulesVersion, List<Violation> violations, SpotCheckPlan spotCheckPlan,
                         List<RuleFailure> failures, List<Share> shares) {

    public Evaluation {
        violations = List.copyOf(violations);
        failures = List.copyOf(failures);
        shares = List.copyOf(shares);
    }

    /** The measured shares of one calendar key (e.g. {@code T12.TRANSFER}), every subject, met or not. */
    public List<Share> sharesOf(String key) {
        return shares.stream().filter(s -> s.key().equals(key)).toList();
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

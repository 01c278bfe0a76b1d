package org.lifeline.engine;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.lifeline.waiver.WaiverStatus;

/**
 * The result of one snapshot evaluation: the violations as of a date, in {@link Violation#ORDER} (waived ones
 * included, with {@link Violation.Status#WAIVED}), the version of the rule set that found them, the spot-check plan
 * drawn from its open anomalies, the rules that failed (their other findings stand), the measured shares of the
 * percentage milestones, what each rule did ({@link #coverage()}) and what became of each waiver
 * ({@link #waivers()}). Same facts and date, same result.
 */
public record Evaluation(LocalDate asOf, String rulesVersion, List<Violation> violations, SpotCheckPlan spotCheckPlan,
                         List<RuleFailure> failures, List<Share> shares, List<RuleCoverage> coverage,
                         List<WaiverStatus> waivers) {

    /**
     * The overall outcome.
     *
     * <ul>
     *   <li>{@code INCOMPLETE}: a rule failed; its findings may be missing, so the result cannot pass or fail.</li>
     *   <li>{@code FAIL}: otherwise, at least one open VIOLATION or ANOMALY (an anomaly asks for a spot-check).</li>
     *   <li>{@code PASS}: otherwise. Open WARNINGs (not late yet), AT_RISK forecasts and WAIVED findings of any
     *       severity do not fail an evaluation.</li>
     * </ul>
     */
    public enum Status { PASS, FAIL, INCOMPLETE }

    public Evaluation {
        violations = List.copyOf(violations);
        failures = List.copyOf(failures);
        shares = List.copyOf(shares);
        coverage = List.copyOf(coverage);
        waivers = List.copyOf(waivers);
    }

    /** A result without coverage or waivers (made outside the engine). */
    public Evaluation(LocalDate asOf, String rulesVersion, List<Violation> violations, SpotCheckPlan spotCheckPlan,
                      List<RuleFailure> failures, List<Share> shares) {
        this(asOf, rulesVersion, violations, spotCheckPlan, failures, shares, List.of(), List.of());
    }

    /** The same result with other violations (e.g. findings a history adds); coverage and waivers are kept. */
    public Evaluation withViolations(List<Violation> others) {
        return new Evaluation(asOf, rulesVersion, others, spotCheckPlan, failures, shares, coverage, waivers);
    }

    /** See {@link Status}. */
    public Status status() {
        if (!failures.isEmpty()) {
            return Status.INCOMPLETE;
        }
        for (Violation v : violations) {
            if (v.open() && (v.severity() == Severity.VIOLATION || v.severity() == Severity.ANOMALY)) {
                return Status.FAIL;
            }
        }
        return Status.PASS;
    }

    /** The measured shares of one calendar key (e.g. {@code T12.TRANSFER}), every subject, met or not. */
    public List<Share> sharesOf(String key) {
        return shares.stream().filter(s -> s.key().equals(key)).toList();
    }

    /** How many open (not waived) violations per severity. */
    public Map<Severity, Long> countBySeverity() {
        return open().stream().collect(Collectors.groupingBy(Violation::severity, TreeMap::new, Collectors.counting()));
    }

    /** The findings that stand: every violation not waived. */
    public List<Violation> open() {
        return violations.stream().filter(Violation::open).toList();
    }

    /** The waived findings, counted apart. */
    public List<Violation> waived() {
        return violations.stream().filter(v -> !v.open()).toList();
    }

    /** The violations of one rule. */
    public List<Violation> ofRule(String ruleId) {
        return violations.stream().filter(v -> v.ruleId().equals(ruleId)).toList();
    }

    /**
     * The waivers a report lists for attention: expiring within {@link WaiverStatus#EXPIRING_DAYS} days, expired,
     * unused on this evaluation, or invalid.
     */
    public List<WaiverStatus> waiversNeedingAttention() {
        return waivers.stream().filter(WaiverStatus::needsAttention).toList();
    }
}

package org.lifeline.engine;

import java.util.List;

/**
 * What one rule did in an evaluation (per rule id of the rule set, measuring rules included).
 *
 * <p>{@code matches} is what Lifeline can count cheaply: how many times the rule's conditions held for a
 * combination of facts (the matches Drools created, counted by an agenda listener), not how many subjects the rule
 * looked at: the engine does not report the subjects a condition turned down. A rule that judges every branch
 * and finds none hollow has 0 matches; a measuring rule has one match per unit it measured. In a live
 * {@link Monitor} the counts run from the session's start (the monitor's start or last reload). An evaluation
 * of a part of the facts may count only the matches it answers for
 * ({@link Lifeline#evaluate(org.lifeline.fact.FactSet, java.time.LocalDate, java.util.function.Predicate)}), so that
 * the parts' counts add up to the whole's.
 *
 * @param matches    matches created: the times its conditions held
 * @param fired      matches fired (a match can be cancelled by a later change before it fires)
 * @param violations its open findings in the result
 * @param waived     its waived findings in the result
 * @param failed     true when the rule failed ({@link Evaluation#failures()}): its counts are incomplete
 */
public record RuleCoverage(String ruleId, int task, long matches, long fired, int violations, int waived,
                           boolean failed) {

    /** True when the rule never fired in this evaluation. */
    public boolean neverFired() {
        return fired == 0;
    }

    /**
     * The coverage of a rule set from which rules were taken out ({@link RuleFailure#takenOut()}): those as failed,
     * with no counts when the rule set no longer has them, by id.
     */
    public static List<RuleCoverage> withTakenOut(List<RuleCoverage> coverage, List<RuleFailure> takenOut) {
        java.util.Map<String, RuleCoverage> byId = new java.util.TreeMap<>();
        coverage.forEach(c -> byId.put(c.ruleId(), c));
        for (RuleFailure f : takenOut) {
            RuleCoverage c = byId.get(f.ruleId());
            int task = f.ruleId().startsWith("A.") ? 0 : parseTask(f.ruleId());
            byId.put(f.ruleId(), c == null ? new RuleCoverage(f.ruleId(), task, 0, 0, 0, 0, true)
                    : new RuleCoverage(c.ruleId(), c.task(), c.matches(), c.fired(), c.violations(), c.waived(), true));
        }
        return List.copyOf(byId.values());
    }

    private static int parseTask(String ruleId) {
        try {
            return Integer.parseInt(ruleId.substring(1, 3));
        } catch (RuntimeException e) {
            return 0;
        }
    }
}

package org.lifeline.engine;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The rules did not finish and the evaluation was stopped: a rule kept firing past the firing limit (a loop such
 * as a rule that modifies a fact it matches), the evaluation ran past its time budget (a consequence that never
 * returns), or the JVM ran out of memory. No result is given: the findings of a rule set that loops are not
 * trustworthy, and those of the other rules are incomplete. {@link #failure()} names the rule that fired most (a
 * loop) or that was running when time ran out, with the facts it had matched (by kind and id).
 *
 * <p>A {@link Monitor} stopped this way refuses further changes until {@link Monitor#reload} succeeds with rules
 * that finish.
 */
public class EvaluationStoppedException extends RuleFailureException {
    private static final long serialVersionUID = 1L;

    /** Why the evaluation was stopped. */
    public enum Reason { FIRING_LIMIT, TIMEOUT, OUT_OF_MEMORY, ERROR, INTERRUPTED }

    private final Reason reason;

    EvaluationStoppedException(Reason reason, RuleFailure failure, String message) {
        super(message, failure);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    /** Firings past the limit: the rules that fired most, the one whose consequence changed facts most first. */
    static EvaluationStoppedException firingLimit(Map<String, Long> top, int limit, long facts) {
        String rules = top.entrySet().stream().map(e -> e.getKey() + " ×" + e.getValue())
                .collect(Collectors.joining(", "));
        String first = top.isEmpty() ? null : top.keySet().iterator().next();
        String error = "kept firing past the limit of " + limit + " firings for " + facts + " facts: " + rules;
        return new EvaluationStoppedException(Reason.FIRING_LIMIT, new RuleFailure(first, List.of(), error),
                "规则循环触发，评估已中止（" + rules + "）/ the rules kept firing past the limit of " + limit
                        + " firings for " + facts + " facts and were stopped; looping: " + rules);
    }

    /** Time ran out; {@code rule} is the rule whose consequence was running, or null. */
    static EvaluationStoppedException timeout(Duration budget, String rule, List<String> facts, String mostFired) {
        String secs = budget.toMillis() % 1000 == 0 ? budget.toSeconds() + " s" : budget.toMillis() + " ms";
        String who = rule != null ? rule : mostFired;
        String what = rule != null ? "rule " + rule + " was still running" + (facts.isEmpty() ? "" : " on " + String.join(", ", facts))
                : mostFired != null ? "rule " + mostFired + " fired most" : "no rule was firing";
        return new EvaluationStoppedException(Reason.TIMEOUT, new RuleFailure(who, facts, "ran past the time budget of " + secs),
                "规则运行超过时限 " + secs + "，评估已中止" + (who == null ? "" : "（" + who + "）") + " / the evaluation ran past its "
                        + secs + " budget and was stopped: " + what);
    }

    static EvaluationStoppedException outOfMemory(String rule) {
        return new EvaluationStoppedException(Reason.OUT_OF_MEMORY, new RuleFailure(rule, List.of(), "OutOfMemoryError"),
                "内存不足，评估已中止 / out of memory, the evaluation was stopped"
                        + (rule == null ? "" : " (rule " + rule + " was firing)")
                        + "; give the JVM more heap (-Xmx, LIFELINE_JAVA_OPTS)");
    }

    static EvaluationStoppedException error(String rule, Throwable error) {
        return new EvaluationStoppedException(Reason.ERROR, new RuleFailure(rule, List.of(), error.toString()),
                "规则引擎出错，评估已中止 / the evaluation failed with " + error.getClass().getSimpleName()
                        + (rule == null ? "" : " in rule " + rule));
    }

    static EvaluationStoppedException interrupted() {
        return new EvaluationStoppedException(Reason.INTERRUPTED, new RuleFailure(null, List.of(), "interrupted"),
                "评估被中断 / the evaluation was interrupted");
    }
}

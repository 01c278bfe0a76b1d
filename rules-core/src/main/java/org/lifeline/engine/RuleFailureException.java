package org.lifeline.engine;

/** A rule failed and the engine was told to fail fast, or the rules did not finish ({@link EvaluationStoppedException}). */
public class RuleFailureException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient RuleFailure failure;

    public RuleFailureException(RuleFailure failure) {
        this("rule " + failure.ruleId() + " failed on " + failure.facts() + ": " + failure.error(), failure);
    }

    protected RuleFailureException(String message, RuleFailure failure) {
        super(message);
        this.failure = failure;
    }

    public RuleFailure failure() {
        return failure;
    }
}

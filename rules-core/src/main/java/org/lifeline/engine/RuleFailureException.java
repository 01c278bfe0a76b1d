package org.lifeline.engine;

/** A rule failed and the engine was told to fail fast. */
public class RuleFailureException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient RuleFailure failure;

    public RuleFailureException(RuleFailure failure) {
        super("rule " + failure.ruleId() + " failed on " + failure.facts() + ": " + failure.error());
        this.failure = failure;
    }

    public RuleFailure failure() {
        return failure;
    }
}

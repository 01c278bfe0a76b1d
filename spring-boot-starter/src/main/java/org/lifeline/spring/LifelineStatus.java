package org.lifeline.spring;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.lifeline.engine.Evaluation;
import org.lifeline.engine.EvaluationStoppedException;
import org.lifeline.engine.RuleError;
import org.lifeline.engine.RuleFailure;

/**
 * What the health indicator reports beside the rules and the monitor: the last evaluation through
 * {@link LifelineService} and the last failure of any kind (rule failures of an evaluation, an evaluation that gave no
 * result, a reload that did not load, a listener that threw). Never holds a fact's field values: rule failures and
 * errors come from the engine with personal data already taken out, and a listener's exception is named by class.
 */
final class LifelineStatus implements LifelineObserver {

    /**
     * The last evaluation: its date, the violations it found and its rule failures, or why it gave no result.
     *
     * @param stopped why the last evaluation gave no result (first line of the exception), or null
     */
    record LastEvaluation(LocalDate asOf, int violations, int failures, String stopped, Instant at) {
    }

    /** One failure: what kind ({@code rule}, {@code evaluation}, {@code reload}, {@code listener}), what, when. */
    record Failure(String kind, String detail, Instant at) {
    }

    private final Clock clock;
    private volatile LastEvaluation lastEvaluation;
    private volatile Failure lastFailure;

    LifelineStatus(Clock clock) {
        this.clock = clock;
    }

    LastEvaluation lastEvaluation() {
        return lastEvaluation;
    }

    Failure lastFailure() {
        return lastFailure;
    }


    @Override
    public void evaluated(Evaluation e, long nanos) {
        Instant now = clock.instant();
        lastEvaluation = new LastEvaluation(e.asOf(), e.violations().size(), e.failures().size(), null, now);
        if (!e.failures().isEmpty()) {
            RuleFailure first = e.failures().get(0);
            lastFailure = new Failure("rule", e.failures().size() + " rule failure(s) as of " + e.asOf() + "; first: "
                    + first.ruleId() + " " + first.facts() + ": " + firstLine(first.error()), now);
        }
    }

    @Override
    public void evaluationFailed(LocalDate asOf, RuntimeException e, long nanos) {
        Instant now = clock.instant();
        String why = e.getClass().getSimpleName() + ": " + firstLine(e.getMessage());
        lastEvaluation = new LastEvaluation(asOf, 0, 0, why, now);
        lastFailure = new Failure("evaluation", "evaluation as of " + asOf + " gave no result: " + why, now);
    }

    /** True when the last evaluation did not finish within its budget or firing limit. */
    boolean lastEvaluationStopped() {
        LastEvaluation l = lastEvaluation;
        return l != null && l.stopped() != null && l.stopped().startsWith(EvaluationStoppedException.class.getSimpleName());
    }

    @Override
    public void reloadFailed(List<RuleError> errors) {
        lastFailure = new Failure("reload", errors.size() + " error(s), the rules in use stay; first: "
                + (errors.isEmpty() ? "" : errors.get(0).toString()), clock.instant());
    }

    @Override
    public void listenerFailed(String listener, RuntimeException e) {
        lastFailure = new Failure("listener", listener + " threw " + e.getClass().getName(),
                clock.instant());
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }
}

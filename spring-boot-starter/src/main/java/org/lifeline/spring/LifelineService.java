package org.lifeline.spring;

import java.time.LocalDate;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.lifeline.engine.Evaluation;
import org.lifeline.engine.Lifeline;
import org.lifeline.fact.FactSet;
import org.springframework.beans.factory.ObjectProvider;

/**
 * The way a Spring host evaluates: {@link Lifeline#evaluate} on the rules in use (those reloaded from
 * {@code lifeline.rules-dir} when {@code lifeline.watch=true}, else the {@link Lifeline} bean), timed and counted in
 * the metrics and remembered for the health indicator. Thread-safe.
 *
 * <pre>{@code
 * @Autowired LifelineService lifeline;
 * Evaluation e = lifeline.evaluate(facts, LocalDate.of(2018, 7, 1));
 * }</pre>
 */
public final class LifelineService {

    private final AtomicReference<Lifeline> rules;
    private final ObjectProvider<LifelineObserver> observers;

    LifelineService(Lifeline rules, ObjectProvider<LifelineObserver> observers) {
        this.rules = new AtomicReference<>(Objects.requireNonNull(rules, "rules"));
        this.observers = observers;
    }

    /**
     * Evaluates a snapshot of facts as of a date with the rules in use; see {@link Lifeline#evaluate}.
     *
     * @throws org.lifeline.engine.EvaluationStoppedException when the rules do not finish within the budget
     * @throws org.lifeline.engine.RuleFailureException       when a rule fails and {@code lifeline.fail-fast=true}
     */
    public Evaluation evaluate(FactSet facts, LocalDate asOf) {
        long t0 = System.nanoTime();
        Evaluation e;
        try {
            e = rules.get().evaluate(facts, asOf);
        } catch (RuntimeException ex) {
            long nanos = System.nanoTime() - t0;
            notify(o -> o.evaluationFailed(asOf, ex, nanos));
            throw ex;
        }
        long nanos = System.nanoTime() - t0;
        notify(o -> o.evaluated(e, nanos));
        return e;
    }

    /** The rules in use: the {@link Lifeline} bean, or the last rules reloaded from the watched directory. */
    public Lifeline lifeline() {
        return rules.get();
    }

    /** Puts reloaded rules in use; returns those they replace. */
    Lifeline swap(Lifeline next) {
        return rules.getAndSet(Objects.requireNonNull(next, "next"));
    }

    private void notify(Consumer<LifelineObserver> call) {
        observers.orderedStream().forEach(call);
    }
}

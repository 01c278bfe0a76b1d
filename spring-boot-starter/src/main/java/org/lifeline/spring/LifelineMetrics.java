package org.lifeline.spring;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.lifeline.engine.Evaluation;
import org.lifeline.engine.EvaluationStoppedException;
import org.lifeline.engine.Lifeline;
import org.lifeline.engine.RuleError;
import org.lifeline.engine.RuleFailure;
import org.lifeline.engine.Violation;

/**
 * The starter's Micrometer meters:
 * <ul>
 * <li>{@code lifeline.evaluation} (timer, tag {@code outcome}: {@code ok}, {@code rule-failures}, {@code stopped},
 *     {@code error}): each evaluation through {@link LifelineService};</li>
 * <li>{@code lifeline.violations} (gauge, tags {@code severity}, {@code task}): the violations of the last evaluation;
 *     a combination seen once stays at 0 when it no longer occurs;</li>
 * <li>{@code lifeline.rule.failures} (counter, tag {@code rule}): the rule failures of the evaluations;</li>
 * <li>{@code lifeline.monitor.violations} (gauge, tags {@code severity}, {@code task}): the violations the monitor holds;</li>
 * <li>{@code lifeline.monitor.changes} (counter, tag {@code change}: {@code raised}, {@code changed},
 *     {@code resolved}): the monitor's live changes;</li>
 * <li>{@code lifeline.reloads} (counter, tag {@code result}: {@code loaded}, {@code refused}): hot reloads.</li>
 * </ul>
 * Tags are bounded: 4 severities, tasks 0–14, the rule ids of the rule set.
 */
final class LifelineMetrics implements LifelineObserver {

    private final MeterRegistry registry;
    private final Map<Tags, AtomicLong> lastEvaluation = new ConcurrentHashMap<>();
    private final Map<Tags, AtomicLong> holding = new ConcurrentHashMap<>();

    LifelineMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void evaluated(Evaluation e, long nanos) {
        timer(e.failures().isEmpty() ? "ok" : "rule-failures").record(nanos, TimeUnit.NANOSECONDS);
        for (RuleFailure f : e.failures()) {
            Counter.builder("lifeline.rule.failures").description("Rules that failed in an evaluation (their other findings stand)")
                    .tag("rule", String.valueOf(f.ruleId())).register(registry).increment();
        }
        Map<Tags, Long> counts = new java.util.HashMap<>();
        for (Violation v : e.violations()) {
            counts.merge(tags(v), 1L, Long::sum);
        }
        synchronized (lastEvaluation) {
            lastEvaluation.values().forEach(g -> g.set(0));
            counts.forEach((t, n) -> gauge(lastEvaluation, "lifeline.violations",
                    "Violations of the last evaluation, by severity and task", t).set(n));
        }
    }

    @Override
    public void evaluationFailed(LocalDate asOf, RuntimeException e, long nanos) {
        timer(e instanceof EvaluationStoppedException ? "stopped" : "error").record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void reloaded(Lifeline rules) {
        reloads("loaded");
    }

    @Override
    public void reloadFailed(List<RuleError> errors) {
        reloads("refused");
    }

    @Override
    public void raised(Violation v) {
        change("raised");
        held(v).incrementAndGet();
    }

    @Override
    public void resolved(Violation v) {
        change("resolved");
        held(v).decrementAndGet();
    }

    @Override
    public void changed(Violation before, Violation after) {
        change("changed");
        held(before).decrementAndGet();
        held(after).incrementAndGet();
    }

    private Timer timer(String outcome) {
        return Timer.builder("lifeline.evaluation").description("Snapshot evaluations through LifelineService")
                .tag("outcome", outcome).register(registry);
    }

    private void reloads(String result) {
        Counter.builder("lifeline.reloads").description("Hot reloads of the rules directory")
                .tag("result", result).register(registry).increment();
    }

    private void change(String change) {
        Counter.builder("lifeline.monitor.changes").description("Violations raised, changed and resolved by the monitor")
                .tag("change", change).register(registry).increment();
    }

    private AtomicLong held(Violation v) {
        return gauge(holding, "lifeline.monitor.violations", "Violations the monitor holds, by severity and task", tags(v));
    }

    private AtomicLong gauge(Map<Tags, AtomicLong> values, String name, String description, Tags tags) {
        return values.computeIfAbsent(tags, t -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder(name, value, AtomicLong::get).description(description).tags(t).register(registry);
            return value;
        });
    }

    private static Tags tags(Violation v) {
        return Tags.of("severity", v.severity().name(), "task", Integer.toString(v.task()));
    }
}

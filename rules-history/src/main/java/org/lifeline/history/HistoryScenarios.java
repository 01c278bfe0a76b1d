package org.lifeline.history;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.lifeline.engine.Evaluation;
import org.lifeline.engine.Lifeline;
import org.lifeline.engine.Violation;
import org.lifeline.fact.Fact;
import org.lifeline.fact.FactException;
import org.lifeline.fact.FactSet;
import org.lifeline.scenario.Scenario;
import org.lifeline.scenario.ScenarioResult;
import org.lifeline.scenario.ScenarioRunner;

/**
 * Replays scenarios with {@code history: true}: the initial facts and every step are evaluated as snapshots and
 * recorded, in order, into a fresh history file; each expectation then sees the evaluation's violations and what
 * the history adds ({@code AT_RISK} forecasts, {@code A.SUDDEN_JUMP}). So a scenario states, at a later step, that
 * a unit is at risk or that its share jumped. Snapshot mode only: the live monitor records no history here.
 * Scenarios without {@code history: true} are handed to {@link ScenarioRunner}.
 */
public final class HistoryScenarios {

    private final Lifeline lifeline;

    public HistoryScenarios(Lifeline lifeline) {
        this.lifeline = Objects.requireNonNull(lifeline);
    }

    /** Replays one scenario: with history as above, otherwise as {@link ScenarioRunner} does in snapshot mode. */
    public ScenarioResult run(Scenario s) {
        if (!s.history()) {
            return new ScenarioRunner(lifeline).run(s, ScenarioRunner.Mode.SNAPSHOT);
        }
        List<String> failures = new ArrayList<>();
        Path dir;
        try {
            dir = Files.createTempDirectory("lifeline-history-scenario");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (History history = History.open(dir.resolve("history"))) {
            Map<String, Fact> facts = s.factsByKey();
            LocalDate asOf = s.asOf();
            List<Violation> before = List.of();
            List<Violation> now = evaluateAndRecord(history, facts, asOf);
            failures.addAll(ScenarioRunner.failures("as of " + asOf, before, now, s.expect()));
            for (Scenario.Step step : s.steps()) {
                if (step.asOf() != null) {
                    asOf = step.asOf();
                }
                step.applyTo(facts);
                before = now;
                now = evaluateAndRecord(history, facts, asOf);
                failures.addAll(ScenarioRunner.failures("after step '" + step.name() + "' (as of " + asOf + ")", before, now,
                        step.expect()));
            }
        } catch (FactException e) {
            failures.add("the facts were refused: " + String.join("; ", e.problems()));
        } finally {
            delete(dir);
        }
        return new ScenarioResult(s.name(), s.file(), ScenarioRunner.Mode.SNAPSHOT, failures);
    }

    private List<Violation> evaluateAndRecord(History history, Map<String, Fact> facts, LocalDate asOf) {
        FactSet set = FactSet.of(facts.values());
        Evaluation e = lifeline.evaluate(set, asOf);
        history.record(e, set);
        List<Violation> all = new ArrayList<>(e.violations());
        all.addAll(history.findings(e, set, lifeline.calendar()));
        all.sort(Violation.ORDER);
        return all;
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder left behind
        }
    }
}

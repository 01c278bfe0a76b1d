package org.lifeline.scenario;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.lifeline.engine.Evaluation;
import org.lifeline.engine.Lifeline;
import org.lifeline.engine.Monitor;
import org.lifeline.engine.Violation;
import org.lifeline.engine.ViolationListener;
import org.lifeline.fact.Fact;
import org.lifeline.fact.FactException;
import org.lifeline.fact.FactKind;
import org.lifeline.fact.FactSet;
import org.lifeline.waiver.Waivers;

/**
 * Replays scenarios through the engine, as a snapshot (evaluate the facts as of the date, then again after
 * each step) or live (a monitor fed one fact kind at a time, then each step, checking the callbacks), and
 * reports every expectation that failed with the nearest candidates. In live mode it also checks that the
 * monitor holds exactly what a snapshot of the same facts finds.
 */
public final class ScenarioRunner {

    /** How a scenario is replayed. */
    public enum Mode { SNAPSHOT, LIVE }

    private final Lifeline lifeline;

    public ScenarioRunner(Lifeline lifeline) {
        this.lifeline = Objects.requireNonNull(lifeline);
    }

    public ScenarioResult run(Scenario s, Mode mode) {
        List<String> failures = new ArrayList<>();
        if (s.history()) {
            failures.add("a scenario with 'history: true' needs the history module: replay it with "
                    + "org.lifeline.history.HistoryScenarios (rules-history) or `lifeline replay`");
            return new ScenarioResult(s.name(), s.file(), mode, failures);
        }
        try {
            if (mode == Mode.SNAPSHOT) {
                snapshot(s, failures);
            } else {
                live(s, failures);
            }
        } catch (FactException e) {
            failures.add("the facts were refused: " + String.join("; ", e.problems()));
        } catch (org.lifeline.engine.RuleCompilationException e) {
            e.errors().forEach(r -> failures.add("the waivers were refused: " + r));
        }
        return new ScenarioResult(s.name(), s.file(), mode, failures);
    }

    // ------------------------------------------------------------------ snapshot

    private void snapshot(Scenario s, List<String> failures) {
        Map<String, Fact> facts = s.factsByKey();
        LocalDate asOf = s.asOf();
        Lifeline rules = withWaivers(s.waivers());
        Evaluation first = rules.evaluate(FactSet.of(facts.values()), asOf);
        List<Violation> before = first.violations();
        check("as of " + asOf, before, s.expect(), new Diff(List.of(), List.of(), List.of()), failures);
        checkWaivers("as of " + asOf, first, s.expect(), failures);
        for (Scenario.Step step : s.steps()) {
            if (step.waivers() != null) {
                rules = withWaivers(step.waivers());
            }
            if (step.asOf() != null) {
                asOf = step.asOf();
            }
            step.applyTo(facts);
            Evaluation e = rules.evaluate(FactSet.of(facts.values()), asOf);
            List<Violation> after = e.violations();
            check("after step '" + step.name() + "'", after, step.expect(), Diff.between(before, after), failures);
            checkWaivers("after step '" + step.name() + "'", e, step.expect(), failures);
            before = after;
        }
    }

    /** The runner's rules with these waivers (none: the rules as given). */
    private Lifeline withWaivers(Waivers waivers) {
        return waivers.isEmpty() && lifeline.waivers().isEmpty() ? lifeline : lifeline.withWaivers(waivers);
    }

    private static void checkWaivers(String where, Evaluation e, Scenario.Expectations x, List<String> failures) {
        for (Scenario.WaiverExpected w : x.waivers()) {
            String m = w.mismatch(e.waivers());
            if (m != null) {
                failures.add(where + ": " + m);
            }
        }
    }

    // ------------------------------------------------------------------ live

    private void live(Scenario s, List<String> failures) {
        Recorder recorder = new Recorder();
        Map<String, Fact> facts = new LinkedHashMap<>();
        Lifeline[] rules = {withWaivers(s.waivers())};
        try (Monitor monitor = rules[0].monitor(s.asOf(), recorder)) {
            Map<FactKind, List<Fact>> byKind = new EnumMap<>(FactKind.class);
            for (Fact f : s.facts()) {
                byKind.computeIfAbsent(FactKind.of(f), k -> new ArrayList<>()).add(f);
                facts.put(Scenario.key(f), f);
            }
            byKind.values().forEach(monitor::insertAll);
            List<Violation> now = monitor.violations();
            consistent(rules[0], "as of " + s.asOf(), recorder, now, facts, s.asOf(), failures);
            check("as of " + s.asOf(), now, s.expect(), new Diff(List.of(), List.of(), List.of()), failures);
            checkWaivers("as of " + s.asOf(), monitor.evaluation(), s.expect(), failures);
            LocalDate asOf = s.asOf();
            for (Scenario.Step step : s.steps()) {
                Map<String, Violation> start = new HashMap<>(recorder.state);
                recorder.events.clear();
                if (step.waivers() != null) {
                    rules[0] = withWaivers(step.waivers());
                    monitor.reload(rules[0]);
                }
                if (step.asOf() != null) {
                    asOf = step.asOf();
                    monitor.setAsOf(asOf);
                }
                if (!step.insert().isEmpty()) {
                    monitor.insertAll(step.insert());
                }
                step.update().forEach(monitor::update);
                step.delete().forEach(d -> monitor.delete(d.kind(), d.id()));
                step.applyTo(facts);
                now = monitor.violations();
                String where = "after step '" + step.name() + "'";
                consistent(rules[0], where, recorder, now, facts, asOf, failures);
                check(where, now, step.expect(), Diff.of(start, recorder.state), failures);
                checkWaivers(where, monitor.evaluation(), step.expect(), failures);
            }
        }
    }

    /** The callbacks must add up to what the monitor holds, and that must be what a snapshot finds. */
    private void consistent(Lifeline rules, String where, Recorder recorder, List<Violation> now, Map<String, Fact> facts,
                            LocalDate asOf, List<String> failures) {
        List<Violation> heard = new ArrayList<>(recorder.state.values());
        heard.sort(Violation.ORDER);
        recorder.events.stream().filter(e -> e.startsWith("raised twice")).forEach(e ->
                failures.add(where + ": the listener heard a violation " + e + " without its resolution in between"));
        recorder.events.stream().filter(e -> e.startsWith("resolved unknown")).forEach(e ->
                failures.add(where + ": the listener heard " + e));
        if (!heard.equals(now)) {
            failures.add(where + ": the listener's raised/resolved callbacks do not add up to the monitor's violations");
        }
        Evaluation snapshot = rules.evaluate(FactSet.of(facts.values()), asOf);
        if (!snapshot.violations().equals(now)) {
            List<String> only = new ArrayList<>();
            now.stream().filter(v -> !snapshot.violations().contains(v)).forEach(v -> only.add("live only: " + Expected.brief(v)));
            snapshot.violations().stream().filter(v -> !now.contains(v)).forEach(v -> only.add("snapshot only: " + Expected.brief(v)));
            failures.add(where + ": live and snapshot disagree:\n" + String.join("\n", only));
        }
    }

    // ------------------------------------------------------------------ checks

    /**
     * The expectations that fail on {@code found}, with {@code raised}/{@code resolved}/{@code changed} judged
     * against {@code before} (by rule and subject): for runners that make their own findings, such as the history
     * module's, to judge them as this runner does.
     */
    public static List<String> failures(String where, List<Violation> before, List<Violation> found,
                                        Scenario.Expectations e) {
        List<String> failures = new ArrayList<>();
        check(where, found, e, Diff.between(before, found), failures);
        return failures;
    }

    private static void check(String where, List<Violation> found, Scenario.Expectations e, Diff diff,
                              List<String> failures) {
        for (Expected x : e.violations()) {
            if (found.stream().noneMatch(x::matches)) {
                failures.add(where + ": expected " + x + " (" + x.where() + ") not found" + nearest(x, found));
            }
        }
        for (Expected x : e.absent()) {
            found.stream().filter(x::matches).findFirst().ifPresent(v ->
                    failures.add(where + ": expected no " + x + " (" + x.where() + "), found " + Expected.brief(v)));
        }
        if (e.only()) {
            for (Violation v : found) {
                if (e.violations().stream().noneMatch(x -> x.matches(v))) {
                    failures.add(where + ": unexpected " + Expected.brief(v) + " (only: true)");
                }
            }
        }
        listed(where, "raised", e.raised(), diff.raised(), failures);
        listed(where, "resolved", e.resolved(), diff.resolved(), failures);
        listed(where, "changed", e.changed(), diff.changed(), failures);
    }

    private static void listed(String where, String what, List<Expected> expected, List<Violation> actual,
                               List<String> failures) {
        for (Expected x : expected) {
            if (actual.stream().noneMatch(x::matches)) {
                failures.add(where + ": expected " + what + " " + x + " (" + x.where() + ") but it was not "
                        + what + nearest(x, actual));
            }
        }
    }

    private static String nearest(Expected x, List<Violation> candidates) {
        if (candidates.isEmpty()) {
            return "; there were none";
        }
        List<Violation> sorted = new ArrayList<>(candidates);
        sorted.sort(Comparator.comparingInt((Violation v) -> x.mismatches(v).size()).thenComparing(Violation.ORDER));
        StringBuilder sb = new StringBuilder("; nearest:");
        for (Violation v : sorted.subList(0, Math.min(3, sorted.size()))) {
            sb.append("\n  ").append(Expected.brief(v)).append(" differs in ").append(String.join("; ", x.mismatches(v)));
        }
        return sb.toString();
    }

    /** What changed between two sets of violations, by rule and subject. */
    private record Diff(List<Violation> raised, List<Violation> resolved, List<Violation> changed) {

        static Diff between(List<Violation> before, List<Violation> after) {
            Map<String, Violation> b = new HashMap<>();
            before.forEach(v -> b.put(v.key(), v));
            Map<String, Violation> a = new HashMap<>();
            after.forEach(v -> a.put(v.key(), v));
            return of(b, a);
        }

        static Diff of(Map<String, Violation> before, Map<String, Violation> after) {
            List<Violation> raised = new ArrayList<>();
            List<Violation> resolved = new ArrayList<>();
            List<Violation> changed = new ArrayList<>();
            after.forEach((k, v) -> {
                Violation old = before.get(k);
                if (old == null) {
                    raised.add(v);
                } else if (!old.equals(v)) {
                    changed.add(v);
                }
            });
            before.forEach((k, v) -> {
                if (!after.containsKey(k)) {
                    resolved.add(v);
                }
            });
            return new Diff(raised, resolved, changed);
        }
    }

    /** Mirrors the monitor's state from its callbacks alone. */
    private static final class Recorder implements ViolationListener {
        final Map<String, Violation> state = new HashMap<>();
        final List<String> events = new ArrayList<>();

        @Override
        public void raised(Violation v) {
            if (state.put(v.key(), v) != null) {
                events.add("raised twice: " + v.key());
            }
            events.add("raised " + v.key());
        }

        @Override
        public void resolved(Violation v) {
            if (state.remove(v.key()) == null) {
                events.add("resolved unknown: " + v.key());
            }
            events.add("resolved " + v.key());
        }

        @Override
        public void changed(Violation before, Violation after) {
            state.put(after.key(), after);
            events.add("changed " + after.key());
        }
    }
}

package org.lifeline.report;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lifeline.calendar.CampaignCalendar;
import org.lifeline.engine.Evaluation;
import org.lifeline.engine.Severity;
import org.lifeline.engine.Violation;
import org.lifeline.fact.FactSet;
import org.lifeline.history.Forecast;
import org.lifeline.history.History;
import org.lifeline.history.SinceLast;
import org.lifeline.history.Snapshot;

/**
 * What a report shows of the campaign over time, read once from a history after the check was recorded: the
 * changes since the previous snapshot (null for a first one), the {@code AT_RISK} forecasts (never counted as
 * violations), the sudden jumps (anomalies, listed with the violations), every forecast, and per percentage
 * milestone key each unit's share over the snapshots.
 */
public record Timeline(List<Snapshot> snapshots, SinceLast sinceLast, List<Violation> atRisk, List<Violation> jumps,
                       List<Forecast> forecasts, Map<String, Map<String, List<History.Point>>> series) {

    /** The keys charted over time: the percentage milestones that are not monthly. */
    public static final List<String> KEYS = List.of("T10.REGISTRATION", "T12.TRANSFER");

    public Timeline {
        snapshots = List.copyOf(snapshots);
        atRisk = List.copyOf(atRisk);
        jumps = List.copyOf(jumps);
        forecasts = List.copyOf(forecasts);
        series = Map.copyOf(series);
    }

    /** Reads the timeline of a recorded evaluation. */
    public static Timeline read(History history, Evaluation e, FactSet facts, CampaignCalendar calendar) {
        List<Violation> atRisk = new ArrayList<>();
        List<Violation> jumps = new ArrayList<>();
        for (Violation v : history.findings(e, facts, calendar)) {
            (v.severity() == Severity.AT_RISK ? atRisk : jumps).add(v);
        }
        Map<String, Map<String, List<History.Point>>> series = new LinkedHashMap<>();
        for (String key : KEYS) {
            series.put(key, history.series(key, e.asOf()));
        }
        List<Snapshot> upTo = history.snapshots().stream().filter(s -> !s.asOf().isAfter(e.asOf())).toList();
        return new Timeline(upTo, history.sinceLast(e.asOf()).orElse(null), atRisk, jumps,
                history.forecasts(e.asOf(), calendar), series);
    }

    /** The evaluation with the sudden jumps among its violations (they are anomalies like the rules' own). */
    public Evaluation withJumps(Evaluation e) {
        if (jumps.isEmpty()) {
            return e;
        }
        List<Violation> all = new ArrayList<>(e.violations());
        all.addAll(jumps);
        all.sort(Violation.ORDER);
        return e.withViolations(all);
    }

    /** The dates of the snapshots shown. */
    public List<LocalDate> dates() {
        return snapshots.stream().map(Snapshot::asOf).toList();
    }
}

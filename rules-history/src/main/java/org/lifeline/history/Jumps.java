package org.lifeline.history;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Sudden jumps: between two consecutive snapshots, a unit's share rising faster than the setting
 * {@code suddenJumpPointsPerDay} (percentage points a day; exactly at it is not a jump), for units counting at
 * least {@code suddenJumpMinTotal}. The gaming pattern the notice asks the office to spot-check.
 */
final class Jumps {

    /** One unit's jump of one key between two dates. */
    record Jump(String key, String unitId, LocalDate from, LocalDate to, double before, double after,
                double pointsPerDay, double threshold) {

        long days() {
            return ChronoUnit.DAYS.between(from, to);
        }
    }

    private Jumps() {
    }

    /** The units of one key whose share jumped from {@code from} to {@code to}. */
    static List<Jump> between(String key, Map<String, List<History.Point>> series, LocalDate from, LocalDate to,
                              Settings settings) {
        long days = ChronoUnit.DAYS.between(from, to);
        List<Jump> out = new ArrayList<>();
        if (days <= 0) {
            return out;
        }
        series.forEach((unit, points) -> {
            History.Point before = at(points, from);
            History.Point after = at(points, to);
            if (before == null || after == null || after.total() < settings.suddenJumpMinTotal()) {
                return;
            }
            double perDay = (after.share() - before.share()) * 100 / days;
            if (perDay > settings.suddenJumpPointsPerDay() + Forecast.EPSILON) {
                out.add(new Jump(key, unit, from, to, before.share(), after.share(), perDay,
                        settings.suddenJumpPointsPerDay()));
            }
        });
        return out;
    }

    private static History.Point at(List<History.Point> points, LocalDate asOf) {
        for (History.Point p : points) {
            if (p.asOf().equals(asOf) && p.month() == null) {
                return p;
            }
        }
        return null;
    }
}

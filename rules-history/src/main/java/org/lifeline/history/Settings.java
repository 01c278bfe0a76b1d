package org.lifeline.history;

import java.time.LocalDate;
import org.lifeline.calendar.CampaignCalendar;

/**
 * The calendar settings the history reads ({@code calendar.yaml}, {@code settings:}), with the values used when a
 * calendar does not set them. All of them are the office's own, not the notice's.
 *
 * @param forecastSnapshots      k: a forecast is fitted to at most the last k snapshots (never fewer than 3)
 * @param forecastDays           a forecast is made for a milestone due within this many days
 * @param suddenJumpPointsPerDay a share rising faster than this many percentage points a day between two
 *                               consecutive snapshots is a sudden jump (30 points within 3 days: 10)
 * @param suddenJumpMinTotal     units counting fewer than this many (graduates, members) are not judged for jumps
 */
record Settings(int forecastSnapshots, int forecastDays, double suddenJumpPointsPerDay, int suddenJumpMinTotal,
                int spotCheckSize, long spotCheckSeed, int graduationYear, LocalDate graduateTransfersFrom) {

    /** No forecast from fewer snapshots than this. */
    static final int MIN_FORECAST_SNAPSHOTS = 3;

    static Settings of(CampaignCalendar calendar) {
        java.util.Map<String, Object> s = calendar.settings();
        return new Settings(
                Math.max(MIN_FORECAST_SNAPSHOTS, number(s, "forecastSnapshots", 4).intValue()),
                number(s, "forecastDays", 21).intValue(),
                number(s, "suddenJumpPointsPerDay", 10).doubleValue(),
                number(s, "suddenJumpMinTotal", 10).intValue(),
                number(s, "spotCheckSize", 5).intValue(),
                number(s, "spotCheckSeed", 0).longValue(),
                number(s, "graduationYear", 2018).intValue(),
                s.get("graduateTransfersFrom") instanceof LocalDate d ? d : LocalDate.of(2018, 1, 1));
    }

    private static Number number(java.util.Map<String, Object> s, String name, Number fallback) {
        return s.get(name) instanceof Number n ? n : fallback;
    }
}

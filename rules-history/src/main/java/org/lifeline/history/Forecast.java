package org.lifeline.history;

import java.time.LocalDate;

/**
 * Where a unit's share of a percentage milestone is heading: from its last snapshots (at least 3), a Theil–Sen
 * line (the median of the pairwise slopes) projects the share on the milestone's deadline. The interval is what
 * the lowest and the highest pairwise slope give from the line's value at the last snapshot. Shares are fractions
 * (0–1), paces fractions per day.
 *
 * @param key          the calendar key, e.g. {@code T12.TRANSFER}
 * @param unitId       the unit measured
 * @param deadline     the milestone's deadline
 * @param required     the share it requires
 * @param current      the share at the last snapshot used
 * @param projected    the projected share on the deadline, within 0–1
 * @param low          the interval's low end
 * @param high         the interval's high end
 * @param pacePerDay   the observed pace (the line's slope)
 * @param neededPerDay the pace needed from the last snapshot to reach the required share on the deadline
 * @param snapshots    how many snapshots the line is fitted to
 * @param lastAsOf     the date of the last snapshot used
 */
public record Forecast(String key, String unitId, LocalDate deadline, double required, double current, double projected,
                       double low, double high, double pacePerDay, double neededPerDay, int snapshots,
                       LocalDate lastAsOf) {

    /** Below this difference a projection counts as reaching the required share (floating-point noise). */
    static final double EPSILON = 1e-9;

    /** True when the projection falls short of the required share (a projection exactly at it does not). */
    public boolean atRisk() {
        return current < required - EPSILON && projected < required - EPSILON;
    }
}

package org.lifeline.engine;

/**
 * A measured share of a percentage milestone, for every subject, met or not: {@code done} of {@code total}. The
 * rules that measure (severity {@code MEASURE}) insert it; the milestone rules compare it with the required share;
 * reports chart it.
 *
 * @param key       the calendar key it is measured for, e.g. {@code T12.TRANSFER}
 * @param subjectId the organisation measured (a city, a school, a top unit)
 * @param month     for a monthly duty (task 13's online dues), the month measured; null otherwise
 */
public record Share(String key, String subjectId, int done, int total, java.time.YearMonth month) {

    /** A share of a duty that is not monthly. */
    public Share(String key, String subjectId, int done, int total) {
        this(key, subjectId, done, total, null);
    }

    /** done / total, 0 when there is nothing to count. */
    public double share() {
        return total == 0 ? 0 : (double) done / total;
    }

    /** True when the share is below the required one (0–1). */
    public boolean below(double required) {
        return done < required * total;
    }
}

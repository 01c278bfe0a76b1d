package org.lifeline.calendar;

import java.time.LocalDate;
import org.lifeline.engine.Severity;

/**
 * A milestone of the campaign calendar that is in force on the evaluation date, as rules see it.
 *
 * <p>The engine inserts, for every calendar key, the latest milestone whose deadline has passed (severity
 * {@link Severity#VIOLATION}) and each milestone whose warning window holds the evaluation date (severity
 * {@link Severity#WARNING}). A rule that joins a {@code Milestone(key == "T04")} therefore fires only while
 * the task is due or overdue, and its finding carries the right severity and deadline.
 *
 * @param key      the calendar key, e.g. {@code T04} or {@code T12.TRANSFER}
 * @param required the required share (0–1) for percentage milestones; {@code null} for plain deadlines
 */
public record Milestone(String key, LocalDate deadline, Double required, Severity severity) {

    /** The month the deadline falls in: for a monthly duty (task 13's online dues), the month judged. */
    public java.time.YearMonth month() {
        return java.time.YearMonth.from(deadline);
    }

    /** The required share, 0 when the milestone has none. */
    public double share() {
        return required == null ? 0 : required;
    }
}

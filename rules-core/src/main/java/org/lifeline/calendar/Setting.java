package org.lifeline.calendar;

import java.time.LocalDate;
import java.time.YearMonth;

/**
 * A policy setting of the campaign calendar, as rules see it: a number (the 15 days a transfer may wait:
 * {@code Setting(name == "transferPendingDays", $days : intValue)}) or a date (the first month of online
 * dues: {@code Setting(name == "onlineDuesFrom", $from : month)}).
 *
 * @param value the number, or null for a date setting
 * @param date  the date, or null for a number setting
 */
public record Setting(String name, Double value, LocalDate date) {

    public Setting(String name, double value) {
        this(name, value, null);
    }

    public int intValue() {
        return value == null ? 0 : value.intValue();
    }

    public double doubleValue() {
        return value == null ? 0 : value;
    }

    /** The month of a date setting. */
    public YearMonth month() {
        return date == null ? null : YearMonth.from(date);
    }
}

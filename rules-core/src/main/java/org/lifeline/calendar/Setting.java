package org.lifeline.calendar;

/**
 * A policy setting of the campaign calendar (a number the notice does not state, such as the 15 days a
 * transfer may wait), as rules see it: {@code Setting(name == "transferPendingDays", $days : intValue)}.
 */
public record Setting(String name, double value) {

    public int intValue() {
        return (int) value;
    }
}

package org.lifeline.calendar;

import java.time.LocalDate;

/** The evaluation date, as rules see it: exactly one {@code AsOf} fact is in every session. */
public record AsOf(LocalDate date) {
}

package org.lifeline.calendar;

/** A campaign calendar that cannot be read; the message names the file and the entry. */
public class CalendarException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CalendarException(String message) {
        super(message);
    }
}

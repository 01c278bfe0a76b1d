package org.lifeline.scenario;

/** A scenario file that cannot be read; the message names the file, the line and the field. */
public class ScenarioException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ScenarioException(String message) {
        super(message);
    }

    public ScenarioException(String message, Throwable cause) {
        super(message, cause);
    }
}

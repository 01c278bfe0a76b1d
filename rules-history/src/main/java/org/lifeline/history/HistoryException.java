package org.lifeline.history;

/**
 * A history file that cannot be used: missing rights, locked by another program, corrupt, not a Lifeline history,
 * or written by a newer Lifeline. The message is one line, in Chinese and English, naming the file.
 */
public final class HistoryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public HistoryException(String message) {
        super(message);
    }

    public HistoryException(String message, Throwable cause) {
        super(message, cause);
    }
}

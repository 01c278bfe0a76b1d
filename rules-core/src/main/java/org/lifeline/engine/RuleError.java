package org.lifeline.engine;

/**
 * One mistake in a rule set: the file (relative to the rules directory), the line and column (0 when
 * unknown) and the compiler's or checker's message.
 */
public record RuleError(String file, int line, int column, String message) {

    @Override
    public String toString() {
        return file + (line > 0 ? ":" + line + (column > 0 ? ":" + column : "") : "") + ": " + message;
    }
}

package org.lifeline.fact;

import java.util.List;

/** Argument checks shared by the fact records' constructors. */
final class Checks {
    private Checks() {
    }

    static <T> T required(T value, String kind, String field) {
        if (value == null || (value instanceof String s && s.isBlank())) {
            throw new IllegalArgumentException(kind + ": missing required field '" + field + "'");
        }
        return value;
    }

    /**
     * {@link #required(Object, String, String)} for a field of fact {@code kind id}: the message
     * {@code "Kind id: missing required field 'field'"} is only made when the value is missing (a province's load
     * constructs millions of facts).
     */
    static <T> T required(T value, String kind, String id, String field) {
        if (value == null || (value instanceof String s && s.isBlank())) {
            throw new IllegalArgumentException(kind + " " + id + ": missing required field '" + field + "'");
        }
        return value;
    }

    static <T> List<T> list(List<T> value) {
        return value == null ? List.of() : List.copyOf(value);
    }
}

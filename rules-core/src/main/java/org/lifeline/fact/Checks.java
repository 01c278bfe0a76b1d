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

    static <T> List<T> list(List<T> value) {
        return value == null ? List.of() : List.copyOf(value);
    }
}

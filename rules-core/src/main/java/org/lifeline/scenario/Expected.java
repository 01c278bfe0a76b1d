package org.lifeline.scenario;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.lifeline.engine.Violation;

/**
 * One expected (or forbidden) violation of a scenario: only the fields given are compared; numbers within
 * 1e-9, lists as sorted sets, everything else as text.
 *
 * @param fields field name → expected value (text, a list of texts, or null for "absent")
 * @param where  file and line, for messages
 */
public record Expected(Map<String, Object> fields, String where) {

    static final List<String> FIELDS = Arrays.stream(Violation.class.getRecordComponents())
            .map(RecordComponent::getName).toList();
    private static final double EPSILON = 1e-9;

    /** True when every given field matches. */
    public boolean matches(Violation v) {
        return mismatches(v).isEmpty();
    }

    /** The fields that differ, as "field: expected X, found Y". */
    public List<String> mismatches(Violation v) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, Object> e : fields.entrySet()) {
            Object actual = value(v, e.getKey());
            if (!same(e.getValue(), actual)) {
                out.add(e.getKey() + ": expected " + show(e.getValue()) + ", found " + show(actual));
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return fields.entrySet().stream().map(e -> e.getKey() + ": " + show(e.getValue()))
                .collect(Collectors.joining(", ", "{", "}"));
    }

    static Object value(Violation v, String field) {
        for (RecordComponent c : Violation.class.getRecordComponents()) {
            if (c.getName().equals(field)) {
                try {
                    return c.getAccessor().invoke(v);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        throw new IllegalArgumentException(field);
    }

    private static boolean same(Object expected, Object actual) {
        if (expected == null || actual == null) {
            return expected == null && actual == null;
        }
        if (actual instanceof List<?> list) {
            List<?> exp = expected instanceof List<?> l ? l : List.of(expected);
            return new TreeSet<>(exp.stream().map(String::valueOf).toList())
                    .equals(new TreeSet<>(list.stream().map(String::valueOf).toList()));
        }
        if (actual instanceof Double d) {
            try {
                return Math.abs(Double.parseDouble(String.valueOf(expected)) - d) <= EPSILON;
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return Objects.equals(String.valueOf(expected), String.valueOf(actual));
    }

    private static String show(Object o) {
        return o == null ? "(absent)" : o instanceof List<?> l ? l.toString() : String.valueOf(o);
    }

    /** Short form of a violation for messages. */
    static String brief(Violation v) {
        return "{ruleId: " + v.ruleId() + ", severity: " + v.severity() + ", subjectId: " + v.subjectId()
                + (v.deadline() == null ? "" : ", deadline: " + v.deadline())
                + (v.measured() == null ? "" : ", measured: " + v.measured())
                + (v.memberIds().isEmpty() ? "" : ", memberIds: " + v.memberIds()) + "}";
    }
}

package org.lifeline.fact;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Turns the text fields of one row (a CSV line, a YAML mapping, a JSON object) into a fact record, by the
 * field names of CONTRACT §1. Values are strings, or lists of strings for list fields (in CSV a
 * {@code ;}-separated string). Empty values are absent. Unknown fields, missing required fields, unknown
 * enum values and malformed numbers or dates are errors naming the origin, the kind, the id and the field.
 */
public final class FactParser {

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm[:ss]");
    private static final Map<Class<?>, Shape> SHAPES = new ConcurrentHashMap<>();

    private FactParser() {
    }

    /** The field names of a kind, in contract order (the CSV header). */
    public static List<String> fieldNames(FactKind kind) {
        return Arrays.stream(shape(kind.type()).components).map(RecordComponent::getName).toList();
    }

    /**
     * Parses one row.
     *
     * @param origin where the row came from, e.g. {@code organizations.csv:12}; put in front of every error
     * @throws FactException with one line naming origin, kind, id and field
     */
    public static Fact parse(FactKind kind, Map<String, ?> fields, String origin) {
        Shape shape = shape(kind.type());
        for (String name : fields.keySet()) {
            if (!shape.index.containsKey(name)) {
                throw new FactException(subject(kind, fields.get("id"), origin) + ": unknown field '" + name + "' (fields: "
                        + String.join(", ", fieldNames(kind)) + ")");
            }
        }
        Object[] values = new Object[shape.components.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = fields.get(shape.components[i].getName());
        }
        return build(kind, shape, values, origin == null ? null : () -> origin);
    }

    /**
     * Parses one CSV row whose columns were checked against the kind's fields: {@code columns[i]} is the
     * column of the record's i-th field, or -1 when the header lacks it. The origin is only built for errors.
     */
    static Fact parseRow(FactKind kind, int[] columns, List<String> row, String file, int line, Canon canon) {
        Shape shape = shape(kind.type());
        Object[] values = new Object[shape.components.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = columns[i] < 0 ? null : row.get(columns[i]);
        }
        return build(kind, shape, values, () -> file + ":" + line, canon);
    }

    /**
     * One value object for equal texts within one file: dates, months, timestamps and references to
     * organisations repeat across millions of rows, and a province's export would otherwise hold millions of equal
     * copies (and parse each date again). Not thread-safe: one per file being read.
     */
    static final class Canon {
        /** Fields that name an organisation: few distinct values, many rows. */
        private static final Set<String> ORG_REFERENCES = Set.of("orgId", "parentId", "schoolOrgId", "workUnitId",
                "cityOrgId", "toOrgId", "fromOrgId", "topUnitId", "leagueOrgId", "registeredOrgId");
        private final Map<Class<?>, Map<String, Object>> byType = new java.util.HashMap<>();

        /** The values already made from texts, for a field worth sharing; null for any other field. */
        Map<String, Object> of(RecordComponent c, Class<?> t) {
            boolean worth = t == LocalDate.class || t == LocalDateTime.class || t == YearMonth.class
                    || (t == String.class && ORG_REFERENCES.contains(c.getName()));
            return worth ? byType.computeIfAbsent(t, k -> new java.util.HashMap<>()) : null;
        }
    }

    /** For a CSV header: the column of each of the kind's fields, or -1. */
    static int[] columns(FactKind kind, List<String> header) {
        Shape shape = shape(kind.type());
        int[] out = new int[shape.components.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = header.indexOf(shape.components[i].getName());
        }
        return out;
    }

    private static String subject(FactKind kind, Object idValue, String origin) {
        String id = idValue == null || String.valueOf(idValue).isBlank() ? null : String.valueOf(idValue).trim();
        return (origin == null ? "" : origin + ": ") + kind.type().getSimpleName() + (id == null ? "" : " " + id);
    }

    private static Fact build(FactKind kind, Shape shape, Object[] raws, java.util.function.Supplier<String> origin) {
        return build(kind, shape, raws, origin, null);
    }

    private static Fact build(FactKind kind, Shape shape, Object[] raws, java.util.function.Supplier<String> origin,
                              Canon canon) {
        Object[] args = new Object[raws.length];
        for (int i = 0; i < raws.length; i++) {
            Class<?> type = shape.types[i];
            Object raw = raws[i];
            boolean absent = raw == null || (raw instanceof String s && s.isBlank())
                    || (raw instanceof List<?> l && l.isEmpty() && type != List.class);
            if (absent) {
                if (type == boolean.class) {
                    args[i] = false;
                } else if (type == List.class) {
                    args[i] = List.of();
                } else if (type.isPrimitive() || !shape.nullable[i]) {
                    throw new FactException(subject(kind, raws[0], origin == null ? null : origin.get())
                            + ": missing required field '" + shape.components[i].getName() + "'");
                }
                continue;
            }
            try {
                RecordComponent c = shape.components[i];
                Map<String, Object> known = canon == null || !(raw instanceof String) ? null : canon.of(c, type);
                args[i] = known == null ? convert(c, raw) : known.computeIfAbsent((String) raw, text -> convert(c, text));
            } catch (IllegalArgumentException | DateTimeParseException e) {
                throw new FactException(subject(kind, raws[0], origin == null ? null : origin.get()) + ": field '"
                        + shape.components[i].getName() + "': " + reason(shape.components[i], raw, e));
            }
        }
        try {
            return (Fact) shape.constructor.newInstance(args);
        } catch (InvocationTargetException e) {
            throw new FactException((origin == null ? "" : origin.get() + ": ") + e.getCause().getMessage());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The fields of a fact as text, the inverse of {@link #parse} (lists joined with {@code ;}). */
    public static Map<String, String> format(Fact fact) {
        Shape shape = shape(fact.getClass());
        Map<String, String> out = new LinkedHashMap<>();
        for (RecordComponent c : shape.components) {
            try {
                Object v = c.getAccessor().invoke(fact);
                out.put(c.getName(), v == null ? "" : v instanceof List<?> l
                        ? l.stream().map(String::valueOf).collect(Collectors.joining(";")) : String.valueOf(v));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return out;
    }

    private static String reason(RecordComponent c, Object raw, RuntimeException e) {
        Class<?> t = c.getType();
        if (t.isEnum()) {
            return "unknown value '" + raw + "' (one of " + enumValues(t) + ")";
        }
        if (t == List.class) {
            Class<?> element = listElement(c);
            return element.isEnum() ? "unknown value in '" + raw + "' (each one of " + enumValues(element) + ")"
                    : "malformed list '" + raw + "'";
        }
        String expected = t == LocalDate.class ? "a date yyyy-MM-dd"
                : t == LocalDateTime.class ? "a timestamp yyyy-MM-ddTHH:mm[:ss]"
                : t == YearMonth.class ? "a month yyyy-MM"
                : t == boolean.class || t == Boolean.class ? "true or false"
                : t == String.class ? "text" : "a number";
        return "expected " + expected + ", got '" + raw + "'";
    }

    private static String enumValues(Class<?> t) {
        return Arrays.stream(t.getEnumConstants()).map(String::valueOf).collect(Collectors.joining(", "));
    }

    private static Object convert(RecordComponent c, Object raw) {
        Class<?> t = c.getType();
        if (t == List.class) {
            Class<?> element = listElement(c);
            List<?> items = raw instanceof List<?> l ? l
                    : Arrays.stream(String.valueOf(raw).split(";")).map(String::trim).filter(s -> !s.isEmpty()).toList();
            List<Object> out = new ArrayList<>();
            for (Object item : items) {
                out.add(scalar(element, item));
            }
            return out;
        }
        if (raw instanceof List<?>) {
            throw new IllegalArgumentException("a list where one value is expected");
        }
        return scalar(t, raw);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object scalar(Class<?> t, Object raw) {
        String s = String.valueOf(raw).trim();
        if (t == String.class) {
            return s;
        }
        if (t.isEnum()) {
            return Enum.valueOf((Class<Enum>) t, s);
        }
        if (t == LocalDate.class) {
            return LocalDate.parse(s);
        }
        if (t == LocalDateTime.class) {
            return (s.length() == 16 || s.length() == 19) && s.indexOf(' ') < 0 ? LocalDateTime.parse(s)
                    : LocalDateTime.parse(s.replace(' ', 'T'), TIMESTAMP);
        }
        if (t == YearMonth.class) {
            return YearMonth.parse(s);
        }
        if (t == int.class || t == Integer.class) {
            return Integer.valueOf(s);
        }
        if (t == long.class || t == Long.class) {
            return Long.valueOf(s);
        }
        if (t == double.class || t == Double.class) {
            double d = Double.parseDouble(s);
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new IllegalArgumentException("not a finite number");
            }
            return d;
        }
        if (t == boolean.class || t == Boolean.class) {
            if (s.equalsIgnoreCase("true")) {
                return true;
            }
            if (s.equalsIgnoreCase("false")) {
                return false;
            }
            throw new IllegalArgumentException("not a boolean");
        }
        throw new IllegalStateException("unsupported field type " + t);
    }

    private static Class<?> listElement(RecordComponent c) {
        Type g = c.getGenericType();
        return (Class<?>) ((ParameterizedType) g).getActualTypeArguments()[0];
    }

    private static Shape shape(Class<?> type) {
        return SHAPES.computeIfAbsent(type, t -> {
            RecordComponent[] comps = t.getRecordComponents();
            Class<?>[] types = Arrays.stream(comps).map(RecordComponent::getType).toArray(Class<?>[]::new);
            try {
                Constructor<?> ctor = t.getDeclaredConstructor(types);
                Map<String, Integer> index = new LinkedHashMap<>();
                boolean[] nullable = new boolean[comps.length];
                for (int i = 0; i < comps.length; i++) {
                    index.put(comps[i].getName(), i);
                    nullable[i] = comps[i].isAnnotationPresent(Nullable.class);
                }
                return new Shape(comps, ctor, index, nullable, types);
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private record Shape(RecordComponent[] components, Constructor<?> constructor, Map<String, Integer> index,
                         boolean[] nullable, Class<?>[] types) {
    }
}

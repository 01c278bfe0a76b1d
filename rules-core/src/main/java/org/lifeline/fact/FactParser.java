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
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns the text fields of one row (a CSV line, a YAML mapping, a JSON object) into a fact record, by the
 * field names of docs/facts.md. Values are strings, or lists of strings for list fields (in CSV a
 * {@code ;}-separated string). Empty values are absent. Unknown fields, missing required fields, unknown
 * enum values and malformed numbers or dates are errors naming the origin, the kind, the id and the field.
 */
public final class FactParser {

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm[:ss]");
    private static final Map<Class<?>, Shape> SHAPES = new ConcurrentHashMap<>();
    /** Whole-number fields that hold a year: they must lie within the {@link Limits} too. */
    private static final Set<String> YEAR_FIELDS = Set.of("graduationYear", "graduatingClass");

    /**
     * Settings for values: dates, timestamps, months and year fields must lie in {@code firstYear..lastYear}
     * (default 1900 to 2100). Numbers must never be negative (amounts, counts, years).
     */
    public record Limits(int firstYear, int lastYear) {
        /** 1900 to 2100. */
        public static final Limits DEFAULT = new Limits(1900, 2100);

        public Limits {
            if (firstYear > lastYear) {
                throw new IllegalArgumentException("firstYear " + firstYear + " after lastYear " + lastYear);
            }
        }

        boolean holds(int year) {
            return year >= firstYear && year <= lastYear;
        }

        String range() {
            return "the years " + firstYear + " to " + lastYear;
        }
    }

    /** A value that cannot be accepted, with the reason to show (which never repeats the value). */
    private static final class Bad extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        Bad(String reason) {
            super(reason);
        }
    }

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
        return parse(kind, fields, origin, Limits.DEFAULT);
    }

    /** Parses one row with the given limits on dates and years. */
    public static Fact parse(FactKind kind, Map<String, ?> fields, String origin, Limits limits) {
        Shape shape = shape(kind.type());
        for (String name : fields.keySet()) {
            if (!shape.index.containsKey(name)) {
                throw new FactException(subject(kind, fields.get("id"), origin) + ": unknown field '" + Shown.id(name)
                        + "' (fields: " + String.join(", ", fieldNames(kind)) + ")");
            }
        }
        Object[] values = new Object[shape.components.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = fields.get(shape.components[i].getName());
        }
        return build(kind, shape, values, origin == null ? null : field -> origin, null, limits);
    }

    /**
     * Parses one CSV row whose columns were checked against the kind's fields: {@code columns[i]} is the
     * column of the record's i-th field, or -1 when the header lacks it. The origin is only built for errors.
     */
    static Fact parseRow(FactKind kind, int[] columns, List<String> row, String file, int line, Canon canon,
                         Limits limits) {
        Shape shape = shape(kind.type());
        Object[] values = new Object[shape.components.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = columns[i] < 0 ? null : row.get(columns[i]);
        }
        return build(kind, shape, values, field -> file + ":" + line, canon, limits);
    }

    /**
     * Reads the rows of one table (a sheet, a file) whose columns hold the given fields, by the same checks as
     * {@link #parse}: for readers of other formats (a workbook) that map their own headers to field names.
     *
     * @param columns the field of each column, by name; every name must be one of {@link #fieldNames}, at most once
     * @throws IllegalArgumentException for an unknown or repeated field name
     */
    public static RowReader rows(FactKind kind, List<String> columns, Limits limits) {
        Set<String> seen = new java.util.HashSet<>();
        for (String c : columns) {
            if (!shape(kind.type()).index.containsKey(c) || !seen.add(c)) {
                throw new IllegalArgumentException("unknown or repeated field '" + Shown.id(c) + "' for " + kind.key());
            }
        }
        return new RowReader(kind, columns(kind, columns), limits);
    }

    /**
     * The rows of one table, parsed one by one; equal dates, months and organisation references share one value
     * object. Not thread-safe: one per table being read.
     */
    public static final class RowReader {
        private final FactKind kind;
        private final int[] columns;
        private final Limits limits;
        private final Canon canon = new Canon();

        private RowReader(FactKind kind, int[] columns, Limits limits) {
            this.kind = kind;
            this.columns = columns;
            this.limits = limits;
        }

        /**
         * Parses one row: {@code row.get(i)} is the value of column i (a string, or a list of strings for a list
         * field; null or blank: absent).
         *
         * @param origin the place of a field's value for errors ({@code null} as argument: the row as a whole), only
         *               called when the row is refused
         * @throws FactException with one line naming the place, kind, id and field, never the value
         */
        public Fact parse(List<?> row, java.util.function.UnaryOperator<String> origin) {
            Shape shape = shape(kind.type());
            Object[] values = new Object[shape.components.length];
            for (int i = 0; i < values.length; i++) {
                values[i] = columns[i] < 0 ? null : row.get(columns[i]);
            }
            return build(kind, shape, values, origin, canon, limits);
        }
    }

    /** Why a raw value holds a control character, or null. */
    private static String control(Object raw) {
        if (raw instanceof String s) {
            int at = Shown.firstControl(s);
            return at < 0 ? null : String.format("control character U+%04X at character %d (control characters, "
                    + "tab and line breaks are not allowed in any field)", (int) s.charAt(at), at + 1);
        }
        if (raw instanceof List<?> l) {
            for (Object item : l) {
                String why = control(item == null ? null : String.valueOf(item));
                if (why != null) {
                    return why;
                }
            }
        }
        return null;
    }

    /**
     * One value object for equal texts within one file: dates, months, timestamps and references to
     * organisations repeat across millions of rows, and a province's export would otherwise hold millions of equal
     * copies (and parse each date again). Not thread-safe: one per file being read.
     */
    static final class Canon {
        /**
         * Fields that name an organisation (few distinct values, many rows), and a payment's member and paying
         * account (a member pays every month: one text for all of them).
         */
        private static final Set<String> ORG_REFERENCES = Set.of("orgId", "parentId", "schoolOrgId", "workUnitId",
                "cityOrgId", "toOrgId", "fromOrgId", "topUnitId", "leagueOrgId", "registeredOrgId", "memberId", "payerKey");
        private static final Map<String, Object> NOT_SHARED = Map.of();
        private final Map<Class<?>, Map<String, Object>> byType = new java.util.HashMap<>();
        /** Per field of the shape last asked for: its map, or NOT_SHARED (decided once, not per row). */
        private Shape shape;
        private Map<String, Object>[] perField;
        /** Members' ids by their text, shared by the files of one load; null: none. */
        private final java.util.concurrent.ConcurrentMap<String, String> ids;
        /** Per field: whether its value is a member's id, held once through {@link #ids}. */
        private boolean[] viaIds;

        Canon() {
            this(null);
        }

        Canon(java.util.concurrent.ConcurrentMap<String, String> ids) {
            this.ids = ids;
        }

        /** Per field: the last text seen and its value. */
        private String[] lastText;
        private Object[] lastValue;

        /** The values already made from texts, for a field worth sharing; null for any other field. */
        Map<String, Object> of(RecordComponent c, Class<?> t) {
            boolean worth = t == LocalDate.class || t == LocalDateTime.class || t == YearMonth.class
                    || (t == String.class && ORG_REFERENCES.contains(c.getName()));
            return worth ? byType.computeIfAbsent(t, k -> new java.util.HashMap<>()) : null;
        }

        /**
         * The value of field {@code i} (of the shape last asked for) for {@code text}: the previous row's when the
         * text is the same (a file lists a member's payments one after the other: no hashing), else the one made
         * for an equal text before, else a new one, remembered in {@code known}.
         */
        Object shared(int i, String text, Map<String, Object> known, RecordComponent c, Limits limits) {
            String last = lastText[i];
            if (last != null && last.equals(text)) {
                return lastValue[i];
            }
            Object v = known.get(text);
            if (v == null) {
                v = id(i, convert(c, text, limits));
                known.put(text, v);
            }
            lastText[i] = text;
            lastValue[i] = v;
            return v;
        }

        /**
         * A member's id as one String for the whole load: the member's own id and every fact's {@code memberId}
         * naming it (a payment, a cadre, a transfer) hold the same instance, found in {@code ids} (shared by the files
         * of one load, read in parallel); any other value as it is.
         */
        Object id(int i, Object value) {
            if (!viaIds[i] || !(value instanceof String text)) {
                return value;
            }
            String first = ids.putIfAbsent(text, text);
            return first == null ? text : first;
        }

        /** {@link #of} for field {@code i} of {@code s}, remembered per field. */
        @SuppressWarnings("unchecked")
        Map<String, Object> of(Shape s, int i) {
            if (s != shape) {
                shape = s;
                perField = new Map[s.components.length];
                lastText = new String[s.components.length];
                lastValue = new Object[s.components.length];
                viaIds = new boolean[s.components.length];
                for (int k = 0; k < viaIds.length; k++) {
                    String field = s.components[k].getName();
                    viaIds[k] = ids != null && (field.equals("memberId")
                            || (field.equals("id") && s.components[k].getDeclaringRecord() == Member.class));
                }
            }
            Map<String, Object> m = perField[i];
            if (m == null) {
                m = of(s.components[i], s.types[i]);
                perField[i] = m == null ? NOT_SHARED : m;
                return m;
            }
            return m == NOT_SHARED ? null : m;
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

    /** Where a field's value (null: the row as a whole) came from, or null when unknown. */
    private static String place(java.util.function.UnaryOperator<String> origin, String field) {
        return origin == null ? null : origin.apply(field);
    }

    private static String subject(FactKind kind, Object idValue, String origin) {
        String id = idValue == null || String.valueOf(idValue).isBlank() ? null : String.valueOf(idValue).trim();
        return (origin == null ? "" : origin + ": ") + kind.type().getSimpleName() + (id == null ? "" : " " + Shown.id(id));
    }

    private static Fact build(FactKind kind, Shape shape, Object[] raws, java.util.function.UnaryOperator<String> origin,
                              Canon canon, Limits limits) {
        Object[] args = new Object[raws.length];
        for (int i = 0; i < raws.length; i++) {
            Class<?> type = shape.types[i];
            Object raw = raws[i];
            String control = control(raw);
            if (control != null) {
                throw new FactException(subject(kind, raws[0], place(origin, shape.components[i].getName())) + ": field '"
                        + shape.components[i].getName() + "': " + control);
            }
            boolean absent = raw == null || (raw instanceof String s && s.isBlank())
                    || (raw instanceof List<?> l && l.isEmpty() && type != List.class);
            if (absent) {
                if (type == boolean.class) {
                    args[i] = false;
                } else if (type == List.class) {
                    args[i] = List.of();
                } else if (type.isPrimitive() || !shape.nullable[i]) {
                    throw new FactException(subject(kind, raws[0], place(origin, shape.components[i].getName()))
                            + ": missing required field '" + shape.components[i].getName() + "'");
                }
                continue;
            }
            try {
                RecordComponent c = shape.components[i];
                Map<String, Object> known = canon == null || !(raw instanceof String) ? null : canon.of(shape, i);
                args[i] = known != null ? canon.shared(i, (String) raw, known, c, limits)
                        : canon != null && raw instanceof String ? canon.id(i, convert(c, raw, limits)) : convert(c, raw, limits);
            } catch (IllegalArgumentException | DateTimeParseException e) {
                throw new FactException(subject(kind, raws[0], place(origin, shape.components[i].getName())) + ": field '"
                        + shape.components[i].getName() + "': " + reason(shape.components[i], raw, e));
            }
        }
        try {
            return (Fact) shape.constructor.newInstance(args);
        } catch (InvocationTargetException e) {
            // the records' own checks name "Kind id: …"; the id is shown masked like everywhere else
            String m = String.valueOf(e.getCause().getMessage());
            String own = kind.type().getSimpleName() + " " + args[0];
            String rest = m.startsWith(own + ":") ? m.substring(own.length())
                    : m.startsWith(kind.type().getSimpleName() + ":") ? m.substring(kind.type().getSimpleName().length()) : ": " + m;
            throw new FactException(subject(kind, raws[0], place(origin, null)) + rest);
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

    private static final Pattern DATE_SHAPE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern TIMESTAMP_SHAPE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}(:\\d{2})?");
    private static final Pattern MONTH_SHAPE = Pattern.compile("\\d{4}-\\d{2}");

    /** Why a value was refused, without repeating it (see {@link Shown}). */
    private static String reason(RecordComponent c, Object raw, RuntimeException e) {
        if (e instanceof Bad) {
            return e.getMessage();
        }
        Class<?> t = c.getType();
        String text = String.valueOf(raw).trim();
        if (t.isEnum()) {
            return unknownValue(t, text, "one of ");
        }
        if (t == LocalDate.class) {
            return "expected a date yyyy-MM-dd, got " + (DATE_SHAPE.matcher(text).matches() ? "a day that is not in the calendar"
                    : Shown.length(text));
        }
        if (t == LocalDateTime.class) {
            return "expected a timestamp yyyy-MM-ddTHH:mm[:ss], got " + (TIMESTAMP_SHAPE.matcher(text).matches()
                    ? "a time that is not in the calendar" : Shown.length(text));
        }
        if (t == YearMonth.class) {
            return "expected a month yyyy-MM, got " + (MONTH_SHAPE.matcher(text).matches() ? "a month that is not in the calendar"
                    : Shown.length(text));
        }
        if (t == boolean.class || t == Boolean.class) {
            String shown = Shown.booleanValue(text);
            return "expected true or false, got " + (shown != null ? shown : Shown.length(text));
        }
        return "expected " + (t == String.class ? "text" : "a number") + ", got " + Shown.length(text);
    }

    private static String unknownValue(Class<?> enumType, String text, String oneOf) {
        String shown = Shown.enumValue(text);
        return "unknown value " + (shown != null ? shown : "of " + Shown.length(text)) + " (" + oneOf
                + enumValues(enumType) + ")";
    }

    private static String enumValues(Class<?> t) {
        return Arrays.stream(t.getEnumConstants()).map(String::valueOf).collect(Collectors.joining(", "));
    }

    private static Object convert(RecordComponent c, Object raw, Limits limits) {
        Class<?> t = c.getType();
        if (t == List.class) {
            Class<?> element = listElement(c);
            List<?> items = raw instanceof List<?> l ? l
                    : Arrays.stream(String.valueOf(raw).split(";")).map(String::trim).filter(s -> !s.isEmpty()).toList();
            List<Object> out = new ArrayList<>();
            for (Object item : items) {
                try {
                    out.add(scalar(element, item, c.getName(), limits));
                } catch (IllegalArgumentException | DateTimeParseException e) {
                    if (e instanceof Bad) {
                        throw e;
                    }
                    String text = String.valueOf(item).trim();
                    throw new Bad(element.isEnum() ? unknownValue(element, text, "each one of ")
                            : "malformed item of " + Shown.length(text) + " in the list");
                }
            }
            return out;
        }
        if (raw instanceof List<?>) {
            throw new Bad("expected one value, got a list");
        }
        return scalar(t, raw, c.getName(), limits);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object scalar(Class<?> t, Object raw, String field, Limits limits) {
        String s = String.valueOf(raw).trim();
        if (t == String.class) {
            return s;
        }
        if (t.isEnum()) {
            return Enum.valueOf((Class<Enum>) t, s);
        }
        if (t == LocalDate.class) {
            LocalDate d = LocalDate.parse(s);
            if (!limits.holds(d.getYear())) {
                throw new Bad("expected a date yyyy-MM-dd in " + limits.range() + ", got one outside them");
            }
            return d;
        }
        if (t == LocalDateTime.class) {
            LocalDateTime d = (s.length() == 16 || s.length() == 19) && s.indexOf(' ') < 0 ? LocalDateTime.parse(s)
                    : LocalDateTime.parse(s.replace(' ', 'T'), TIMESTAMP);
            if (!limits.holds(d.getYear())) {
                throw new Bad("expected a timestamp yyyy-MM-ddTHH:mm[:ss] in " + limits.range() + ", got one outside them");
            }
            return d;
        }
        if (t == YearMonth.class) {
            YearMonth m = YearMonth.parse(s);
            if (!limits.holds(m.getYear())) {
                throw new Bad("expected a month yyyy-MM in " + limits.range() + ", got one outside them");
            }
            return m;
        }
        if (t == int.class || t == Integer.class) {
            int n = nonNegative(Integer.parseInt(s));
            if (YEAR_FIELDS.contains(field) && !limits.holds(n)) {
                throw new Bad("expected a year in " + limits.range() + ", got one outside them");
            }
            return n;
        }
        if (t == long.class || t == Long.class) {
            return nonNegative(Long.parseLong(s));
        }
        if (t == double.class || t == Double.class) {
            double d = Double.parseDouble(s);
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new IllegalArgumentException("not a finite number");
            }
            if (d < 0) {
                throw new Bad("expected a number of 0 or more, got a negative one");
            }
            return d == 0 ? 0.0 : d;
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

    private static <N extends Number & Comparable<N>> N nonNegative(N n) {
        if (n.longValue() < 0) {
            throw new Bad("expected a number of 0 or more, got a negative one");
        }
        return n;
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

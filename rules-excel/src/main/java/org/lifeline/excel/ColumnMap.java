package org.lifeline.excel;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.lifeline.fact.FactException;
import org.lifeline.fact.FactKind;
import org.lifeline.fact.FactParser;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * How workbooks name the facts: per fact kind the sheet names and, per field, the column headers that hold it, and
 * per value type the Chinese labels exports use for fixed values ({@code 团支部} for {@code BRANCH}, {@code 是} for
 * {@code true}). The contract's own names (sheet {@code members}, header {@code memberNumber}, value {@code BRANCH})
 * are always accepted as well. Shipped defaults ({@code column-map.yaml} beside this class); a file given with
 * {@link #read} replaces, for each kind and value type it names, the default entry. Immutable.
 */
public final class ColumnMap {

    private static final String DEFAULT = "column-map.yaml";
    /** The largest column map read, in bytes (YAML's own limit is 3 M characters). */
    static final long MAX_BYTES = 4L * 1024 * 1024;
    /** The characters Excel forbids in sheet names. */
    static final String SHEET_FORBIDDEN = "[]:*?/\\";

    private final Map<FactKind, List<String>> sheets;
    private final Map<FactKind, Map<String, List<String>>> headers;
    /** Per kind: header (trimmed) → field. */
    private final Map<FactKind, Map<String, String>> fieldByHeader;
    /** Per value type (enum simple name or {@code boolean}): label → contract value. */
    private final Map<String, Map<String, String>> labels;

    private ColumnMap(Map<FactKind, List<String>> sheets, Map<FactKind, Map<String, List<String>>> headers,
                      Map<String, Map<String, String>> labels, String source) {
        this.sheets = sheets;
        this.headers = headers;
        this.labels = labels;
        this.fieldByHeader = new EnumMap<>(FactKind.class);
        List<String> problems = new ArrayList<>();
        Map<String, FactKind> sheetOwner = new HashMap<>();
        for (FactKind k : FactKind.values()) {
            Map<String, String> byHeader = new HashMap<>();
            for (String f : FactParser.fieldNames(k)) {
                byHeader.put(f, f);
            }
            for (Map.Entry<String, List<String>> e : headers.getOrDefault(k, Map.of()).entrySet()) {
                for (String h : e.getValue()) {
                    String before = byHeader.putIfAbsent(h, e.getKey());
                    if (before != null && !before.equals(e.getKey())) {
                        problems.add(source + ": kinds." + k.key() + ".columns: header '" + h + "' names both "
                                + before + " and " + e.getKey());
                    }
                }
            }
            fieldByHeader.put(k, byHeader);
            List<String> names = new ArrayList<>(sheets.getOrDefault(k, List.of()));
            names.add(k.key());
            for (String s : names) {
                FactKind before = sheetOwner.putIfAbsent(s.toLowerCase(Locale.ROOT), k);
                if (before != null && before != k) {
                    problems.add(source + ": kinds." + k.key() + ".sheets: sheet name '" + s + "' is also one of "
                            + before.key());
                }
            }
            for (String s : sheets.getOrDefault(k, List.of())) {
                if (s.isEmpty() || s.length() > 31 || s.chars().anyMatch(c -> SHEET_FORBIDDEN.indexOf(c) >= 0)) {
                    problems.add(source + ": kinds." + k.key() + ".sheets: '" + s + "' is not a sheet name Excel "
                            + "allows (1 to 31 characters, none of " + SHEET_FORBIDDEN + ")");
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new FactException(problems);
        }
    }

    /** The shipped defaults. */
    public static ColumnMap defaults() {
        try (InputStream in = ColumnMap.class.getResourceAsStream(DEFAULT)) {
            if (in == null) {
                throw new IllegalStateException(DEFAULT + " is missing from the classpath");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), DEFAULT, null);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The defaults with the kinds and value types that {@code file} names replaced by its entries.
     *
     * @throws FactException naming the file and the entry for anything it cannot take
     */
    public static ColumnMap read(Path file) {
        String text;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new FactException(file + ": the column map is larger than " + MAX_BYTES / (1024 * 1024) + " MB");
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new FactException(file + ": cannot read the column map: " + e.getMessage());
        }
        return parse(text, file.toString(), defaults());
    }

    private static ColumnMap parse(String text, String source, ColumnMap base) {
        Object root;
        try (Reader r = new StringReader(text)) {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false); // a label or field given twice is refused, not overwritten
            options.setMaxAliasesForCollections(10);
            root = new Yaml(new SafeConstructor(options)).load(r);
        } catch (org.yaml.snakeyaml.error.MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            throw new FactException(source + (line > 0 ? ":" + line : "") + ": not a column map (YAML): " + e.getProblem());
        } catch (YAMLException | IOException e) {
            String first = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
            throw new FactException(source + ": not a column map (YAML): " + first);
        }
        if (root == null) {
            root = Map.of();
        }
        List<String> problems = new ArrayList<>();
        Map<FactKind, List<String>> sheets = new EnumMap<>(FactKind.class);
        Map<FactKind, Map<String, List<String>>> headers = new EnumMap<>(FactKind.class);
        Map<String, Map<String, String>> labels = new LinkedHashMap<>();
        if (base != null) {
            sheets.putAll(base.sheets);
            headers.putAll(base.headers);
            labels.putAll(base.labels);
        }
        Map<String, Object> top = map(root, source, "", problems);
        for (String key : top.keySet()) {
            if (!key.equals("kinds") && !key.equals("labels")) {
                problems.add(source + ": unknown entry '" + key + "' (kinds, labels)");
            }
        }
        Map<String, Object> kinds = map(top.getOrDefault("kinds", Map.of()), source, "kinds", problems);
        for (Map.Entry<String, Object> e : kinds.entrySet()) {
            FactKind kind = FactKind.byKey(e.getKey()).orElse(null);
            if (kind == null) {
                problems.add(source + ": kinds." + e.getKey() + ": unknown fact kind ("
                        + String.join(", ", Arrays.stream(FactKind.values()).map(FactKind::key).toList()) + ")");
                continue;
            }
            String at = "kinds." + kind.key();
            Map<String, Object> spec = map(e.getValue(), source, at, problems);
            for (String key : spec.keySet()) {
                if (!key.equals("sheets") && !key.equals("columns")) {
                    problems.add(source + ": " + at + ": unknown entry '" + key + "' (sheets, columns)");
                }
            }
            sheets.put(kind, strings(spec.getOrDefault("sheets", List.of()), source, at + ".sheets", problems));
            Map<String, List<String>> columns = new LinkedHashMap<>();
            List<String> fields = FactParser.fieldNames(kind);
            for (Map.Entry<String, Object> c : map(spec.getOrDefault("columns", Map.of()), source, at + ".columns",
                    problems).entrySet()) {
                if (!fields.contains(c.getKey())) {
                    problems.add(source + ": " + at + ".columns." + c.getKey() + ": unknown field (fields: "
                            + String.join(", ", fields) + ")");
                    continue;
                }
                columns.put(c.getKey(), strings(c.getValue(), source, at + ".columns." + c.getKey(), problems));
            }
            headers.put(kind, columns);
        }
        Map<String, Class<?>> types = valueTypes();
        Map<String, Object> labelSpec = map(top.getOrDefault("labels", Map.of()), source, "labels", problems);
        for (Map.Entry<String, Object> e : labelSpec.entrySet()) {
            Class<?> type = types.get(e.getKey());
            if (type == null) {
                problems.add(source + ": labels." + e.getKey() + ": unknown value type ("
                        + String.join(", ", types.keySet()) + ")");
                continue;
            }
            Map<String, String> byLabel = new LinkedHashMap<>();
            for (Map.Entry<String, Object> l : map(e.getValue(), source, "labels." + e.getKey(), problems).entrySet()) {
                String value = String.valueOf(l.getValue());
                boolean known = type == boolean.class ? value.equals("true") || value.equals("false")
                        : Arrays.stream(type.getEnumConstants()).anyMatch(c -> ((Enum<?>) c).name().equals(value));
                if (!known) {
                    problems.add(source + ": labels." + e.getKey() + "." + l.getKey() + ": '" + value
                            + "' is not a value of " + e.getKey());
                } else if (byLabel.putIfAbsent(l.getKey().trim(), value) != null) {
                    problems.add(source + ": labels." + e.getKey() + "." + l.getKey() + ": label '" + l.getKey().trim()
                            + "' given twice");
                }
            }
            labels.put(e.getKey(), java.util.Collections.unmodifiableMap(byLabel)); // keeps the file's order
        }
        if (!problems.isEmpty()) {
            throw new FactException(problems);
        }
        return new ColumnMap(sheets, headers, labels, source);
    }

    /** The value types of the facts' fields that labels may be given for: the enums by simple name, and boolean. */
    static Map<String, Class<?>> valueTypes() {
        Map<String, Class<?>> out = new LinkedHashMap<>();
        for (FactKind k : FactKind.values()) {
            for (RecordComponent c : k.type().getRecordComponents()) {
                Class<?> t = valueType(c);
                if (t.isEnum()) {
                    out.put(t.getSimpleName(), t);
                }
            }
        }
        out.put("boolean", boolean.class);
        return out;
    }

    /** A field's type, or for a list field its element type; {@code Boolean} as {@code boolean}. */
    static Class<?> valueType(RecordComponent c) {
        if (c.getType() == List.class) {
            return (Class<?>) ((java.lang.reflect.ParameterizedType) c.getGenericType()).getActualTypeArguments()[0];
        }
        return c.getType() == Boolean.class ? boolean.class : c.getType();
    }

    private static String typeKey(Class<?> t) {
        return t == boolean.class ? "boolean" : t.getSimpleName();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o, String source, String at, List<String> problems) {
        if (o instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            ((Map<Object, Object>) m).forEach((k, v) -> out.put(String.valueOf(k), v));
            return out;
        }
        problems.add(source + ": " + (at.isEmpty() ? "the file" : at) + ": expected a mapping");
        return Map.of();
    }

    private static List<String> strings(Object o, String source, String at, List<String> problems) {
        List<?> items = o instanceof List<?> l ? l : o == null ? List.of() : List.of(o);
        List<String> out = new ArrayList<>();
        for (Object item : items) {
            if (item instanceof Map || item instanceof List || item == null || String.valueOf(item).isBlank()) {
                problems.add(source + ": " + at + ": expected names (text)");
            } else {
                out.add(String.valueOf(item).trim());
            }
        }
        return List.copyOf(out);
    }

    /** The kind a sheet (or a workbook file without extension) of this name holds, or null. Case-insensitive. */
    FactKind kindOfSheet(String name) {
        String n = name.trim();
        for (FactKind k : FactKind.values()) {
            if (k.key().equalsIgnoreCase(n) || sheets.getOrDefault(k, List.of()).stream().anyMatch(n::equalsIgnoreCase)) {
                return k;
            }
        }
        return null;
    }

    /** The field a header names for a kind, or null. */
    String field(FactKind kind, String header) {
        return fieldByHeader.get(kind).get(header.trim());
    }

    /** The contract value of a label for a value type, or the text unchanged when it is no label. */
    String value(Class<?> type, String text) {
        Map<String, String> byLabel = labels.get(typeKey(type));
        if (byLabel == null) {
            return text;
        }
        return byLabel.getOrDefault(text.trim(), text);
    }

    /** The sheet name written for a kind: the first of its sheets, else its contract name. */
    public String sheetName(FactKind kind) {
        List<String> s = sheets.getOrDefault(kind, List.of());
        return s.isEmpty() ? kind.key() : s.get(0);
    }

    /** The header written for a field: the first of its headers, else the field name. */
    public String header(FactKind kind, String field) {
        List<String> h = headers.getOrDefault(kind, Map.of()).getOrDefault(field, List.of());
        return h.isEmpty() ? field : h.get(0);
    }

    /** The label written for a contract value of a type (an enum constant, true, false): the first, else the value. */
    public String label(Class<?> type, String value) {
        for (Map.Entry<String, String> e : labels.getOrDefault(typeKey(type == Boolean.class ? boolean.class : type),
                Map.of()).entrySet()) {
            if (e.getValue().equals(value)) {
                return e.getKey();
            }
        }
        return value;
    }

    /** The sheet names of all kinds, for messages. */
    String knownSheets() {
        List<String> out = new ArrayList<>();
        for (FactKind k : FactKind.values()) {
            out.add(sheetName(k) + " (" + k.key() + ")");
        }
        return String.join(", ", out);
    }
}

package org.lifeline.flink;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lifeline.fact.Fact;
import org.lifeline.fact.FactKind;
import org.lifeline.fact.FactParser;

/**
 * One fact on its way to a top unit's key, as a Flink POJO: the fact's fields as the text of its export row
 * ({@link FactParser#format}, the CSV columns in contract order), so that Flink serialises it with its own POJO and
 * string-array serializers (no Kryo), and the key evaluates exactly the fact that was read
 * ({@link FactParser#parse} is the inverse of {@code format}).
 *
 * <p>Public with public fields and a no-argument constructor only because Flink's POJO serializer requires it.
 */
public final class FactRow implements java.io.Serializable {

    private static final long serialVersionUID = 1L;

    /** The destination key: a top unit's organisation id, or {@link Routing#ROOT_KEY}; null before routing. */
    public String key;
    /** {@link FactKind#key()}, e.g. {@code members}. */
    public String kind;
    /** The fact's place in the input (kind by kind, file order): the key inserts its facts in this order. */
    public long seq;
    /**
     * Where the fact was read, named in errors: the export's file ({@code members.csv}) when {@link #line} is a line
     * of it, else a whole origin text (a fact set's {@code organizations.csv:12}) or null. The file's name is one
     * object per kind where rows are held ({@link #held}), so that a province's 16 M rows do not each hold a text.
     */
    public String origin;
    /** The line of {@link #origin} the fact was read from; -1 when there is none. */
    public int line = -1;
    /** The fields' text, in the order of {@link FactParser#fieldNames}. */
    public String[] values;

    /** For Flink. */
    public FactRow() {
    }

    /** A fact with a whole origin text (or none). */
    static FactRow of(String key, Fact fact, long seq, String origin) {
        return of(key, fact, seq, origin, -1);
    }

    /** A fact read from line {@code line} of the export's file {@code file}. */
    static FactRow of(String key, Fact fact, long seq, String file, int line) {
        FactRow r = new FactRow();
        r.key = key;
        r.kind = FactKind.of(fact).key();
        r.seq = seq;
        r.origin = file;
        r.line = line;
        r.values = FactParser.format(fact).values().toArray(String[]::new);
        return r;
    }

    /** The same fact for another key. */
    FactRow to(String key) {
        FactRow r = new FactRow();
        r.key = key;
        r.kind = kind;
        r.seq = seq;
        r.origin = origin;
        r.line = line;
        r.values = values;
        return r;
    }

    /** Where the fact was read as errors name it ({@code members.csv:12}), or null. */
    String where() {
        return origin == null ? null : line < 0 ? origin : origin + ":" + line;
    }

    /** The names of the export's files (a few per kind at most): one object each, shared by the rows held. */
    private static final java.util.concurrent.ConcurrentMap<String, String> FILES =
            new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * This row, its kind's and file's names made the one object of each (a row arriving at an operator comes with
     * its own copies, about 100 bytes a row): for the stages that hold rows until their input ends.
     */
    FactRow held() {
        FactKind k = FactKind.byKey(kind).orElse(null);
        if (k != null) {
            kind = k.key();
        }
        if (origin != null && line >= 0 && FILES.size() < 1024) {
            String before = FILES.putIfAbsent(origin, origin);
            if (before != null) {
                origin = before;
            }
        } else if (origin != null && line >= 0) {
            origin = FILES.getOrDefault(origin, origin);
        }
        return this;
    }

    /** A digest of the row's whole content (key, kind, place, origin, fields), for the live feed's diffs. */
    String identity() {
        return Routed.digest(content());
    }

    private String content() {
        StringBuilder b = new StringBuilder().append(key).append('\u0003').append(kind).append('\u0003').append(seq)
                .append('\u0003').append(origin).append('\u0003').append(line);
        for (String v : values) {
            b.append('\u0003').append(v == null ? "\u0004" : v);
        }
        return b.toString();
    }

    /** The columns of each kind, by name: their place in {@link #values}. */
    private static final Map<String, Map<String, Integer>> COLUMNS = columns();

    private static Map<String, Map<String, Integer>> columns() {
        Map<String, Map<String, Integer>> out = new java.util.HashMap<>();
        for (FactKind k : FactKind.values()) {
            Map<String, Integer> c = new java.util.HashMap<>();
            List<String> names = FactParser.fieldNames(k);
            for (int i = 0; i < names.size(); i++) {
                c.put(names.get(i), i);
            }
            out.put(k.key(), c);
        }
        return out;
    }

    /**
     * One field's text as the export gives it, without parsing the row (null when empty): for the routing stages,
     * which read a key or two of most rows.
     */
    String field(String name) {
        Integer i = COLUMNS.get(kind).get(name);
        if (i == null) {
            throw new IllegalArgumentException(kind + " has no field " + name);
        }
        String v = values[i];
        return v == null || v.isEmpty() ? null : v;
    }

    /** The fact's id (the first column of every kind). */
    String id() {
        return values[0];
    }

    /** The fact again, parsed as a row of its export file. */
    Fact fact() {
        FactKind k = FactKind.byKey(kind).orElseThrow(() -> new IllegalStateException("unknown fact kind " + kind));
        List<String> names = FactParser.fieldNames(k);
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            fields.put(names.get(i), values[i]);
        }
        return FactParser.parse(k, fields, where());
    }
}

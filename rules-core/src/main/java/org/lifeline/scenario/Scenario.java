package org.lifeline.scenario;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.lifeline.fact.Fact;
import org.lifeline.fact.FactException;
import org.lifeline.fact.FactKind;
import org.lifeline.fact.FactParser;
import org.lifeline.waiver.WaiverStatus;
import org.lifeline.waiver.Waivers;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * A fact scenario (docs/scenarios.md): facts, an evaluation date, and the violations expected. Lifeline adds one
 * optional section, {@code steps}: changes applied in order (each may move the date, insert, update or delete
 * facts), each followed by its own expectations, including which violations it {@code raised},
 * {@code resolved} or {@code changed}. Steps replay the same way as a snapshot (evaluate again and compare)
 * and live (the monitor's callbacks).
 *
 * <pre>
 * steps:
 *   - name: the branch gets a member
 *     insert: {members: [{id: M1, orgId: B1}]}
 *     expect:
 *       resolved: [{ruleId: T04.HOLLOW_BRANCH, subjectId: B1}]
 * </pre>
 *
 * <p>{@code waivers:} at the top (a list of waivers written as in a {@code waivers.yaml}) applies them to the
 * evaluation; a step's own {@code waivers:} replaces them from that step on (live: a reload of the waivers), and
 * {@code expect.waivers} says what must have become of them ({@code [{id: W1, state: UNUSED, expiringSoon: false}]}).
 * An expected violation may name its {@code status} ({@code OPEN}, {@code WAIVED}) and {@code waiverId}.
 *
 * <p>{@code history: true} at the top records a snapshot into a history after the initial facts and after each
 * step, and the expectations then also see what the history gives ({@code AT_RISK} forecasts, {@code A.SUDDEN_JUMP}).
 * Such a scenario is replayed by the history module ({@code org.lifeline.history.HistoryScenarios}); this runner
 * refuses it.
 */
public record Scenario(String name, String file, LocalDate asOf, List<Fact> facts, Expectations expect,
                       List<Step> steps, boolean history, Waivers waivers) {

    /** A scenario that records no history. */
    public Scenario(String name, String file, LocalDate asOf, List<Fact> facts, Expectations expect, List<Step> steps) {
        this(name, file, asOf, facts, expect, steps, false, Waivers.NONE);
    }

    /** A scenario without waivers. */
    public Scenario(String name, String file, LocalDate asOf, List<Fact> facts, Expectations expect, List<Step> steps,
                    boolean history) {
        this(name, file, asOf, facts, expect, steps, history, Waivers.NONE);
    }

    /**
     * What must hold after the initial facts or after a step.
     *
     * @param waivers what must have become of waivers ({@code expect.waivers: [{id: W1, state: UNUSED}]})
     */
    public record Expectations(List<Expected> violations, List<Expected> absent, boolean only,
                               List<Expected> raised, List<Expected> resolved, List<Expected> changed,
                               List<WaiverExpected> waivers) {
        static final Expectations NONE = new Expectations(List.of(), List.of(), false, List.of(), List.of(), List.of(),
                List.of());

        public Expectations(List<Expected> violations, List<Expected> absent, boolean only,
                            List<Expected> raised, List<Expected> resolved, List<Expected> changed) {
            this(violations, absent, only, raised, resolved, changed, List.of());
        }
    }

    /**
     * What must have become of one waiver: its state ({@code APPLIED}, {@code UNUSED}, {@code EXPIRED},
     * {@code NOT_YET}, {@code INVALID}) and, when given, whether it is listed as expiring soon.
     */
    public record WaiverExpected(String id, WaiverStatus.State state, Boolean expiringSoon, String where) {

        /** The mismatch with what became of the waivers, or null when it holds. */
        String mismatch(List<WaiverStatus> statuses) {
            for (WaiverStatus st : statuses) {
                if (st.waiver().id().equals(id)) {
                    if (st.state() != state || expiringSoon != null && expiringSoon != st.expiringSoon()) {
                        return "waiver " + id + " (" + where + "): expected " + state
                                + (expiringSoon == null ? "" : ", expiringSoon " + expiringSoon) + ", found " + st.state()
                                + ", expiringSoon " + st.expiringSoon() + (st.problem() == null ? "" : " (" + st.problem() + ")");
                    }
                    return null;
                }
            }
            return "waiver " + id + " (" + where + "): no such waiver in the scenario";
        }
    }

    /**
     * A change to the facts, the date or the waivers, and what must hold after it.
     *
     * @param waivers the waivers from this step on (they replace the scenario's), or null when unchanged
     */
    public record Step(String name, LocalDate asOf, List<Fact> insert, List<Fact> update,
                       List<Deletion> delete, Expectations expect, Waivers waivers) {

        public Step(String name, LocalDate asOf, List<Fact> insert, List<Fact> update, List<Deletion> delete,
                    Expectations expect) {
            this(name, asOf, insert, update, delete, expect, null);
        }

        /** Applies the step's inserts, updates and deletions to facts held by {@link #key}. */
        public void applyTo(java.util.Map<String, Fact> facts) {
            insert.forEach(f -> facts.put(key(f), f));
            update.forEach(f -> facts.put(key(f), f));
            delete.forEach(d -> facts.remove(d.kind() + "/" + d.id()));
        }
    }

    /** The scenario's facts by {@link #key}, in the order given: what steps change. */
    public java.util.Map<String, Fact> factsByKey() {
        java.util.Map<String, Fact> out = new java.util.LinkedHashMap<>();
        facts().forEach(f -> out.put(key(f), f));
        return out;
    }

    /** A fact's key among the facts of a scenario: its kind and id. */
    public static String key(Fact f) {
        return FactKind.of(f) + "/" + f.id();
    }

    /** A fact to delete, by kind and id. */
    public record Deletion(FactKind kind, String id) {
    }

    private static final Set<String> TOP = Set.of("name", "description", "asOf", "facts", "expect", "steps", "history",
            "waivers");
    private static final Set<String> EXPECT = Set.of("violations", "absent", "only", "raised", "resolved", "changed",
            "waivers");
    private static final Set<String> STEP = Set.of("name", "asOf", "insert", "update", "delete", "expect", "waivers");

    /** The scenario files ({@code *.yaml}, {@code *.yml}) under a folder, or the file itself, sorted. */
    public static List<Path> filesIn(Path dirOrFile) {
        if (Files.isRegularFile(dirOrFile)) {
            return List.of(dirOrFile);
        }
        try (java.util.stream.Stream<Path> s = Files.walk(dirOrFile)) {
            return s.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList();
        } catch (IOException e) {
            throw new ScenarioException(dirOrFile + ": cannot list scenarios: " + e.getMessage(), e);
        }
    }

    /** The largest scenario file read, in bytes (YAML's own limit is 64 M characters). */
    static final long MAX_BYTES = 64L * 1024 * 1024;

    /** Reads a scenario file. @throws ScenarioException naming file, line and field */
    public static Scenario read(Path file) {
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new ScenarioException(file + ": the scenario is larger than " + MAX_BYTES / (1024 * 1024) + " MB");
            }
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new ScenarioException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** Parses scenario text; {@code file} names it in errors. */
    public static Scenario parse(String text, String file) {
        YamlTree tree;
        try (Reader r = new StringReader(text)) {
            tree = YamlTree.read(r);
        } catch (MarkedYAMLException e) {
            throw new ScenarioException(file + ":" + (e.getProblemMark().getLine() + 1) + ": not valid YAML: " + e.getProblem());
        } catch (IOException | RuntimeException e) {
            throw new ScenarioException(file + ": not valid YAML: " + e.getMessage(), e);
        }
        return new Reading(tree, file).scenario();
    }

    /** The state of one parse. */
    private record Reading(YamlTree tree, String file) {

        Scenario scenario() {
            Map<String, Object> doc = map(tree.root(), "the scenario", 1);
            keys(doc, TOP, "scenario");
            String name = doc.get("name") == null ? Path.of(file).getFileName().toString() : String.valueOf(doc.get("name"));
            LocalDate asOf = date(doc.get("asOf"), "asOf", doc);
            if (asOf == null) {
                throw error(doc, "missing required field 'asOf'");
            }
            List<Fact> facts = facts(doc.get("facts"), "facts");
            Expectations expect = expectations(doc.get("expect"));
            List<Step> steps = new ArrayList<>();
            if (doc.get("steps") != null) {
                for (Object o : list(doc.get("steps"), "steps", doc)) {
                    steps.add(step(map(o, "a step", tree.line(o))));
                }
            }
            Object history = doc.get("history");
            if (history != null && !"true".equals(String.valueOf(history)) && !"false".equals(String.valueOf(history))) {
                throw error(doc, "field 'history': expected true or false");
            }
            Waivers waivers = doc.containsKey("waivers") ? waivers(doc.get("waivers"), doc) : Waivers.NONE;
            return new Scenario(name, file, asOf, facts, expect, steps, "true".equals(String.valueOf(history)), waivers);
        }

        Step step(Map<String, Object> s) {
            keys(s, STEP, "step");
            List<Deletion> deletions = new ArrayList<>();
            if (s.get("delete") != null) {
                Map<String, Object> d = map(s.get("delete"), "delete", tree.line(s));
                for (Map.Entry<String, Object> e : d.entrySet()) {
                    FactKind kind = kind(e.getKey(), d);
                    for (Object id : list(e.getValue(), "delete." + e.getKey(), d)) {
                        deletions.add(new Deletion(kind, String.valueOf(id)));
                    }
                }
            }
            return new Step(s.get("name") == null ? "step at line " + tree.line(s) : String.valueOf(s.get("name")),
                    date(s.get("asOf"), "asOf", s), facts(s.get("insert"), "insert"), facts(s.get("update"), "update"),
                    deletions, expectations(s.get("expect")), s.containsKey("waivers") ? waivers(s.get("waivers"), s) : null);
        }

        /**
         * The {@code waivers:} list of a scenario or step, read as a waivers file is ({@link Waivers#parse}); a
         * problem names the line of the list.
         */
        Waivers waivers(Object node, Object where) {
            int line = tree.line(node) > 0 ? tree.line(node) : tree.line(where);
            if (node == null) {
                return Waivers.of(file + ":" + line, List.of());
            }
            list(node, "waivers", where);
            org.yaml.snakeyaml.DumperOptions options = new org.yaml.snakeyaml.DumperOptions();
            options.setDefaultFlowStyle(org.yaml.snakeyaml.DumperOptions.FlowStyle.BLOCK);
            String text = new org.yaml.snakeyaml.Yaml(options).dump(Map.of("waivers", node));
            Waivers w = Waivers.parse(text, file + ":" + line);
            if (!w.problems().isEmpty()) {
                throw new ScenarioException(file + ":" + line + ": waivers: " + w.problems().get(0).message());
            }
            return w;
        }

        List<Fact> facts(Object node, String field) {
            List<Fact> out = new ArrayList<>();
            if (node == null) {
                return out;
            }
            Map<String, Object> byKind = map(node, field, 0);
            for (Map.Entry<String, Object> e : byKind.entrySet()) {
                FactKind kind = kind(e.getKey(), byKind);
                if (e.getValue() == null) {
                    continue;
                }
                for (Object row : list(e.getValue(), field + "." + e.getKey(), byKind)) {
                    int line = tree.line(row);
                    Map<String, Object> fields = map(row, "a fact of " + e.getKey(), line);
                    try {
                        out.add(FactParser.parse(kind, fields, file + ":" + line));
                    } catch (FactException ex) {
                        throw new ScenarioException(ex.getMessage());
                    }
                }
            }
            return out;
        }

        Expectations expectations(Object node) {
            if (node == null) {
                return Expectations.NONE;
            }
            Map<String, Object> e = map(node, "expect", 0);
            keys(e, EXPECT, "expect");
            boolean only = e.get("only") != null && Boolean.parseBoolean(String.valueOf(e.get("only")));
            List<WaiverExpected> waivers = new ArrayList<>();
            if (e.get("waivers") != null) {
                for (Object o : list(e.get("waivers"), "expect.waivers", e)) {
                    int line = tree.line(o);
                    Map<String, Object> m = map(o, "an expected waiver", line);
                    keys(m, Set.of("id", "state", "expiringSoon"), "an expected waiver");
                    if (m.get("id") == null || m.get("state") == null) {
                        throw error(m, "an expected waiver needs 'id' and 'state'");
                    }
                    WaiverStatus.State state;
                    try {
                        state = WaiverStatus.State.valueOf(String.valueOf(m.get("state")));
                    } catch (IllegalArgumentException x) {
                        throw error(m, "field 'state': one of " + java.util.Arrays.toString(WaiverStatus.State.values()));
                    }
                    Object soon = m.get("expiringSoon");
                    waivers.add(new WaiverExpected(String.valueOf(m.get("id")), state,
                            soon == null ? null : Boolean.valueOf(String.valueOf(soon)), file + ":" + line));
                }
            }
            return new Expectations(expected(e, "violations"), expected(e, "absent"), only,
                    expected(e, "raised"), expected(e, "resolved"), expected(e, "changed"), waivers);
        }

        List<Expected> expected(Map<String, Object> e, String field) {
            List<Expected> out = new ArrayList<>();
            if (e.get(field) == null) {
                return out;
            }
            for (Object o : list(e.get(field), "expect." + field, e)) {
                int line = tree.line(o);
                Map<String, Object> m = map(o, "an expected violation", line);
                for (String k : m.keySet()) {
                    if (!Expected.FIELDS.contains(k)) {
                        throw new ScenarioException(file + ":" + line + ": expect." + field + ": unknown violation field '"
                                + k + "' (fields: " + String.join(", ", Expected.FIELDS) + ")");
                    }
                }
                out.add(new Expected(new LinkedHashMap<>(m), file + ":" + line));
            }
            return out;
        }

        FactKind kind(String key, Object where) {
            return FactKind.byKey(key).orElseThrow(() -> error(where, "unknown fact kind '" + key
                    + "' (one of organizations, members, cadres, transfers, feePayments, submissions, "
                    + "feeAuthorities, feeManagers, activities, enterprises, twoNewLedger)"));
        }

        LocalDate date(Object v, String field, Object where) {
            if (v == null) {
                return null;
            }
            try {
                return LocalDate.parse(String.valueOf(v));
            } catch (DateTimeParseException e) {
                throw error(where, "field '" + field + "': expected a date yyyy-MM-dd, got '" + v + "'");
            }
        }

        void keys(Map<String, Object> m, Set<String> allowed, String what) {
            for (String k : m.keySet()) {
                if (!allowed.contains(k)) {
                    throw error(m, "unknown field '" + k + "' in " + what + " (fields: " + String.join(", ", allowed) + ")");
                }
            }
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> map(Object o, String what, int line) {
            if (o instanceof Map<?, ?> m) {
                return (Map<String, Object>) m;
            }
            throw new ScenarioException(file + (line > 0 ? ":" + line : "") + ": " + what + " must be a mapping");
        }

        List<?> list(Object o, String what, Object where) {
            if (o instanceof List<?> l) {
                return l;
            }
            throw error(where, what + " must be a list");
        }

        ScenarioException error(Object where, String message) {
            int line = tree.line(where);
            return new ScenarioException(file + (line > 0 ? ":" + line : "") + ": " + message);
        }
    }
}

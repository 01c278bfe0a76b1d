package org.lifeline.fact;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * A checked, immutable set of facts: what a snapshot evaluation reads. Building one checks what the rules
 * rely on: ids unique within each kind, every organisation's parent present, only the provincial committee
 * without a parent, and no cycle in the tree. Problems are reported all together, each naming the place the
 * fact came from when it was read from a file.
 */
public final class FactSet {

    private final Map<FactKind, Map<String, Fact>> byKind;
    private final Map<Fact, String> origins;
    private final List<Rejected> rejected;

    private FactSet(Map<FactKind, Map<String, Fact>> byKind, Map<Fact, String> origins, List<Rejected> rejected) {
        this.byKind = byKind;
        this.origins = origins;
        this.rejected = rejected;
    }

    /**
     * A row a lenient load left out because a reference of it names nothing (docs/facts.md: references
     * are never silent), or names a row that was itself left out.
     *
     * @param origin where the row came from ({@code members.csv:7}), or null when the host gave it
     * @param kind   its kind
     * @param id     its id
     * @param field  the reference field that names nothing
     * @param reason why, e.g. {@code no organisation with this id}
     */
    public record Rejected(String origin, FactKind kind, String id, String field, String reason) {
        /** One line as in an error: {@code members.csv:7: Member M7: field 'orgId': no organisation with this id}. */
        public String line() {
            return (origin == null ? "" : origin + ": ") + kind.type().getSimpleName() + " " + Shown.id(id) + ": field '"
                    + field + "': " + reason;
        }

        @Override
        public String toString() {
            return line();
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A checked set of the given facts. */
    public static FactSet of(Collection<? extends Fact> facts) {
        Builder b = builder();
        facts.forEach(b::add);
        return b.build();
    }

    /** The facts of one kind, in the order they were added. */
    @SuppressWarnings("unchecked")
    public <T extends Fact> Collection<T> all(Class<T> type) {
        for (FactKind k : FactKind.values()) {
            if (k.type() == type) {
                return (Collection<T>) Collections.unmodifiableCollection(byKind.get(k).values());
            }
        }
        throw new IllegalArgumentException("not a fact type: " + type);
    }

    public Collection<Fact> all(FactKind kind) {
        return Collections.unmodifiableCollection(byKind.get(kind).values());
    }

    /** The facts of one kind by id (a read-only view). */
    public Map<String, Fact> byId(FactKind kind) {
        return Collections.unmodifiableMap(byKind.get(kind));
    }

    /** Every fact, kind by kind in {@link FactKind} order. */
    public Stream<Fact> stream() {
        return byKind.values().stream().flatMap(m -> m.values().stream());
    }

    public int size() {
        return byKind.values().stream().mapToInt(Map::size).sum();
    }

    /**
     * The rows a lenient load left out for their dangling references, in kind order and then in the order they
     * were added; each names its origin, kind, id, field and reason. Empty for a strict load (which refuses them).
     */
    public List<Rejected> rejected() {
        return rejected;
    }

    /** Where an organisation came from ("organizations.csv:12"), or null when it was not read from a file. */
    public String origin(Fact fact) {
        return origins.get(fact);
    }

    /**
     * The deepest an organisation may lie below the root (the root's children lie 1 level below it). Real trees
     * are under 10 levels deep; the engine walks at most 1,000 levels up, so a deeper tree would be judged wrongly.
     */
    public static final int MAX_DEPTH = 500;

    /**
     * Checks organisations against the tree they belong to: each one's parent exists in {@code all}, only the
     * provincial committee has no parent, walking up from it reaches the root without a cycle, and it lies at most
     * {@link #MAX_DEPTH} levels below the top. Linear in the size of the tree: each organisation is walked once.
     *
     * @param all     every organisation of the tree, by id (after the change, in live use)
     * @param toCheck the organisations to check (all of them, or those a change touches)
     * @param origins where facts came from, for the messages (may be empty)
     * @return one line per problem
     */
    public static List<String> checkTree(Map<String, Organization> all, Collection<Organization> toCheck,
                                         Map<Fact, String> origins) {
        // per organisation walked: its depth below the top of its chain (>= 0), or, when walking up from it runs
        // into a cycle, the cycle's entry as -1 - index into 'entries'
        Map<String, Integer> walked = new HashMap<>();
        List<String> entries = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Organization o : toCheck) {
            String where = where(o, origins);
            if (o.parentId() == null) {
                if (o.type() != OrgType.PROVINCIAL_COMMITTEE) {
                    problems.add(where + "Organization " + Shown.id(o.id()) + ": field 'parentId' is missing; only the "
                            + "PROVINCIAL_COMMITTEE (团省委) may have no parent");
                }
                continue;
            }
            if (!all.containsKey(o.parentId())) {
                problems.add(where + "Organization " + Shown.id(o.id()) + ": field 'parentId': no organisation '"
                        + Shown.id(o.parentId()) + "'");
                continue;
            }
            int verdict = walk(o, all, walked, entries);
            if (verdict < 0) {
                problems.add(where + "Organization " + Shown.id(o.id()) + ": field 'parentId': the tree has a cycle through '"
                        + Shown.id(entries.get(-1 - verdict)) + "'");
            } else if (verdict == MAX_DEPTH + 1) {
                problems.add(where + "Organization " + Shown.id(o.id()) + ": field 'parentId': it lies " + verdict
                        + " levels below the top of the tree; at most " + MAX_DEPTH + " are allowed");
            }
        }
        return problems;
    }

    /** Walks up from {@code o} until an organisation already walked, the top or a cycle; records every step. */
    private static int walk(Organization o, Map<String, Organization> all, Map<String, Integer> walked,
                            List<String> entries) {
        Integer known = walked.get(o.id());
        if (known != null) {
            return known;
        }
        List<Organization> path = new ArrayList<>();
        Map<String, Integer> onPath = new HashMap<>();
        Organization cur = o;
        int above = 0;
        boolean top = false;
        while (true) {
            Integer k = walked.get(cur.id());
            if (k != null) {
                above = k;
                break;
            }
            Integer i = onPath.get(cur.id());
            if (i != null) {
                // on the cycle, each organisation is its own entry; below it, the entry is where the walk met it
                for (int j = i; j < path.size(); j++) {
                    entries.add(path.get(j).id());
                    walked.put(path.get(j).id(), -entries.size());
                }
                int entry = walked.get(path.get(i).id());
                for (int j = 0; j < i; j++) {
                    walked.put(path.get(j).id(), entry);
                }
                return walked.get(o.id());
            }
            onPath.put(cur.id(), path.size());
            path.add(cur);
            Organization parent = cur.parentId() == null ? null : all.get(cur.parentId());
            if (parent == null) {
                top = true; // the root, or an organisation whose own problem is reported at it
                break;
            }
            cur = parent;
        }
        int i = path.size() - 1;
        int v = above;
        if (top) {
            v = 0;
            walked.put(path.get(i--).id(), 0);
        }
        for (; i >= 0; i--) {
            // a chain that runs into a cycle shares the cycle's verdict; otherwise one level deeper than its parent
            v = v < 0 ? v : v + 1;
            walked.put(path.get(i).id(), v);
        }
        return walked.get(o.id());
    }

    private static String where(Fact f, Map<Fact, String> origins) {
        String o = origins.get(f);
        return o == null ? "" : o + ": ";
    }

    /**
     * The problem a load reports for a fact whose id an earlier fact of its kind has: {@code members.csv:9: Member
     * M1: field 'id': duplicate id}, with {@code (first at organizations.csv:3)} where the first one's origin is kept
     * (organisations). For a reader that finds duplicates elsewhere (a distributed job) and names them alike.
     *
     * @param origin      where the duplicate was read, or null
     * @param firstOrigin where the first fact with the id was read, or null
     */
    public static String duplicateId(Fact fact, String origin, String firstOrigin) {
        return (origin == null ? "" : origin + ": ") + fact.getClass().getSimpleName() + " " + Shown.id(fact.id())
                + ": field 'id': duplicate id" + (firstOrigin == null ? "" : " (first at " + firstOrigin + ")");
    }

    /** A reference field: its kind, name, the kind it names and how to read it. */
    private record Reference(FactKind kind, String field, FactKind target, Function<Fact, String> value) {
    }

    private static <T extends Fact> Reference ref(FactKind kind, Class<T> type, String field, FactKind target,
                                                  Function<T, String> value) {
        return new Reference(kind, field, target, f -> value.apply(type.cast(f)));
    }

    /**
     * The references checked on build. Not checked: those a rule judges (Enterprise leagueOrgId, TwoNewLedgerEntry
     * registeredOrgId, FeeAuthority administratorId, FeeManager cadreId), Organization parentId (the tree check),
     * and the ids of units (Organization unitId, Member workUnitId: matched against unitId, not organisation ids).
     */
    private static final Map<FactKind, List<Reference>> REFERENCES = new EnumMap<>(FactKind.class);

    static {
        FactKind o = FactKind.ORGANIZATIONS;
        List<Reference> all = List.of(
                ref(FactKind.MEMBERS, Member.class, "orgId", o, Member::orgId),
                ref(FactKind.MEMBERS, Member.class, "schoolOrgId", o, Member::schoolOrgId),
                ref(FactKind.CADRES, Cadre.class, "orgId", o, Cadre::orgId),
                ref(FactKind.CADRES, Cadre.class, "memberId", FactKind.MEMBERS, Cadre::memberId),
                ref(FactKind.TRANSFERS, Transfer.class, "memberId", FactKind.MEMBERS, Transfer::memberId),
                ref(FactKind.TRANSFERS, Transfer.class, "fromOrgId", o, Transfer::fromOrgId),
                ref(FactKind.TRANSFERS, Transfer.class, "toOrgId", o, Transfer::toOrgId),
                ref(FactKind.FEE_PAYMENTS, FeePayment.class, "memberId", FactKind.MEMBERS, FeePayment::memberId),
                ref(FactKind.SUBMISSIONS, Submission.class, "orgId", o, Submission::orgId),
                ref(FactKind.FEE_AUTHORITIES, FeeAuthority.class, "orgId", o, FeeAuthority::orgId),
                ref(FactKind.FEE_AUTHORITIES, FeeAuthority.class, "topUnitId", o, FeeAuthority::topUnitId),
                ref(FactKind.FEE_MANAGERS, FeeManager.class, "orgId", o, FeeManager::orgId),
                ref(FactKind.ACTIVITIES, Activity.class, "orgId", o, Activity::orgId),
                ref(FactKind.ENTERPRISES, Enterprise.class, "parentEnterpriseId", FactKind.ENTERPRISES,
                        Enterprise::parentEnterpriseId),
                ref(FactKind.TWO_NEW_LEDGER, TwoNewLedgerEntry.class, "cityOrgId", o, TwoNewLedgerEntry::cityOrgId));
        for (Reference r : all) {
            REFERENCES.computeIfAbsent(r.kind(), k -> new ArrayList<>()).add(r);
        }
    }

    private static String noSuch(FactKind target) {
        return switch (target) {
            case ORGANIZATIONS -> "no organisation with this id";
            case MEMBERS -> "no member with this id";
            case ENTERPRISES -> "no enterprise with this id";
            default -> "no " + target.type().getSimpleName() + " with this id";
        };
    }

    private static String named(FactKind target) {
        return switch (target) {
            case ORGANIZATIONS -> "organisation";
            case MEMBERS -> "member";
            case ENTERPRISES -> "enterprise";
            default -> target.type().getSimpleName();
        };
    }

    /**
     * Where the kept facts of one kind came from, in the order they were added: a file and line, or a whole origin
     * text (line -1), or nothing. Compact, as a province's export has millions of rows: one int a row, and one file
     * name for the kind unless its rows came from several.
     */
    private static final class Rows {
        int size;
        int[] lines = new int[16];
        String file;
        List<String> files; // only once two rows name different files

        void add(String f, int line) {
            if (size == lines.length) {
                lines = Arrays.copyOf(lines, lines.length * 2);
            }
            lines[size] = line;
            if (size == 0) {
                file = f;
            } else if (files == null && !java.util.Objects.equals(f, file)) {
                files = new ArrayList<>(Collections.nCopies(size, file));
            }
            if (files != null) {
                files.add(f);
            }
            size++;
        }

        String origin(int i) {
            return origin(files == null ? file : files.get(i), lines[i]);
        }

        static String origin(String file, int line) {
            return file == null ? null : line < 0 ? file : file + ":" + line;
        }
    }

    /** Collects facts; {@link #build()} checks them. */
    public static final class Builder {
        /** At most this many problems are listed; a last line counts the rest. */
        private static final int MAX_PROBLEMS = 1000;
        private final Map<FactKind, Map<String, Fact>> byKind = new EnumMap<>(FactKind.class);
        private final Map<FactKind, Rows> rows = new EnumMap<>(FactKind.class);
        private final Map<Fact, String> origins = new IdentityHashMap<>();
        private final List<String> problems = new ArrayList<>();
        private boolean lenient;
        /**
         * Whether the last {@link #build()} handed its maps to the set it made (a province's 16 M facts are not
         * copied a second time): the builder copies them before it changes them again.
         */
        private boolean handedOver;

        private Builder() {
            for (FactKind k : FactKind.values()) {
                byKind.put(k, new LinkedHashMap<>());
                rows.put(k, new Rows());
            }
        }

        /**
         * A lenient load: a row whose reference names nothing (or names a row left out itself) is left out and
         * listed in {@link FactSet#rejected()} instead of refusing the set. Every other problem still refuses it.
         */
        public Builder lenient(boolean lenient) {
            this.lenient = lenient;
            return this;
        }

        public Builder add(Fact fact) {
            return add(fact, (String) null);
        }

        /** Adds a fact read from {@code origin} (e.g. {@code organizations.csv:12}), named in errors. */
        public Builder add(Fact fact, String origin) {
            return add(fact, origin, -1);
        }

        /**
         * Adds a fact read from line (or row) {@code line} of {@code file} (no line: -1), named in errors as
         * {@code file:line}; cheaper than {@link #add(Fact, String)} for millions of rows of one file.
         */
        public Builder add(Fact fact, String file, int line) {
            if (handedOver) {
                byKind.replaceAll((k, v) -> new LinkedHashMap<>(v));
                handedOver = false;
            }
            FactKind kind = FactKind.of(fact);
            String origin = Rows.origin(file, line);
            Fact before = byKind.get(kind).putIfAbsent(fact.id(), fact);
            if (before != null) {
                problems.add(duplicateId(fact, origin, origins.get(before)));
                return this;
            }
            rows.get(kind).add(file, line);
            if (origin != null && kind == FactKind.ORGANIZATIONS) {
                origins.put(fact, origin);
            }
            return this;
        }

        public Builder addAll(Collection<? extends Fact> facts) {
            facts.forEach(this::add);
            return this;
        }

        /** Checks and builds; throws {@link FactException} listing every problem. */
        public FactSet build() {
            if (handedOver) {
                byKind.replaceAll((k, v) -> new LinkedHashMap<>(v)); // a lenient check may take rows out
                handedOver = false;
            }
            List<String> all = new ArrayList<>(problems);
            @SuppressWarnings("unchecked")
            Collection<Organization> orgs = (Collection<Organization>) (Collection<?>) byKind.get(FactKind.ORGANIZATIONS).values();
            Map<String, Organization> tree = new HashMap<>();
            orgs.forEach(o -> tree.put(o.id(), o));
            all.addAll(checkTree(tree, orgs, origins));
            List<Rejected> rejected = new ArrayList<>();
            if (all.isEmpty() || !lenient) {
                references(all, rejected);
            }
            if (!all.isEmpty()) {
                if (all.size() > MAX_PROBLEMS) {
                    int more = all.size() - MAX_PROBLEMS;
                    all = new ArrayList<>(all.subList(0, MAX_PROBLEMS));
                    all.add("… and " + more + " more problems");
                }
                throw new FactException(all);
            }
            Map<FactKind, Map<String, Fact>> frozen = new EnumMap<>(FactKind.class);
            byKind.forEach((k, v) -> frozen.put(k, Collections.unmodifiableMap(v)));
            handedOver = true;
            return new FactSet(frozen, new IdentityHashMap<>(origins), List.copyOf(rejected));
        }

        /**
         * Checks every reference. Strict: one problem per reference that names nothing. Lenient: the rows are
         * taken out and listed, and so are the rows that name a row taken out, to a fixed point: kinds are checked
         * in {@link FactKind} order, in which every kind comes after the kinds it names except enterprises, which
         * name enterprises (those are followed from parent to children).
         */
        private void references(List<String> problems, List<Rejected> rejected) {
            Map<FactKind, Map<String, String>> out = new EnumMap<>(FactKind.class); // kind -> id -> its origin
            for (FactKind kind : FactKind.values()) {
                List<Reference> refs = REFERENCES.get(kind);
                if (refs == null) {
                    continue;
                }
                Rows r = rows.get(kind);
                Map<String, Fact> kept = byKind.get(kind);
                Map<String, String> gone = out.computeIfAbsent(kind, k -> new HashMap<>());
                Map<Integer, Rejected> byRow = new java.util.TreeMap<>(); // this kind's rejected rows, in row order
                List<Integer> waiting = new ArrayList<>(); // rows naming a row of their own kind that is still kept
                int i = -1;
                for (Fact f : kept.values()) {
                    i++;
                    boolean sameKind = false;
                    for (Reference ref : refs) {
                        String v = ref.value().apply(f);
                        if (v == null) {
                            continue;
                        }
                        Map<String, Fact> targets = byKind.get(ref.target());
                        String why = null;
                        if (lenient && out.getOrDefault(ref.target(), Map.of()).containsKey(v)) {
                            String at = out.get(ref.target()).get(v);
                            why = "the " + named(ref.target()) + " it names was rejected" + (at == null ? "" : " (" + at + ")");
                        } else if (!targets.containsKey(v)) {
                            why = noSuch(ref.target());
                        } else if (ref.target() == kind) {
                            sameKind = true;
                        }
                        if (why != null) {
                            Rejected x = new Rejected(r.origin(i), kind, f.id(), ref.field(), why);
                            if (!lenient) {
                                problems.add(x.line());
                                continue;
                            }
                            byRow.put(i, x);
                            gone.put(f.id(), r.origin(i));
                            sameKind = false;
                            break;
                        }
                    }
                    if (sameKind) {
                        waiting.add(i);
                    }
                }
                if (lenient && !waiting.isEmpty()) {
                    followWithinKind(kind, new ArrayList<>(kept.values()), refs, waiting, gone, byRow);
                }
                rejected.addAll(byRow.values());
                gone.keySet().forEach(kept::remove);
            }
        }

        /** Rejects, from parent to children, the rows naming a row of their own kind that was rejected. */
        private void followWithinKind(FactKind kind, List<Fact> facts, List<Reference> refs, List<Integer> waiting,
                                      Map<String, String> gone, Map<Integer, Rejected> byRow) {
            Rows r = rows.get(kind);
            Map<String, List<Integer>> children = new HashMap<>();
            for (int i : waiting) {
                for (Reference ref : refs) {
                    String v = ref.value().apply(facts.get(i));
                    if (ref.target() == kind && v != null) {
                        children.computeIfAbsent(v, k -> new ArrayList<>()).add(i);
                    }
                }
            }
            java.util.ArrayDeque<String> queue = new java.util.ArrayDeque<>(gone.keySet());
            while (!queue.isEmpty()) {
                String id = queue.poll();
                for (int i : children.getOrDefault(id, List.of())) {
                    Fact f = facts.get(i);
                    if (gone.containsKey(f.id())) {
                        continue;
                    }
                    String field = refs.stream().filter(ref -> ref.target() == kind && id.equals(ref.value().apply(f)))
                            .findFirst().map(Reference::field).orElseThrow();
                    String at = gone.get(id);
                    byRow.put(i, new Rejected(r.origin(i), kind, f.id(), field,
                            "the " + named(kind) + " it names was rejected" + (at == null ? "" : " (" + at + ")")));
                    gone.put(f.id(), r.origin(i));
                    queue.add(f.id());
                }
            }
        }
    }
}

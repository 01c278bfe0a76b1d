package org.lifeline.fact;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

    private FactSet(Map<FactKind, Map<String, Fact>> byKind, Map<Fact, String> origins) {
        this.byKind = byKind;
        this.origins = origins;
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

    /** Where a fact came from ("organizations.csv:12"), or null when it was not read from a file. */
    public String origin(Fact fact) {
        return origins.get(fact);
    }

    /**
     * Checks organisations against the tree they belong to: each one's parent exists in {@code all}, only the
     * provincial committee has no parent, and walking up from it reaches the root without a cycle.
     *
     * @param all     every organisation of the tree, by id (after the change, in live use)
     * @param toCheck the organisations to check (all of them, or those a change touches)
     * @param origins where facts came from, for the messages (may be empty)
     * @return one line per problem
     */
    public static List<String> checkTree(Map<String, Organization> all, Collection<Organization> toCheck,
                                         Map<Fact, String> origins) {
        List<String> problems = new ArrayList<>();
        for (Organization o : toCheck) {
            String where = where(o, origins);
            if (o.parentId() == null) {
                if (o.type() != OrgType.PROVINCIAL_COMMITTEE) {
                    problems.add(where + "Organization " + o.id() + ": field 'parentId' is missing; only the "
                            + "PROVINCIAL_COMMITTEE (团省委) may have no parent");
                }
                continue;
            }
            if (!all.containsKey(o.parentId())) {
                problems.add(where + "Organization " + o.id() + ": field 'parentId': no organisation '"
                        + o.parentId() + "'");
                continue;
            }
            Set<String> path = new HashSet<>();
            path.add(o.id());
            Organization cur = all.get(o.parentId());
            while (cur != null) {
                if (!path.add(cur.id())) {
                    problems.add(where + "Organization " + o.id() + ": field 'parentId': the tree has a cycle through '"
                            + cur.id() + "'");
                    break;
                }
                cur = cur.parentId() == null ? null : all.get(cur.parentId());
            }
        }
        return problems;
    }

    private static String where(Fact f, Map<Fact, String> origins) {
        String o = origins.get(f);
        return o == null ? "" : o + ": ";
    }

    /** Collects facts; {@link #build()} checks them. */
    public static final class Builder {
        private final Map<FactKind, Map<String, Fact>> byKind = new EnumMap<>(FactKind.class);
        private final Map<Fact, String> origins = new IdentityHashMap<>();
        private final List<String> problems = new ArrayList<>();

        private Builder() {
            for (FactKind k : FactKind.values()) {
                byKind.put(k, new LinkedHashMap<>());
            }
        }

        public Builder add(Fact fact) {
            return add(fact, (String) null);
        }

        /** Adds a fact read from {@code origin} (e.g. {@code organizations.csv:12}), named in errors. */
        public Builder add(Fact fact, String origin) {
            return addLazily(fact, origin == null ? null : () -> origin);
        }

        /**
         * Adds a fact whose origin is built only when needed: kept for organisations (tree problems are found
         * later), used at once for a duplicate id.
         */
        Builder addLazily(Fact fact, java.util.function.Supplier<String> origin) {
            FactKind kind = FactKind.of(fact);
            if (origin != null && kind == FactKind.ORGANIZATIONS) {
                origins.put(fact, origin.get());
            }
            Fact before = byKind.get(kind).putIfAbsent(fact.id(), fact);
            if (before != null) {
                String first = origins.get(before);
                problems.add((origin == null ? "" : origin.get() + ": ") + fact.getClass().getSimpleName() + " "
                        + fact.id() + ": field 'id': duplicate id" + (first == null ? "" : " (first at " + first + ")"));
            }
            return this;
        }

        public Builder addAll(Collection<? extends Fact> facts) {
            facts.forEach(this::add);
            return this;
        }

        /** Checks and builds; throws {@link FactException} listing every problem. */
        public FactSet build() {
            List<String> all = new ArrayList<>(problems);
            @SuppressWarnings("unchecked")
            Collection<Organization> orgs = (Collection<Organization>) (Collection<?>) byKind.get(FactKind.ORGANIZATIONS).values();
            Map<String, Organization> tree = new HashMap<>();
            orgs.forEach(o -> tree.put(o.id(), o));
            all.addAll(checkTree(tree, orgs, origins));
            if (!all.isEmpty()) {
                throw new FactException(all);
            }
            Map<FactKind, Map<String, Fact>> frozen = new EnumMap<>(FactKind.class);
            byKind.forEach((k, v) -> frozen.put(k, Collections.unmodifiableMap(new LinkedHashMap<>(v))));
            return new FactSet(frozen, new IdentityHashMap<>(origins));
        }
    }
}

package org.lifeline.flink;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;
import org.lifeline.fact.Activity;
import org.lifeline.fact.Cadre;
import org.lifeline.fact.Enterprise;
import org.lifeline.fact.Fact;
import org.lifeline.fact.FeeAuthority;
import org.lifeline.fact.FeeManager;
import org.lifeline.fact.Member;
import org.lifeline.fact.OrgType;
import org.lifeline.fact.Organization;
import org.lifeline.fact.Purpose;
import org.lifeline.fact.Sector;
import org.lifeline.fact.Submission;
import org.lifeline.fact.Transfer;
import org.lifeline.fact.TwoNewLedgerEntry;

/**
 * The organisation tree as the routing sees it: every organisation as given (for the chains of parents a key's fact
 * set must hold) and, as of the evaluation date, the top unit each one lies in (the key that owns its findings), as
 * the engine derives it ({@code OrgTree}: only organisations in force, an organisation whose in-force chain does not
 * reach a root has no top unit). A province has about 250 k organisations, four provinces a million: every routing
 * task needs all of them (in Flink: broadcast), held once per task manager in BATCH ({@link SharedTrees}).
 *
 * <p>What a key must hold besides its own facts is decided here ({@link #orgsReferenced}, {@link #alwaysNeeded}),
 * from what the rules and the engine's derived facts read:
 * <ul>
 *   <li>every organisation a routed fact names (a member's organisation and school, a transfer's two ends, a cadre's
 *       organisation, a ledger entry's registered organisation, an enterprise's League organisation…), so that the
 *       key's fact set is complete and the rules read the same organisation;</li>
 *   <li>for a member of a floating-member branch or a new civil servants' branch (T02/T03.MEMBER_MISPLACED), the
 *       organisations built in the member's work unit ({@code unitId}, without a purpose);</li>
 *   <li>with each of them, its chain of parents up to the root (OrgInfo: top unit, school, ancestors, level come out
 *       as on one machine);</li>
 *   <li>for an enterprise, every province's 省属企业团工委 (the key places the enterprises it holds, and those above
 *       them, in their provinces: the committee of each must be there);</li>
 *   <li>in every key: the city committees (the decoration finds the city of a school by region, within the school's
 *       province) and the roots.</li>
 * </ul>
 * A key's own subtree is complete, so branch counts below its organisations are exact; the root's key gets, for each
 * root, one branch in force below it (the only use of a count above a top unit is T04.HOLLOW_COMMITTEE's "none").
 */
final class Placement {

    private static final int MAX_DEPTH = 1000;

    private final LocalDate asOf;
    private final Map<String, Organization> all = new HashMap<>();
    /** Concurrent: a {@link #shared} placement is read by several routing tasks at once (every other part is then
     *  computed ahead and only read). */
    private final Map<String, String> keyOf = new java.util.concurrent.ConcurrentHashMap<>();
    private Map<String, List<String>> byUnit;
    private Set<String> keys;
    private Set<String> alwaysNeeded;
    private Map<String, String> committees;
    private Map<String, String> witnessBranches;

    Placement(Collection<Organization> orgs, LocalDate asOf) {
        this.asOf = asOf;
        for (Organization o : orgs) {
            all.put(o.id(), o);
        }
    }

    /**
     * This placement, every part computed ahead, so that routing tasks on several threads may read it at once
     * ({@link SharedTrees}); only {@link #keyOf} of an id outside the tree still writes, to a concurrent map.
     */
    Placement shared() {
        keys();
        alwaysNeeded();
        witnessBranches();
        unitOrgs(null);
        committees();
        return this;
    }

    Organization get(String id) {
        return id == null ? null : all.get(id);
    }

    Collection<Organization> all() {
        return all.values();
    }

    /** The name of an organisation in force on the date, or null (as the engine's tree names it). */
    String nameOf(String orgId) {
        Organization o = get(orgId);
        return inForce(o) ? o.name() : null;
    }

    private boolean inForce(Organization o) {
        return o != null && (o.createdOn() == null || !o.createdOn().isAfter(asOf));
    }

    /** The key of the top unit an organisation lies in as of the date; {@link Routing#ROOT_KEY} for none. */
    String keyOf(String orgId) {
        if (orgId == null) {
            return Routing.ROOT_KEY;
        }
        String known = keyOf.get(orgId);
        if (known != null) {
            return known;
        }
        String top = null;
        boolean reachedRoot = false;
        Organization cur = all.get(orgId);
        if (!inForce(cur)) {
            cur = null;
        }
        for (int i = 0; cur != null && i < MAX_DEPTH; i++) {
            Organization parent = cur.parentId() == null ? null : all.get(cur.parentId());
            if (!inForce(parent)) {
                reachedRoot = cur.parentId() == null;
                break;
            }
            if (parent.type() == OrgType.PROVINCIAL_COMMITTEE && top == null) {
                top = cur.id();
            }
            cur = parent;
        }
        String key = reachedRoot && top != null ? top : Routing.ROOT_KEY;
        keyOf.put(orgId, key);
        return key;
    }

    /** Every key: each top unit of the tree as of the date, and the root's. */
    Set<String> keys() {
        if (keys == null) {
            Set<String> k = new TreeSet<>();
            k.add(Routing.ROOT_KEY);
            for (String id : all.keySet()) {
                k.add(keyOf(id));
            }
            keys = k;
        }
        return keys;
    }

    /** The organisation and its parents as given (whatever their dates), up to the top. */
    void chain(String orgId, Consumer<String> out) {
        Organization cur = get(orgId);
        for (int i = 0; cur != null && i < MAX_DEPTH; i++) {
            out.accept(cur.id());
            cur = get(cur.parentId());
        }
    }

    /** The organisations every key holds (with their chains): the roots and the city committees. */
    Set<String> alwaysNeeded() {
        if (alwaysNeeded == null) {
            Set<String> s = new TreeSet<>();
            for (Organization o : all.values()) {
                if (o.parentId() == null || o.type() == OrgType.CITY_COMMITTEE) {
                    chain(o.id(), s::add);
                }
            }
            alwaysNeeded = s;
        }
        return alwaysNeeded;
    }

    /**
     * For each root in force, one BRANCH in force below it (the smallest id), so that the root's key sees that the
     * root is not hollow (T04.HOLLOW_COMMITTEE) without holding the tree: root id to branch id.
     */
    Map<String, String> witnessBranches() {
        if (witnessBranches == null) {
            Map<String, String> w = new TreeMap<>();
            for (Organization o : all.values()) {
                if (o.type() != OrgType.BRANCH || Routing.ROOT_KEY.equals(keyOf(o.id()))) {
                    continue; // not a branch, or its chain does not reach a root in force
                }
                String[] root = {null};
                chain(o.id(), id -> root[0] = id);
                w.merge(root[0], o.id(), (a, b) -> a.compareTo(b) <= 0 ? a : b);
            }
            witnessBranches = w;
        }
        return witnessBranches;
    }

    /** The organisations without a purpose built in a unit (T02/T03.MEMBER_MISPLACED: "exists Organization(unitId)"). */
    List<String> unitOrgs(String unitId) {
        if (byUnit == null) {
            Map<String, List<String>> m = new HashMap<>();
            for (Organization o : all.values()) {
                if (o.unitId() != null && o.purpose() == null) {
                    m.computeIfAbsent(o.unitId(), k -> new ArrayList<>()).add(o.id());
                }
            }
            byUnit = m;
        }
        return unitId == null ? List.of() : byUnit.getOrDefault(unitId, List.of());
    }

    /**
     * The root (团省委) above an organisation as of the date, or itself when it is one; null when its chain of parents
     * in force reaches no root (as the engine's {@code OrgTree.rootOf}).
     */
    String rootOf(String orgId) {
        Organization cur = get(orgId);
        if (!inForce(cur)) {
            return null;
        }
        for (int i = 0; i < MAX_DEPTH; i++) {
            if (cur.parentId() == null) {
                return cur.id();
            }
            Organization parent = all.get(cur.parentId());
            if (!inForce(parent)) {
                return null;
            }
            cur = parent;
        }
        return null;
    }

    /** Each root in force, with its 省属企业团工委 (null: none): the engine's {@code OrgTree.enterpriseCommitteeOf}. */
    private Map<String, String> committees() {
        if (committees == null) {
            Map<String, String> c = new TreeMap<>();
            for (Organization o : all.values()) {
                if (o.parentId() == null && inForce(o)) {
                    c.putIfAbsent(o.id(), null);
                }
            }
            for (Organization o : all.values()) {
                Organization root = get(o.parentId());
                if (inForce(o) && o.type() == OrgType.WORK_COMMITTEE && o.sector() == Sector.PROVINCIAL_ENTERPRISE
                        && inForce(root) && root.parentId() == null && root.type() == OrgType.PROVINCIAL_COMMITTEE) {
                    c.merge(root.id(), o.id(), (a, b) -> a == null || b.compareTo(a) < 0 ? b : a);
                }
            }
            committees = c;
        }
        return committees;
    }

    /**
     * The province of an enterprise, as the engine places it ({@code OrgTree.provinceOf(Enterprise, …)}): the root
     * above its League organisation, or failing that above its parent enterprise's, up to the group; failing all, the
     * only root of an input of one province; else null.
     */
    String provinceOf(Enterprise e, Function<String, Enterprise> registry) {
        Set<String> seen = new HashSet<>();
        for (Enterprise cur = e; cur != null && seen.add(cur.id());
             cur = cur.parentEnterpriseId() == null ? null : registry.apply(cur.parentEnterpriseId())) {
            String root = rootOf(cur.leagueOrgId());
            if (root != null) {
                return root;
            }
        }
        return committees().size() == 1 ? committees().keySet().iterator().next() : null;
    }

    /**
     * The key of an enterprise's findings: its province's 省属企业团工委's, or the root's when it has none or the
     * enterprise cannot be placed.
     */
    String enterpriseKey(Enterprise e, Function<String, Enterprise> registry) {
        String province = provinceOf(e, registry);
        String committee = province == null ? null : committees().get(province);
        return committee == null ? Routing.ROOT_KEY : keyOf(committee);
    }

    /**
     * The keys each enterprise goes to: the key of its province's 省属企业团工委 (the top unit of its findings; the root's
     * key when it has none or cannot be placed), and the keys of the enterprises below it (a subsidiary's key reads
     * its parent enterprise's organisation, and places an enterprise without one by the enterprises above it).
     */
    Map<String, Set<String>> enterpriseKeys(Collection<Enterprise> enterprises) {
        Map<String, Enterprise> registry = new HashMap<>();
        enterprises.forEach(e -> registry.put(e.id(), e));
        Map<String, Set<String>> keys = new HashMap<>();
        for (Enterprise e : enterprises) {
            String key = enterpriseKey(e, registry::get);
            Set<String> seen = new HashSet<>();
            for (Enterprise cur = e; cur != null && seen.add(cur.id());
                 cur = cur.parentEnterpriseId() == null ? null : registry.get(cur.parentEnterpriseId())) {
                keys.computeIfAbsent(cur.id(), k -> new TreeSet<>()).add(key);
            }
        }
        return keys;
    }

    /** Whether a member's organisation receives members from other units (T02/T03.MEMBER_MISPLACED read their unit). */
    boolean receiving(String orgId) {
        Organization o = get(orgId);
        return o != null && (o.purpose() == Purpose.FLOATING_MEMBERS || o.purpose() == Purpose.NEW_CIVIL_SERVANTS);
    }

    /**
     * The organisations a fact held by a key makes that key need (without their chains): those it names, and for a
     * member of a receiving branch the organisations of its work unit.
     */
    void orgsReferenced(Fact f, Consumer<String> out) {
        if (f instanceof Member m) {
            out.accept(m.orgId());
            ifSet(m.schoolOrgId(), out);
            if (m.workUnitId() != null && receiving(m.orgId())) {
                unitOrgs(m.workUnitId()).forEach(out);
            }
        } else if (f instanceof Cadre c) {
            out.accept(c.orgId());
        } else if (f instanceof Transfer t) {
            out.accept(t.fromOrgId());
            out.accept(t.toOrgId());
        } else if (f instanceof Submission s) {
            out.accept(s.orgId());
        } else if (f instanceof FeeAuthority a) {
            out.accept(a.orgId());
            out.accept(a.topUnitId());
        } else if (f instanceof FeeManager fm) {
            out.accept(fm.orgId());
        } else if (f instanceof Activity a) {
            out.accept(a.orgId());
        } else if (f instanceof Enterprise e) {
            ifSet(e.leagueOrgId(), out);
            // every province's 省属企业团工委: a key places each enterprise it holds (those above its own too) exactly
            committees().values().forEach(c -> ifSet(c, out));
        } else if (f instanceof TwoNewLedgerEntry e) {
            out.accept(e.cityOrgId());
            ifSet(e.registeredOrgId(), out);
        }
    }

    private static void ifSet(String id, Consumer<String> out) {
        if (id != null) {
            out.accept(id);
        }
    }
}

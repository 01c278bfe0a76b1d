package org.lifeline.flink;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
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
 *   <li>in every key: the city committees (the decoration finds the city of a school by region) and the roots.</li>
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
    private Set<String> enterpriseKeys;
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
        enterpriseKeys();
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
     * The keys of 省属企业团工委 (a PROVINCIAL_ENTERPRISE work committee directly under a 团省委: the top unit the engine
     * gives every enterprise finding), or the root's when there is none.
     */
    Set<String> enterpriseKeys() {
        if (enterpriseKeys == null) {
            Set<String> k = new TreeSet<>();
            for (Organization o : all.values()) {
                Organization parent = get(o.parentId());
                if (inForce(o) && o.type() == OrgType.WORK_COMMITTEE && o.sector() == Sector.PROVINCIAL_ENTERPRISE
                        && inForce(parent) && parent.type() == OrgType.PROVINCIAL_COMMITTEE) {
                    k.add(keyOf(o.id()));
                }
            }
            if (k.isEmpty()) {
                k.add(Routing.ROOT_KEY);
            }
            enterpriseKeys = k;
        }
        return enterpriseKeys;
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

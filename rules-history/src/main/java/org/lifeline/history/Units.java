package org.lifeline.history;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.lifeline.fact.Cadre;
import org.lifeline.fact.FactSet;
import org.lifeline.fact.Member;
import org.lifeline.fact.OrgType;
import org.lifeline.fact.Organization;

/**
 * The places of organisations (top unit, school, name) and the per-top-unit counts a snapshot records, from one
 * pass over the organisations, members and cadres of a fact set as of a date: what exists on that date (created,
 * joined), what was reached by it (reported, onboarded). Counts are per top unit only, so they stay small.
 */
final class Units {

    /** One top unit's counts as of the snapshot's date. */
    record Counts(int members, int reported, int branches, int hollowBranches, int cadres, int onboarded) {
    }

    /** The derived share keys recorded beside the rules' own shares (per top unit). */
    static final String REPORTED = "MEMBERS.REPORTED";
    static final String ONBOARDED = "CADRES.ONBOARDED";

    private static final int MAX_DEPTH = 1000;

    private final Map<String, Organization> orgs;
    private final Map<String, String> topUnit = new HashMap<>();
    private final Map<String, String> school = new HashMap<>();

    private Units(Map<String, Organization> orgs) {
        this.orgs = orgs;
    }

    /** The places of a fact set's organisations (every organisation, whatever its date). */
    static Units of(FactSet facts) {
        Map<String, Organization> orgs = new HashMap<>();
        facts.all(Organization.class).forEach(o -> orgs.put(o.id(), o));
        return new Units(orgs);
    }

    String name(String orgId) {
        Organization o = orgs.get(orgId);
        return o == null ? orgId : o.name();
    }

    /** The top unit (the organisation directly under the provincial committee) an organisation lies in, or null. */
    String topUnitOf(String orgId) {
        if (orgId == null) {
            return null;
        }
        String cached = topUnit.get(orgId);
        if (cached != null || topUnit.containsKey(orgId)) {
            return cached;
        }
        String top = null;
        String outermostSchool = null;
        Organization cur = orgs.get(orgId);
        for (int i = 0; cur != null && i < MAX_DEPTH; i++) {
            if (cur.type() == OrgType.COMMITTEE && cur.sector().isSchool()) {
                outermostSchool = cur.id();
            }
            Organization parent = cur.parentId() == null ? null : orgs.get(cur.parentId());
            if (parent != null && parent.type() == OrgType.PROVINCIAL_COMMITTEE) {
                top = cur.id();
            }
            cur = parent;
        }
        topUnit.put(orgId, top);
        school.put(orgId, outermostSchool);
        return top;
    }

    /** The school (outermost school-sector committee) an organisation lies in, or null (CONTRACT reading 4). */
    String schoolOf(String orgId) {
        topUnitOf(orgId);
        return school.get(orgId);
    }

    /** Per top unit, its counts as of {@code asOf}: one pass over organisations, members and cadres. */
    Map<String, Counts> count(FactSet facts, LocalDate asOf) {
        Map<String, int[]> c = new TreeMap<>(); // members, reported, branches, hollow, cadres, onboarded
        Map<String, Integer> membersByOrg = new HashMap<>();
        for (Member m : facts.all(Member.class)) {
            if (m.joinedOn() != null && m.joinedOn().isAfter(asOf)) {
                continue;
            }
            membersByOrg.merge(m.orgId(), 1, Integer::sum);
            String top = topUnitOf(m.orgId());
            if (top == null) {
                continue;
            }
            int[] n = c.computeIfAbsent(top, k -> new int[6]);
            n[0]++;
            if (m.reportedAt() != null && !m.reportedAt().toLocalDate().isAfter(asOf)) {
                n[1]++;
            }
        }
        for (Organization o : orgs.values()) {
            if (o.type() != OrgType.BRANCH || (o.createdOn() != null && o.createdOn().isAfter(asOf))) {
                continue;
            }
            String top = topUnitOf(o.id());
            if (top == null) {
                continue;
            }
            int[] n = c.computeIfAbsent(top, k -> new int[6]);
            n[2]++;
            if (o.purpose() == null && !membersByOrg.containsKey(o.id())) {
                n[3]++; // 空心团支部, read as T04.HOLLOW_BRANCH reads it
            }
        }
        for (Cadre cadre : facts.all(Cadre.class)) {
            String top = topUnitOf(cadre.orgId());
            if (top == null) {
                continue;
            }
            int[] n = c.computeIfAbsent(top, k -> new int[6]);
            n[4]++;
            if (cadre.onboardedAt() != null && !cadre.onboardedAt().toLocalDate().isAfter(asOf)) {
                n[5]++;
            }
        }
        Map<String, Counts> out = new TreeMap<>();
        c.forEach((unit, n) -> out.put(unit, new Counts(n[0], n[1], n[2], n[3], n[4], n[5])));
        return out;
    }
}

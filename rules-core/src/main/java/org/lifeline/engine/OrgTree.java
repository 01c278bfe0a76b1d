package org.lifeline.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.lifeline.fact.OrgType;
import org.lifeline.fact.Organization;

/**
 * The organisation tree as of the evaluation date, and the {@link OrgInfo} derived from it (top unit, school,
 * branches below, depth). Changes mark the touched organisations, their ancestors and their descendants dirty;
 * {@link #refresh()} recomputes only those. Tolerates a parent that is not (yet) in force: such a subtree has
 * no top unit.
 */
final class OrgTree {

    private static final int MAX_DEPTH = 1000;

    private final Map<String, Organization> orgs = new HashMap<>();
    private final Map<String, Set<String>> children = new HashMap<>();
    private final Map<String, OrgInfo> infos = new HashMap<>();
    /** Replaced when drained, not cleared: clear() zeroes the whole table a province's load left behind. */
    private Set<String> dirty = new LinkedHashSet<>();

    Organization get(String id) {
        return id == null ? null : orgs.get(id);
    }

    OrgInfo info(String id) {
        return id == null ? null : infos.get(id);
    }

    Map<String, Organization> organizations() {
        return orgs;
    }

    void put(Organization o) {
        Organization before = orgs.put(o.id(), o);
        if (before != null) {
            markAncestors(before.parentId());
            if (before.parentId() != null) {
                Set<String> siblings = children.get(before.parentId());
                if (siblings != null) {
                    siblings.remove(o.id());
                }
            }
        }
        if (o.parentId() != null) {
            children.computeIfAbsent(o.parentId(), k -> new LinkedHashSet<>()).add(o.id());
        }
        markSubtree(o.id());
        markAncestors(o.parentId());
    }

    void remove(String id) {
        Organization before = orgs.remove(id);
        if (before == null) {
            return;
        }
        if (before.parentId() != null) {
            Set<String> siblings = children.get(before.parentId());
            if (siblings != null) {
                siblings.remove(id);
            }
        }
        markSubtree(id);
        markAncestors(before.parentId());
    }

    boolean hasChildren(String id) {
        Set<String> c = children.get(id);
        if (c == null) {
            return false;
        }
        for (String k : c) {
            if (orgs.containsKey(k)) {
                return true;
            }
        }
        return false;
    }

    private void markSubtree(String id) {
        List<String> stack = new ArrayList<>();
        stack.add(id);
        Set<String> seen = new HashSet<>();
        while (!stack.isEmpty()) {
            String cur = stack.remove(stack.size() - 1);
            if (!seen.add(cur)) {
                continue;
            }
            dirty.add(cur);
            Set<String> c = children.get(cur);
            if (c != null) {
                stack.addAll(c);
            }
        }
    }

    private void markAncestors(String parentId) {
        String cur = parentId;
        for (int i = 0; cur != null && i < MAX_DEPTH; i++) {
            dirty.add(cur);
            Organization o = orgs.get(cur);
            cur = o == null ? null : o.parentId();
        }
    }

    /**
     * Recomputes the dirty organisations' infos.
     *
     * @return the changed infos by org id; a null value means the org is gone
     */
    Map<String, OrgInfo> refresh() {
        Map<String, OrgInfo> changed = new HashMap<>();
        if (dirty.isEmpty()) {
            return changed;
        }
        List<OrgInfo> partial = new ArrayList<>();
        for (String id : dirty) {
            Organization o = orgs.get(id);
            if (o == null) {
                if (infos.remove(id) != null) {
                    changed.put(id, null);
                }
                continue;
            }
            partial.add(place(o));
        }
        dirty = new LinkedHashSet<>();
        // deepest first, so that children's branch counts are current when a parent sums them
        partial.sort(Comparator.comparingInt(OrgInfo::depth).reversed());
        for (OrgInfo p : partial) {
            int below = 0;
            Set<String> c = children.get(p.orgId());
            if (c != null) {
                for (String k : c) {
                    Organization child = orgs.get(k);
                    OrgInfo ci = infos.get(k);
                    if (child != null && ci != null) {
                        below += ci.branchesBelow() + (child.type() == OrgType.BRANCH ? 1 : 0);
                    }
                }
            }
            OrgInfo info = new OrgInfo(p.orgId(), p.topUnitId(), p.topUnit(), p.schoolId(), p.ancestors(), below, p.depth(),
                    p.level(), p.org());
            if (!info.equals(infos.put(info.orgId(), info))) {
                changed.put(info.orgId(), info);
            }
        }
        return changed;
    }

    /** Top unit, school and depth of one organisation, by walking up. */
    private OrgInfo place(Organization o) {
        String topUnit = null;
        String school = null;
        int depth = 0;
        List<String> ancestors = new ArrayList<>();
        org.lifeline.fact.Level level = null;
        Organization cur = o;
        boolean reachedRoot = false;
        for (int i = 0; i < MAX_DEPTH; i++) {
            if (cur.type() == OrgType.COMMITTEE && cur.sector().isSchool()) {
                school = cur.id();
            }
            if (level == null) {
                level = cur.level(); // its own, or the nearest ancestor's
            }
            Organization parent = cur.parentId() == null ? null : orgs.get(cur.parentId());
            if (parent == null) {
                reachedRoot = cur.parentId() == null;
                break;
            }
            if (parent.type() == OrgType.PROVINCIAL_COMMITTEE && topUnit == null) {
                topUnit = cur.id();
            }
            depth++;
            ancestors.add(parent.id());
            cur = parent;
        }
        String top = reachedRoot ? topUnit : null;
        return new OrgInfo(o.id(), top, o.id().equals(top), school, ancestors, 0, depth, level, o);
    }

    /** The CITY_COMMITTEE the organisation lies in (or is), or null. */
    Organization cityOf(String orgId) {
        Organization cur = get(orgId);
        for (int i = 0; cur != null && i < MAX_DEPTH; i++) {
            if (cur.type() == OrgType.CITY_COMMITTEE) {
                return cur;
            }
            cur = get(cur.parentId());
        }
        return null;
    }

    /** The city committee of a region, or null. */
    Organization cityOfRegion(String region) {
        if (region == null) {
            return null;
        }
        for (Organization o : orgs.values()) {
            if (o.type() == OrgType.CITY_COMMITTEE && region.equals(o.region())) {
                return o;
            }
        }
        return null;
    }

    /** The province-level work committee of provincial enterprises (省属企业团工委), or null. */
    Organization provincialEnterpriseCommittee() {
        for (Organization o : orgs.values()) {
            if (o.type() == OrgType.WORK_COMMITTEE && o.sector() == org.lifeline.fact.Sector.PROVINCIAL_ENTERPRISE) {
                Organization parent = get(o.parentId());
                if (parent != null && parent.type() == OrgType.PROVINCIAL_COMMITTEE) {
                    return o;
                }
            }
        }
        return null;
    }
}

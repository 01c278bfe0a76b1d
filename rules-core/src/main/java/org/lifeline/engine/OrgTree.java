package org.lifeline.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.lifeline.fact.Enterprise;
import org.lifeline.fact.OrgType;
import org.lifeline.fact.Organization;
import org.lifeline.fact.Sector;

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
    /** The organisations with no parent: the roots (团省委) of the provinces in the input. */
    private final Set<String> roots = new java.util.TreeSet<>();
    /** Replaced when drained, not cleared: clear() zeroes the whole table a province's load left behind. */
    private Set<String> dirty = new LinkedHashSet<>();

    Organization get(String id) {
        return id == null ? null : orgs.get(id);
    }

    OrgInfo info(String id) {
        return id == null ? null : infos.get(id);
    }

    void put(Organization o) {
        Organization before = orgs.put(o.id(), o);
        if (o.parentId() == null) {
            roots.add(o.id());
        } else {
            roots.remove(o.id());
        }
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
        roots.remove(id);
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

    /**
     * The root (a 团省委) above the organisation, or the organisation itself when it is one; null when its chain of
     * parents in force reaches no root (a parent not in force yet) or it is not in the tree.
     */
    String rootOf(String orgId) {
        OrgInfo info = info(orgId);
        if (info == null) {
            return null;
        }
        String top = info.ancestors().isEmpty() ? orgId : info.ancestors().get(info.ancestors().size() - 1);
        Organization o = get(top);
        return o != null && o.parentId() == null ? top : null;
    }

    /**
     * The province an organisation lies in: the root above it; when its chain reaches no root, the only root of an
     * input of one province, else null (an input of several provinces cannot place it).
     */
    String provinceOf(String orgId) {
        String root = rootOf(orgId);
        return root != null || get(orgId) == null ? root : onlyRoot();
    }

    /** The root when the tree has exactly one (one province), else null. */
    String onlyRoot() {
        return roots.size() == 1 ? roots.iterator().next() : null;
    }

    /**
     * The province of an enterprise of the registry: the root above the League organisation of the enterprise, or
     * failing that (none, not in the tree, or its chain reaches no root) of its parent enterprise, of that one's
     * parent… up to the group; failing all of them, the only root of an input of one province; else null (a group
     * with no League organisation, or its subsidiaries without theirs, in an input of several provinces).
     *
     * @param enterprises the registry by id (as of the evaluation date)
     */
    String provinceOf(Enterprise e, Function<String, Enterprise> enterprises) {
        Set<String> seen = new HashSet<>();
        for (Enterprise cur = e; cur != null && seen.add(cur.id()); cur = cur.parentEnterpriseId() == null ? null
                : enterprises.apply(cur.parentEnterpriseId())) {
            String root = rootOf(cur.leagueOrgId());
            if (root != null) {
                return root;
            }
        }
        return onlyRoot();
    }

    /**
     * The city committee of a region within a province (the CITY_COMMITTEE of that region whose root is
     * {@code provinceId}; the smallest id if several), or null. Two provinces may name a region alike.
     */
    Organization cityOfRegion(String region, String provinceId) {
        if (region == null || provinceId == null) {
            return null;
        }
        Organization city = null;
        for (Organization o : orgs.values()) {
            if (o.type() == OrgType.CITY_COMMITTEE && region.equals(o.region()) && provinceId.equals(rootOf(o.id()))
                    && (city == null || o.id().compareTo(city.id()) < 0)) {
                city = o;
            }
        }
        return city;
    }

    /**
     * The province-level work committee of provincial enterprises (省属企业团工委) of a province: the PROVINCIAL_ENTERPRISE
     * WORK_COMMITTEE directly below its root, a PROVINCIAL_COMMITTEE (the smallest id if several); null when the
     * province has none or the id is no root.
     */
    Organization enterpriseCommitteeOf(String provinceId) {
        Organization root = get(provinceId);
        if (root == null || root.parentId() != null || root.type() != OrgType.PROVINCIAL_COMMITTEE) {
            return null;
        }
        Organization committee = null;
        for (String id : children.getOrDefault(provinceId, Set.of())) {
            Organization o = orgs.get(id);
            if (o != null && o.type() == OrgType.WORK_COMMITTEE && o.sector() == Sector.PROVINCIAL_ENTERPRISE
                    && provinceId.equals(o.parentId()) && (committee == null || id.compareTo(committee.id()) < 0)) {
                committee = o;
            }
        }
        return committee;
    }

    /** Where an enterprise belongs ({@link EnterpriseInfo}): its province and that province's 省属企业团工委. */
    EnterpriseInfo placeEnterprise(Enterprise e, Function<String, Enterprise> enterprises) {
        String province = provinceOf(e, enterprises);
        Organization committee = enterpriseCommitteeOf(province);
        return new EnterpriseInfo(e.id(), province, committee == null ? null : committee.id());
    }
}

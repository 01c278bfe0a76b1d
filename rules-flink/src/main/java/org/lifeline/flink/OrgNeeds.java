package org.lifeline.flink;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.lifeline.fact.Fact;
import org.lifeline.fact.Organization;

/**
 * Which keys each organisation goes to (see {@link Placement}): its own top unit's key; every key whose facts name
 * it or an organisation below it (the chain of parents of every organisation a key holds is in that key); every key
 * for the roots and the city committees; the root's key for one branch below each root. Gathered as the facts are
 * routed; an organisation's chain is walked up only until an organisation the key already has.
 */
final class OrgNeeds {

    private static final int MAX_DEPTH = 1000;

    private final Placement tree;
    private final Map<String, Set<String>> keysByOrg = new HashMap<>();

    OrgNeeds(Placement tree) {
        this.tree = tree;
        for (Organization o : tree.all()) {
            need(tree.keyOf(o.id()), o.id());
        }
        tree.witnessBranches().values().forEach(branch -> need(Routing.ROOT_KEY, branch));
    }

    /** A fact goes to a key: the key needs the organisations it names (with their chains). */
    void referencedBy(Fact f, String key) {
        tree.orgsReferenced(f, id -> need(key, id));
    }

    /** The key needs the organisation and its chain of parents. */
    void need(String key, String orgId) {
        Organization cur = tree.get(orgId);
        for (int i = 0; cur != null && i < MAX_DEPTH; i++) {
            if (!keysByOrg.computeIfAbsent(cur.id(), k -> new LinkedHashSet<>(2)).add(key)) {
                return; // the key has it, and so its parents
            }
            cur = tree.get(cur.parentId());
        }
    }

    /** The keys the organisation goes to. */
    Collection<String> keysOf(String orgId) {
        if (tree.alwaysNeeded().contains(orgId)) {
            return tree.keys();
        }
        Set<String> k = keysByOrg.get(orgId);
        return k == null ? Set.of(tree.keyOf(orgId)) : k;
    }
}

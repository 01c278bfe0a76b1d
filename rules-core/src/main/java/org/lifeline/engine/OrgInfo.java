package org.lifeline.engine;

import java.util.List;
import java.util.Objects;
import org.lifeline.fact.Level;
import org.lifeline.fact.Organization;

/**
 * Derived, per organisation: where it sits in the tree. The engine computes these from the organisations in
 * force on the evaluation date and keeps them current as organisations change; rules join them by
 * {@code orgId}.
 *
 * @param topUnitId     the ancestor (or itself) whose parent is the provincial committee; null for the root
 * @param topUnit       true when the organisation is itself a top unit (its parent is the provincial committee)
 * @param schoolId      the outermost school committee (CONTRACT reading 4) it lies in, or null
 * @param ancestors     its ancestors' ids, parent first, up to the root
 * @param branchesBelow how many BRANCH organisations lie below it (not counting itself)
 * @param depth         0 for the root
 * @param level         the administrative level it serves: its own {@code level}, or failing that its nearest
 *                      ancestor's; null when no level is given anywhere above it (contract v2, task 6)
 * @param org           the organisation itself, as of the evaluation date: a rule that tests its own fields
 *                      beside its place reads them here ({@code OrgInfo( org.type == OrgType.BRANCH, … )}) in one
 *                      pattern instead of joining an {@code Organization} on the same id; replaced with the
 *                      organisation whenever it changes
 */
public record OrgInfo(String orgId, String topUnitId, boolean topUnit, String schoolId, List<String> ancestors,
                      int branchesBelow, int depth, Level level, Organization org) {

    public OrgInfo {
        ancestors = List.copyOf(ancestors);
        Objects.requireNonNull(org, "org");
    }
}

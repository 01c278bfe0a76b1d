package org.lifeline.engine;

/**
 * Derived, per organisation: where it sits in the tree. The engine computes these from the organisations in
 * force on the evaluation date and keeps them current as organisations change; rules join them by
 * {@code orgId}.
 *
 * @param topUnitId     the ancestor (or itself) whose parent is the provincial committee; null for the root
 * @param schoolId      the outermost school committee (CONTRACT reading 4) it lies in, or null
 * @param branchesBelow how many BRANCH organisations lie below it (not counting itself)
 * @param depth         0 for the root
 */
public record OrgInfo(String orgId, String topUnitId, String schoolId, int branchesBelow, int depth) {
}

package org.lifeline.engine;

/**
 * Derived, per enterprise of the registry (省属企业名录, task 7): the province it belongs to and that province's
 * 省属企业团工委, the committee T07 compares a group enterprise's League organisation with and the top unit and
 * responsible of every T07 finding about it. An input may hold several provinces (a forest of 团省委 roots); the
 * enterprise's province is the root above its own League organisation, or failing that above its parent
 * enterprise's, and so on up to the group; failing all, the only root of an input of one province. The engine
 * computes these from the enterprises and the tree as of the evaluation date and keeps them current; rules join
 * them by {@code enterpriseId}.
 *
 * @param enterpriseId the enterprise
 * @param provinceId   the root (团省委) of its province; null when an input of several provinces cannot place it
 *                     (neither it nor an enterprise above it has a League organisation below a root)
 * @param committeeId  its province's 省属企业团工委: the PROVINCIAL_ENTERPRISE work committee directly below that root
 *                     (the smallest id if several); null when there is none (its findings then have no top unit)
 */
public record EnterpriseInfo(String enterpriseId, String provinceId, String committeeId) {
}

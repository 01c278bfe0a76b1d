package org.lifeline.fact;

/** 省属企业名录 (task 7): an enterprise of the provincial registry and the League members it employs. */
public record Enterprise(
        String id,
        String name,
        @Nullable String parentEnterpriseId,
        EnterpriseTier tier,
        Ownership ownership,
        int memberCount,
        @Nullable String leagueOrgId) implements Fact {

    public Enterprise {
        Checks.required(id, "Enterprise", "id");
        Checks.required(name, "Enterprise " + id, "name");
        Checks.required(tier, "Enterprise " + id, "tier");
        Checks.required(ownership, "Enterprise " + id, "ownership");
    }

    /** Its parent enterprise's id as a list: one id, or none for a group enterprise (for findings' related ids). */
    public java.util.List<String> parentIds() {
        return parentEnterpriseId == null ? java.util.List.of() : java.util.List.of(parentEnterpriseId);
    }
}

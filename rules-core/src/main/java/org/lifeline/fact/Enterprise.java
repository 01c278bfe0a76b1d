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
        Checks.required(name, "Enterprise", id, "name");
        Checks.required(tier, "Enterprise", id, "tier");
        Checks.required(ownership, "Enterprise", id, "ownership");
    }

    /** Its parent enterprise's id as a list: one id, or none for a group enterprise (for findings' related ids). */
    public java.util.List<String> parentIds() {
        return parentEnterpriseId == null ? java.util.List.of() : java.util.List.of(parentEnterpriseId);
    }

    /**
     * A builder, each setter named after its field: {@code Enterprise.builder("E1").name("示例集团").tier(EnterpriseTier.GROUP).ownership(Ownership.WHOLLY_OWNED).memberCount(40).build()}.
     * Besides the id, {@code name}, {@code tier}, {@code ownership} and {@code memberCount} are required ({@link Builder#build()} names one left out); the other fields default to absent.
     */
    public static Builder builder(String id) {
        return new Builder(id);
    }

    /** Builds a {@link Enterprise}; see {@link #builder(String)}. Not thread-safe. */
    public static final class Builder {
        private final String id;
        private String name;
        private String parentEnterpriseId;
        private EnterpriseTier tier;
        private Ownership ownership;
        private Integer memberCount;
        private String leagueOrgId;

        private Builder(String id) {
            this.id = id;
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder parentEnterpriseId(@Nullable String parentEnterpriseId) {
            this.parentEnterpriseId = parentEnterpriseId;
            return this;
        }

        public Builder tier(EnterpriseTier tier) {
            this.tier = tier;
            return this;
        }

        public Builder ownership(Ownership ownership) {
            this.ownership = ownership;
            return this;
        }

        public Builder memberCount(int memberCount) {
            this.memberCount = memberCount;
            return this;
        }

        public Builder leagueOrgId(@Nullable String leagueOrgId) {
            this.leagueOrgId = leagueOrgId;
            return this;
        }

        /** @throws IllegalArgumentException naming a required field left out */
        public Enterprise build() {
            Checks.required(id, "Enterprise", "id");
            Checks.required(memberCount, "Enterprise", id, "memberCount");
            return new Enterprise(id, name, parentEnterpriseId, tier, ownership, memberCount, leagueOrgId);
        }
    }
}

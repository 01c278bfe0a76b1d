package org.lifeline.fact;

import java.time.LocalDateTime;

/** 团干部. {@code onboardedAt} absent = not onboarded to the cadre app (团干部移动端). */
public record Cadre(
        String id,
        @Nullable String memberId,
        String orgId,
        CadreRole role,
        @Nullable LocalDateTime onboardedAt) implements Fact {

    public Cadre {
        Checks.required(id, "Cadre", "id");
        Checks.required(orgId, "Cadre", id, "orgId");
        Checks.required(role, "Cadre", id, "role");
    }

    public boolean onboarded() {
        return onboardedAt != null;
    }

    /**
     * A builder, each setter named after its field: {@code Cadre.builder("C1").orgId("B1").role(CadreRole.SECRETARY).memberId("M1").build()}.
     * Besides the id, {@code orgId} and {@code role} are required ({@link Builder#build()} names one left out); the other fields default to absent.
     */
    public static Builder builder(String id) {
        return new Builder(id);
    }

    /** Builds a {@link Cadre}; see {@link #builder(String)}. Not thread-safe. */
    public static final class Builder {
        private final String id;
        private String memberId;
        private String orgId;
        private CadreRole role;
        private LocalDateTime onboardedAt;

        private Builder(String id) {
            this.id = id;
        }

        public Builder memberId(@Nullable String memberId) {
            this.memberId = memberId;
            return this;
        }

        public Builder orgId(String orgId) {
            this.orgId = orgId;
            return this;
        }

        public Builder role(CadreRole role) {
            this.role = role;
            return this;
        }

        public Builder onboardedAt(@Nullable LocalDateTime onboardedAt) {
            this.onboardedAt = onboardedAt;
            return this;
        }

        /** @throws IllegalArgumentException naming a required field left out */
        public Cadre build() {
            return new Cadre(id, memberId, orgId, role, onboardedAt);
        }
    }
}

package org.lifeline.fact;

import java.time.LocalDate;

/** 团费管理员 (task 13): a cadre designated to manage a unit's dues. */
public record FeeManager(
        String id,
        String orgId,
        String cadreId,
        boolean official,
        boolean idCopySubmitted,
        LocalDate designatedOn) implements Fact {

    public FeeManager {
        Checks.required(id, "FeeManager", "id");
        Checks.required(orgId, "FeeManager", id, "orgId");
        Checks.required(cadreId, "FeeManager", id, "cadreId");
        Checks.required(designatedOn, "FeeManager", id, "designatedOn");
    }

    /**
     * A builder, each setter named after its field: {@code FeeManager.builder("FM1").orgId("C1").cadreId("K1").official(true).idCopySubmitted(true).designatedOn(LocalDate.of(2018, 6, 28)).build()}.
     * Besides the id, {@code orgId}, {@code cadreId} and {@code designatedOn} are required ({@link Builder#build()} names one left out); the other fields default to absent, {@code official} and {@code idCopySubmitted} to false.
     */
    public static Builder builder(String id) {
        return new Builder(id);
    }

    /** Builds a {@link FeeManager}; see {@link #builder(String)}. Not thread-safe. */
    public static final class Builder {
        private final String id;
        private String orgId;
        private String cadreId;
        private boolean official;
        private boolean idCopySubmitted;
        private LocalDate designatedOn;

        private Builder(String id) {
            this.id = id;
        }

        public Builder orgId(String orgId) {
            this.orgId = orgId;
            return this;
        }

        public Builder cadreId(String cadreId) {
            this.cadreId = cadreId;
            return this;
        }

        public Builder official(boolean official) {
            this.official = official;
            return this;
        }

        public Builder idCopySubmitted(boolean idCopySubmitted) {
            this.idCopySubmitted = idCopySubmitted;
            return this;
        }

        public Builder designatedOn(LocalDate designatedOn) {
            this.designatedOn = designatedOn;
            return this;
        }

        /** @throws IllegalArgumentException naming a required field left out */
        public FeeManager build() {
            return new FeeManager(id, orgId, cadreId, official, idCopySubmitted, designatedOn);
        }
    }
}

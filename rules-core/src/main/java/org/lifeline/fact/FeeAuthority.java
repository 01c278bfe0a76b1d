package org.lifeline.fact;

import java.time.LocalDate;

/** 团费留存权限 (task 9): an organisation given the authority to keep dues, and its fee administrator. */
public record FeeAuthority(
        String id,
        String orgId,
        String topUnitId,
        @Nullable String administratorId,
        LocalDate reportedOn) implements Fact {

    public FeeAuthority {
        Checks.required(id, "FeeAuthority", "id");
        Checks.required(orgId, "FeeAuthority", id, "orgId");
        Checks.required(topUnitId, "FeeAuthority", id, "topUnitId");
        Checks.required(reportedOn, "FeeAuthority", id, "reportedOn");
    }

    /**
     * A builder, each setter named after its field: {@code FeeAuthority.builder("FA1").orgId("C1").topUnitId("C1").administratorId("K1").reportedOn(LocalDate.of(2018, 7, 5)).build()}.
     * Besides the id, {@code orgId}, {@code topUnitId} and {@code reportedOn} are required ({@link Builder#build()} names one left out); the other fields default to absent.
     */
    public static Builder builder(String id) {
        return new Builder(id);
    }

    /** Builds a {@link FeeAuthority}; see {@link #builder(String)}. Not thread-safe. */
    public static final class Builder {
        private final String id;
        private String orgId;
        private String topUnitId;
        private String administratorId;
        private LocalDate reportedOn;

        private Builder(String id) {
            this.id = id;
        }

        public Builder orgId(String orgId) {
            this.orgId = orgId;
            return this;
        }

        public Builder topUnitId(String topUnitId) {
            this.topUnitId = topUnitId;
            return this;
        }

        public Builder administratorId(@Nullable String administratorId) {
            this.administratorId = administratorId;
            return this;
        }

        public Builder reportedOn(LocalDate reportedOn) {
            this.reportedOn = reportedOn;
            return this;
        }

        /** @throws IllegalArgumentException naming a required field left out */
        public FeeAuthority build() {
            return new FeeAuthority(id, orgId, topUnitId, administratorId, reportedOn);
        }
    }
}

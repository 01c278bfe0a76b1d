package org.lifeline.fact;

import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * 团员.
 *
 * @param orgId          the organisation holding the member's relationship (组织关系)
 * @param reportedAt     online registration (在线报到); absent = not reported
 * @param graduationYear e.g. 2018 for this year's graduates (应届毕业生)
 * @param schoolOrgId    for graduates: the school's committee they graduate from
 * @param personKey      a one-way key of the identity number, never the number itself
 * @param staysAtSchool  {@code true} for a graduate who stays at the same school (postgraduate study or work): the
 *                       relationship needs no transfer (contract v2)
 */
public record Member(
        String id,
        String orgId,
        @Nullable LocalDate joinedOn,
        @Nullable String memberNumber,
        @Nullable LocalDateTime reportedAt,
        @Nullable String workUnitId,
        @Nullable Integer graduationYear,
        @Nullable String schoolOrgId,
        @Nullable String personKey,
        @Nullable Boolean staysAtSchool) implements Fact {

    public Member {
        Checks.required(id, "Member", "id");
        Checks.required(orgId, "Member", id, "orgId");
    }

    /** A member with only the required fields. */
    public static Member of(String id, String orgId) {
        return new Member(id, orgId, null, null, null, null, null, null, null, null);
    }

    /** A copy not reported online (yet). */
    public Member unreported() {
        return new Member(id, orgId, joinedOn, memberNumber, null, workUnitId, graduationYear, schoolOrgId, personKey,
                staysAtSchool);
    }

    public boolean reported() {
        return reportedAt != null;
    }

    /**
     * A builder, each setter named after its field: {@code Member.builder("M1").orgId("B1").joinedOn(LocalDate.of(2017, 5, 4)).build()}.
     * Besides the id, {@code orgId} is required ({@link Builder#build()} names one left out); the other fields default to absent.
     */
    public static Builder builder(String id) {
        return new Builder(id);
    }

    /** Builds a {@link Member}; see {@link #builder(String)}. Not thread-safe. */
    public static final class Builder {
        private final String id;
        private String orgId;
        private LocalDate joinedOn;
        private String memberNumber;
        private LocalDateTime reportedAt;
        private String workUnitId;
        private Integer graduationYear;
        private String schoolOrgId;
        private String personKey;
        private Boolean staysAtSchool;

        private Builder(String id) {
            this.id = id;
        }

        public Builder orgId(String orgId) {
            this.orgId = orgId;
            return this;
        }

        public Builder joinedOn(@Nullable LocalDate joinedOn) {
            this.joinedOn = joinedOn;
            return this;
        }

        public Builder memberNumber(@Nullable String memberNumber) {
            this.memberNumber = memberNumber;
            return this;
        }

        public Builder reportedAt(@Nullable LocalDateTime reportedAt) {
            this.reportedAt = reportedAt;
            return this;
        }

        public Builder workUnitId(@Nullable String workUnitId) {
            this.workUnitId = workUnitId;
            return this;
        }

        public Builder graduationYear(@Nullable Integer graduationYear) {
            this.graduationYear = graduationYear;
            return this;
        }

        public Builder schoolOrgId(@Nullable String schoolOrgId) {
            this.schoolOrgId = schoolOrgId;
            return this;
        }

        public Builder personKey(@Nullable String personKey) {
            this.personKey = personKey;
            return this;
        }

        public Builder staysAtSchool(@Nullable Boolean staysAtSchool) {
            this.staysAtSchool = staysAtSchool;
            return this;
        }

        /** @throws IllegalArgumentException naming a required field left out */
        public Member build() {
            return new Member(id, orgId, joinedOn, memberNumber, reportedAt, workUnitId, graduationYear, schoolOrgId,
                    personKey, staysAtSchool);
        }
    }
}

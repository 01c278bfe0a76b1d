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
        Checks.required(orgId, "Member " + id, "orgId");
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
}

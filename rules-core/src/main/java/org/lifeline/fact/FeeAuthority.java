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
        Checks.required(orgId, "FeeAuthority " + id, "orgId");
        Checks.required(topUnitId, "FeeAuthority " + id, "topUnitId");
        Checks.required(reportedOn, "FeeAuthority " + id, "reportedOn");
    }
}

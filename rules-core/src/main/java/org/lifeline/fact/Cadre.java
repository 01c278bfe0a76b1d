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
        Checks.required(orgId, "Cadre " + id, "orgId");
        Checks.required(role, "Cadre " + id, "role");
    }

    public boolean onboarded() {
        return onboardedAt != null;
    }
}

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
        Checks.required(orgId, "FeeManager " + id, "orgId");
        Checks.required(cadreId, "FeeManager " + id, "cadreId");
        Checks.required(designatedOn, "FeeManager " + id, "designatedOn");
    }
}

package org.lifeline.fact;

import java.time.LocalDate;

/** 组织关系转接: a member's relationship moving from one organisation to another. */
public record Transfer(
        String id,
        String memberId,
        String fromOrgId,
        String toOrgId,
        LocalDate appliedOn,
        @Nullable LocalDate completedOn,
        TransferStatus status) implements Fact {

    public Transfer {
        Checks.required(id, "Transfer", "id");
        Checks.required(memberId, "Transfer " + id, "memberId");
        Checks.required(fromOrgId, "Transfer " + id, "fromOrgId");
        Checks.required(toOrgId, "Transfer " + id, "toOrgId");
        Checks.required(appliedOn, "Transfer " + id, "appliedOn");
        Checks.required(status, "Transfer " + id, "status");
    }

    /**
     * A key that orders a member's transfers: by applied date, then completed date (not completed last), then id.
     * The latest of several transfers is the one with the greatest key.
     */
    public String orderKey() {
        return appliedOn + "|" + (completedOn == null ? "9999-12-31" : completedOn.toString()) + "|" + id;
    }
}

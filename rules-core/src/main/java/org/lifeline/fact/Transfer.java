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
        Checks.required(memberId, "Transfer", id, "memberId");
        Checks.required(fromOrgId, "Transfer", id, "fromOrgId");
        Checks.required(toOrgId, "Transfer", id, "toOrgId");
        Checks.required(appliedOn, "Transfer", id, "appliedOn");
        Checks.required(status, "Transfer", id, "status");
    }

    /**
     * A key that orders a member's transfers: by applied date, then completed date (not completed last), then id.
     * The latest of several transfers is the one with the greatest key.
     */
    public String orderKey() {
        return appliedOn + "|" + (completedOn == null ? "9999-12-31" : completedOn.toString()) + "|" + id;
    }

    /**
     * A builder, each setter named after its field: {@code Transfer.builder("X1").memberId("M1").fromOrgId("S1").toOrgId("B1").appliedOn(LocalDate.of(2018, 7, 2)).status(TransferStatus.PENDING).build()}.
     * Besides the id, {@code memberId}, {@code fromOrgId}, {@code toOrgId}, {@code appliedOn} and {@code status} are required ({@link Builder#build()} names one left out); the other fields default to absent.
     */
    public static Builder builder(String id) {
        return new Builder(id);
    }

    /** Builds a {@link Transfer}; see {@link #builder(String)}. Not thread-safe. */
    public static final class Builder {
        private final String id;
        private String memberId;
        private String fromOrgId;
        private String toOrgId;
        private LocalDate appliedOn;
        private LocalDate completedOn;
        private TransferStatus status;

        private Builder(String id) {
            this.id = id;
        }

        public Builder memberId(String memberId) {
            this.memberId = memberId;
            return this;
        }

        public Builder fromOrgId(String fromOrgId) {
            this.fromOrgId = fromOrgId;
            return this;
        }

        public Builder toOrgId(String toOrgId) {
            this.toOrgId = toOrgId;
            return this;
        }

        public Builder appliedOn(LocalDate appliedOn) {
            this.appliedOn = appliedOn;
            return this;
        }

        public Builder completedOn(@Nullable LocalDate completedOn) {
            this.completedOn = completedOn;
            return this;
        }

        public Builder status(TransferStatus status) {
            this.status = status;
            return this;
        }

        /** @throws IllegalArgumentException naming a required field left out */
        public Transfer build() {
            return new Transfer(id, memberId, fromOrgId, toOrgId, appliedOn, completedOn, status);
        }
    }
}

package org.lifeline.fact;

import java.time.LocalDate;
import java.time.YearMonth;

/** 团费: one month's dues paid by a member. {@code payerKey} is a one-way key of the paying account. */
public record FeePayment(
        String id,
        String memberId,
        YearMonth month,
        LocalDate paidOn,
        PaymentChannel channel,
        long amountCents,
        @Nullable String payerKey) implements Fact {

    public FeePayment {
        Checks.required(id, "FeePayment", "id");
        Checks.required(memberId, "FeePayment", id, "memberId");
        Checks.required(month, "FeePayment", id, "month");
        Checks.required(paidOn, "FeePayment", id, "paidOn");
        Checks.required(channel, "FeePayment", id, "channel");
    }

    /**
     * A builder, each setter named after its field: {@code FeePayment.builder("P1").memberId("M1").month(YearMonth.of(2018, 9)).paidOn(LocalDate.of(2018, 9, 12)).channel(PaymentChannel.ONLINE).amountCents(50).build()}.
     * Besides the id, {@code memberId}, {@code month}, {@code paidOn}, {@code channel} and {@code amountCents} are required ({@link Builder#build()} names one left out); the other fields default to absent.
     */
    public static Builder builder(String id) {
        return new Builder(id);
    }

    /** Builds a {@link FeePayment}; see {@link #builder(String)}. Not thread-safe. */
    public static final class Builder {
        private final String id;
        private String memberId;
        private YearMonth month;
        private LocalDate paidOn;
        private PaymentChannel channel;
        private Long amountCents;
        private String payerKey;

        private Builder(String id) {
            this.id = id;
        }

        public Builder memberId(String memberId) {
            this.memberId = memberId;
            return this;
        }

        public Builder month(YearMonth month) {
            this.month = month;
            return this;
        }

        public Builder paidOn(LocalDate paidOn) {
            this.paidOn = paidOn;
            return this;
        }

        public Builder channel(PaymentChannel channel) {
            this.channel = channel;
            return this;
        }

        public Builder amountCents(long amountCents) {
            this.amountCents = amountCents;
            return this;
        }

        public Builder payerKey(@Nullable String payerKey) {
            this.payerKey = payerKey;
            return this;
        }

        /** @throws IllegalArgumentException naming a required field left out */
        public FeePayment build() {
            Checks.required(id, "FeePayment", "id");
            Checks.required(amountCents, "FeePayment", id, "amountCents");
            return new FeePayment(id, memberId, month, paidOn, channel, amountCents, payerKey);
        }
    }
}

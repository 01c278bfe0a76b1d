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
        Checks.required(memberId, "FeePayment " + id, "memberId");
        Checks.required(month, "FeePayment " + id, "month");
        Checks.required(paidOn, "FeePayment " + id, "paidOn");
        Checks.required(channel, "FeePayment " + id, "channel");
    }
}

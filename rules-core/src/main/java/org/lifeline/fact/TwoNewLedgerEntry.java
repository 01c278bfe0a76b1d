package org.lifeline.fact;

import java.time.LocalDate;

/** "两新"团建台账 (task 10): an organisation a city confirmed, and its organisation once registered. */
public record TwoNewLedgerEntry(
        String id,
        String cityOrgId,
        String name,
        @Nullable LocalDate confirmedOn,
        @Nullable String registeredOrgId) implements Fact {

    public TwoNewLedgerEntry {
        Checks.required(id, "TwoNewLedgerEntry", "id");
        Checks.required(cityOrgId, "TwoNewLedgerEntry " + id, "cityOrgId");
        Checks.required(name, "TwoNewLedgerEntry " + id, "name");
    }
}

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
        Checks.required(cityOrgId, "TwoNewLedgerEntry", id, "cityOrgId");
        Checks.required(name, "TwoNewLedgerEntry", id, "name");
    }

    /**
     * A builder, each setter named after its field: {@code TwoNewLedgerEntry.builder("L1").cityOrgId("C1").name("示例科技有限公司").confirmedOn(LocalDate.of(2018, 6, 20)).build()}.
     * Besides the id, {@code cityOrgId} and {@code name} are required ({@link Builder#build()} names one left out); the other fields default to absent.
     */
    public static Builder builder(String id) {
        return new Builder(id);
    }

    /** Builds a {@link TwoNewLedgerEntry}; see {@link #builder(String)}. Not thread-safe. */
    public static final class Builder {
        private final String id;
        private String cityOrgId;
        private String name;
        private LocalDate confirmedOn;
        private String registeredOrgId;

        private Builder(String id) {
            this.id = id;
        }

        public Builder cityOrgId(String cityOrgId) {
            this.cityOrgId = cityOrgId;
            return this;
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder confirmedOn(@Nullable LocalDate confirmedOn) {
            this.confirmedOn = confirmedOn;
            return this;
        }

        public Builder registeredOrgId(@Nullable String registeredOrgId) {
            this.registeredOrgId = registeredOrgId;
            return this;
        }

        /** @throws IllegalArgumentException naming a required field left out */
        public TwoNewLedgerEntry build() {
            return new TwoNewLedgerEntry(id, cityOrgId, name, confirmedOn, registeredOrgId);
        }
    }
}

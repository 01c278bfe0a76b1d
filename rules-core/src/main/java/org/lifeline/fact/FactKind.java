package org.lifeline.fact;

import java.util.Arrays;
import java.util.Optional;

/** The fact kinds, with the plural camelCase name used as YAML key and CSV file name (docs/facts.md). */
public enum FactKind {
    ORGANIZATIONS("organizations", Organization.class),
    MEMBERS("members", Member.class),
    CADRES("cadres", Cadre.class),
    TRANSFERS("transfers", Transfer.class),
    FEE_PAYMENTS("feePayments", FeePayment.class),
    SUBMISSIONS("submissions", Submission.class),
    FEE_AUTHORITIES("feeAuthorities", FeeAuthority.class),
    FEE_MANAGERS("feeManagers", FeeManager.class),
    ACTIVITIES("activities", Activity.class),
    ENTERPRISES("enterprises", Enterprise.class),
    TWO_NEW_LEDGER("twoNewLedger", TwoNewLedgerEntry.class);

    private final String key;
    private final Class<? extends Fact> type;

    FactKind(String key, Class<? extends Fact> type) {
        this.key = key;
        this.type = type;
    }

    /** The plural camelCase name: {@code organizations}, {@code feePayments}… */
    public String key() {
        return key;
    }

    public Class<? extends Fact> type() {
        return type;
    }

    /** The kind of a key ({@code members}), by a lookup: the Flink job asks once per routed row. */
    public static Optional<FactKind> byKey(String key) {
        return Optional.ofNullable(key == null ? null : BY_KEY.get(key));
    }

    private static final java.util.Map<String, FactKind> BY_KEY = java.util.Map.copyOf(
            Arrays.stream(values()).collect(java.util.stream.Collectors.toMap(k -> k.key, k -> k)));

    public static FactKind of(Fact fact) {
        for (FactKind k : values()) {
            if (k.type == fact.getClass()) {
                return k;
            }
        }
        throw new IllegalArgumentException("not a Lifeline fact: " + fact.getClass());
    }
}

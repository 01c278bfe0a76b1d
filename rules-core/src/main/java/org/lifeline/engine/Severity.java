package org.lifeline.engine;

/** How serious a violation is (docs/violations.md). */
public enum Severity {
    /** A deadline or milestone has passed and is unmet as of the evaluation date. */
    VIOLATION,
    /** Unmet, and the deadline is inside the warning window (7 days by default, up to and including it). */
    WARNING,
    /** The data look gamed or false: members are to be spot-checked. */
    ANOMALY,
    /**
     * Not a violation: by its trend over the recorded snapshots, the unit will miss a percentage milestone that is
     * not yet due. Only the history module ({@code rules-history}) gives it; it is never counted with violations.
     */
    AT_RISK
}

package org.lifeline.fact;

/**
 * A fact (docs/facts.md): a small immutable record with a unique id within its kind.
 * Every fact a host inserts is one of these records.
 */
public sealed interface Fact permits Organization, Member, Cadre, Transfer, FeePayment, Submission,
        FeeAuthority, FeeManager, Activity, Enterprise, TwoNewLedgerEntry {

    /** The fact's id, unique within its kind. */
    String id();
}

package org.lifeline.fact;

/** What a unit reports to the provincial office. */
public enum SubmissionKind {
    /** task 1: number of graduates, in value */ GRADUATE_COUNT,
    /** task 10: the "two-new" ledger */ TWO_NEW_LEDGER,
    /** task 13: guidance on online dues done */ FEE_PUBLICITY,
    /** task 14: reward and punishment records entered */ REWARD_PUNISHMENT_ENTRY
}

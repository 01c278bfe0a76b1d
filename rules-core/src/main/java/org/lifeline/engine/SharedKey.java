package org.lifeline.engine;

import java.util.List;

/**
 * Derived: a key that two or more members share, as of the evaluation date. The engine indexes every member's
 * {@code personKey} and {@code memberNumber}, and every online payment's {@code payerKey} with the month paid
 * for, and holds one {@code SharedKey} for each key that more than one member has; it disappears when the key
 * is no longer shared. Rules about duplicated data join these instead of pairing members with members, which
 * at province scale would hold a join entry per member and pattern.
 *
 * @param kind      what is shared
 * @param key       the shared value (for {@link SharedKeyKind#PAYER_MONTH}: payer key, '@', month)
 * @param memberIds the members sharing it, in id order, each once (two or more)
 * @param factIds   the facts carrying it, in id order: the members themselves, or the payments for
 *                  {@link SharedKeyKind#PAYER_MONTH}
 */
public record SharedKey(SharedKeyKind kind, String key, List<String> memberIds, List<String> factIds) {

    public SharedKey {
        memberIds = List.copyOf(memberIds);
        factIds = List.copyOf(factIds);
    }

    /** The member with the smallest id: the subject of a finding about the group. */
    public String firstMemberId() {
        return memberIds.get(0);
    }

    /** How many members share the key. */
    public int members() {
        return memberIds.size();
    }
}

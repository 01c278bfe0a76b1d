package org.lifeline.engine;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;
import org.lifeline.fact.Fact;
import org.lifeline.fact.FeePayment;
import org.lifeline.fact.Member;
import org.lifeline.fact.PaymentChannel;

/**
 * The engine's indexes behind the derived {@link Roster} and {@link SharedKey} facts: members by organisation,
 * payments by member, members by person key and by member number, online payments by payer and month. Fed
 * with every change of the facts as of the evaluation date; {@link #rosters} and {@link #sharedKeys} recompute
 * only what the changes since the last call touched. Most keys are held by one fact, so an index entry holds
 * a single fact until a second one arrives; entries hold the facts as of the evaluation date themselves. Online
 * payments are indexed by payer key (a payer's months under one entry), not by a payer-and-month text made per
 * payment.
 */
final class MemberIndex {

    record KeyId(SharedKeyKind kind, String key) {
    }

    private static final int PARALLEL_FROM = 10_000;

    private final Function<String, Member> members;
    private Map<String, Object> membersByOrg = new HashMap<>();
    private Map<String, Object> paymentsByMember = new HashMap<>();
    private final Map<SharedKeyKind, Map<String, Object>> byKey = new java.util.EnumMap<>(SharedKeyKind.class);
    /** Set once a snapshot's derived facts are made: the index is let go and takes no more changes. */
    private boolean released;
    // replaced when drained, not cleared: clear() zeroes the whole table a province's load left behind
    private Set<String> dirtyOrgs = new LinkedHashSet<>();
    private Set<KeyId> dirtyKeys = new LinkedHashSet<>();
    private final Map<String, Roster> rosters = new HashMap<>();
    private final Map<KeyId, SharedKey> shared = new HashMap<>();
    private final boolean keepRosters;
    private final boolean keepSharedKeys;

    /**
     * @param members        the members as of the evaluation date, by id
     * @param keepRosters    whether any rule reads rosters (if not, none are indexed)
     * @param keepSharedKeys whether any rule reads shared keys (if not, none are indexed)
     */
    MemberIndex(Function<String, Member> members, boolean keepRosters,
                boolean keepSharedKeys) {
        this.members = members;
        this.keepRosters = keepRosters;
        this.keepSharedKeys = keepSharedKeys;
        for (SharedKeyKind k : SharedKeyKind.values()) {
            byKey.put(k, new HashMap<>());
        }
    }

    /**
     * Sizes the empty index for a whole province about to be added (a snapshot), so that its maps are not grown
     * step by step: each growth rehashes every entry.
     */
    void expect(int members, int payments) {
        if (!membersByOrg.isEmpty() || !paymentsByMember.isEmpty()) {
            return;
        }
        if (keepRosters) {
            paymentsByMember = new HashMap<>(capacity(members));
        }
        if (keepSharedKeys) {
            byKey.put(SharedKeyKind.PERSON, new HashMap<>(capacity(members)));
            byKey.put(SharedKeyKind.MEMBER_NUMBER, new HashMap<>(capacity(members)));
        }
    }

    private static int capacity(int entries) {
        return (int) Math.min(1 << 30, entries / 0.75 + 1);
    }

    /**
     * Lets go of the index once a snapshot's derived facts are made (the rosters and shared keys are in the
     * session by then, and a snapshot takes no changes): its maps hold an entry per member and per payer, the
     * largest part of the engine's own memory while the rules fire. Any change after this is refused.
     */
    void release() {
        released = true;
        membersByOrg = Map.of();
        paymentsByMember = Map.of();
        byKey.replaceAll((k, v) -> Map.of());
        rosters.clear();
        shared.clear();
    }

    private void checkNotReleased() {
        if (released) {
            throw new IllegalStateException("a snapshot's member index is released once its derived facts are made: "
                    + "it takes no changes");
        }
    }

    /** An organisation appeared, changed or went: its roster is recomputed. */
    void organizationChanged(String orgId) {
        checkNotReleased();
        if (keepRosters) {
            dirtyOrgs.add(orgId);
        }
    }

    /** A member as of the evaluation date changed from {@code before} to {@code after} (null: absent). */
    void memberChanged(Member before, Member after) {
        checkNotReleased();
        if (before != null) {
            if (keepRosters) {
                remove(membersByOrg, before.orgId(), before.id());
                dirtyOrgs.add(before.orgId());
            }
            unkey(SharedKeyKind.PERSON, before.personKey(), before.id());
            unkey(SharedKeyKind.MEMBER_NUMBER, before.memberNumber(), before.id());
        }
        if (after != null) {
            if (keepRosters) {
                add(membersByOrg, after.orgId(), after);
                dirtyOrgs.add(after.orgId());
            }
            key(SharedKeyKind.PERSON, after.personKey(), after);
            key(SharedKeyKind.MEMBER_NUMBER, after.memberNumber(), after);
        }
    }

    /** A payment as of the evaluation date changed from {@code before} to {@code after} (null: absent). */
    void paymentChanged(FeePayment before, FeePayment after) {
        checkNotReleased();
        if (before != null) {
            if (keepRosters) {
                remove(paymentsByMember, before.memberId(), before.id());
                markOrgOf(before.memberId());
            }
            unkeyPayment(before);
        }
        if (after != null) {
            if (keepRosters) {
                add(paymentsByMember, after.memberId(), after);
                markOrgOf(after.memberId());
            }
            keyPayment(after);
        }
    }

    /**
     * The rosters changed since the last call, by organisation id; a null value means the organisation is gone.
     *
     * @param inForce whether an organisation is in force (only those have a roster)
     */
    Map<String, Roster> rosters(Predicate<String> inForce) {
        Map<String, Roster> changed = new HashMap<>();
        if (dirtyOrgs.isEmpty()) {
            return changed;
        }
        List<String> orgs = new ArrayList<>(dirtyOrgs);
        dirtyOrgs = new LinkedHashSet<>();
        // many at once (a whole province being loaded): built in parallel, the indexes being only read meanwhile
        List<Roster> built = (orgs.size() < PARALLEL_FROM ? orgs.stream() : orgs.parallelStream())
                .map(orgId -> inForce.test(orgId) ? roster(orgId) : null)
                .toList();
        for (int i = 0; i < orgs.size(); i++) {
            Roster after = built.get(i);
            Roster before = after == null ? rosters.remove(orgs.get(i)) : rosters.put(orgs.get(i), after);
            if (after == null ? before != null : !after.equals(before)) {
                changed.put(orgs.get(i), after);
            }
        }
        return changed;
    }

    /** The shared keys changed since the last call; a null value means the key is no longer shared. */
    Map<KeyId, SharedKey> sharedKeys() {
        Map<KeyId, SharedKey> changed = new HashMap<>();
        for (KeyId id : dirtyKeys) {
            SharedKey after = shared(id);
            SharedKey before = after == null ? shared.remove(id) : shared.put(id, after);
            if (after == null ? before != null : !after.equals(before)) {
                changed.put(id, after);
            }
        }
        if (!dirtyKeys.isEmpty()) {
            dirtyKeys = new LinkedHashSet<>();
        }
        return changed;
    }

    private Roster roster(String orgId) {
        List<Fact> held = values(membersByOrg, orgId);
        Member[] list = held.toArray(new Member[0]);
        int n = list.length;
        Arrays.sort(list, Roster.ORDER);
        List<FeePayment> paid = new ArrayList<>(n);
        Map<YearMonth, Integer> onTime = new HashMap<>(4);
        for (Member m : list) {
            int first = paid.size();
            for (Fact p : values(paymentsByMember, m.id())) {
                paid.add((FeePayment) p);
            }
            for (int i = first; i < paid.size(); i++) {
                FeePayment p = paid.get(i);
                if (Roster.paidOnlineOnTime(p) && !joinedAfter(m, p.month()) && !onTimeBefore(paid, first, i, p.month())) {
                    onTime.merge(p.month(), 1, Integer::sum); // each member once per month
                }
            }
        }
        return new Roster(orgId, List.of(list), n, List.copyOf(paid), onTime);
    }

    /** Whether a member joined after the month's last day: such a member owes nothing for that month. */
    private static boolean joinedAfter(Member m, YearMonth month) {
        return m.joinedOn() != null && m.joinedOn().isAfter(month.atEndOfMonth());
    }

    /** Whether one of payments[from, to) already counts as paid online on time for that month. */
    private static boolean onTimeBefore(List<FeePayment> payments, int from, int to, YearMonth month) {
        for (int i = from; i < to; i++) {
            FeePayment p = payments.get(i);
            if (p.month().equals(month) && Roster.paidOnlineOnTime(p)) {
                return true;
            }
        }
        return false;
    }

    private SharedKey shared(KeyId id) {
        String month = null;
        List<Fact> holders;
        if (id.kind() == SharedKeyKind.PAYER_MONTH) {
            int at = id.key().lastIndexOf('@');
            month = id.key().substring(at + 1);
            holders = values(byKey.get(id.kind()), id.key().substring(0, at));
        } else {
            holders = values(byKey.get(id.kind()), id.key());
        }
        TreeSet<String> factIds = new TreeSet<>();
        TreeSet<String> memberIds = new TreeSet<>();
        for (Fact f : holders) {
            if (month != null && !((FeePayment) f).month().toString().equals(month)) {
                continue;
            }
            factIds.add(f.id());
            memberIds.add(f instanceof FeePayment p ? p.memberId() : f.id());
        }
        return memberIds.size() < 2 ? null
                : new SharedKey(id.kind(), id.key(), List.copyOf(memberIds), List.copyOf(factIds));
    }

    private void markOrgOf(String memberId) {
        Member m = members.apply(memberId);
        if (m != null) {
            dirtyOrgs.add(m.orgId());
        }
    }

    private static String payerMonth(FeePayment p) {
        return p.payerKey() + "@" + p.month();
    }

    // Online payments are indexed by their payer key alone (the text the payment holds, shared by a payer's
    // payments of every month: no key text is made per payment); a (payer, month) key is marked for recomputation
    // only when a second payment of that payer for that month arrives, or when one of two or more goes.

    private static boolean paidOnline(FeePayment p) {
        return p.channel() == PaymentChannel.ONLINE && p.payerKey() != null;
    }

    private void keyPayment(FeePayment p) {
        if (!keepSharedKeys || !paidOnline(p)) {
            return;
        }
        Map<String, Object> index = byKey.get(SharedKeyKind.PAYER_MONTH);
        if (add(index, p.payerKey(), p) > 1 && sameMonth(values(index, p.payerKey()), p.month()) > 1) {
            dirtyKeys.add(new KeyId(SharedKeyKind.PAYER_MONTH, payerMonth(p)));
        }
    }

    private void unkeyPayment(FeePayment p) {
        if (!keepSharedKeys || !paidOnline(p)) {
            return;
        }
        Map<String, Object> index = byKey.get(SharedKeyKind.PAYER_MONTH);
        int before = sameMonth(values(index, p.payerKey()), p.month());
        remove(index, p.payerKey(), p.id());
        if (before > 1) {
            dirtyKeys.add(new KeyId(SharedKeyKind.PAYER_MONTH, payerMonth(p)));
        }
    }

    /** How many of the payments are for that month. */
    private static int sameMonth(List<Fact> payments, YearMonth month) {
        int n = 0;
        for (Fact f : payments) {
            if (((FeePayment) f).month().equals(month)) {
                n++;
            }
        }
        return n;
    }

    // A key held by one fact only is never shared: it is marked for recomputation only once a second fact
    // holds it, or when one of two or more goes.

    private void key(SharedKeyKind kind, String key, Fact holder) {
        if (keepSharedKeys && key != null && add(byKey.get(kind), key, holder) > 1) {
            dirtyKeys.add(new KeyId(kind, key));
        }
    }

    private void unkey(SharedKeyKind kind, String key, String id) {
        if (keepSharedKeys && key != null && remove(byKey.get(kind), key, id) > 1) {
            dirtyKeys.add(new KeyId(kind, key));
        }
    }

    // An index value is one fact or, from the second on, a list of them. A fact is added only when it becomes
    // visible and removed (by id) only when it stops being so, so that a list never holds a fact twice.

    /** Adds a fact under a key; returns how many facts the key holds now. */
    private static int add(Map<String, Object> index, String key, Fact fact) {
        Object v = index.putIfAbsent(key, fact); // one lookup for a key seen first (most keys are held once)
        if (v == null) {
            return 1;
        }
        if (v instanceof Fact single) {
            List<Fact> list = new ArrayList<>(4);
            list.add(single);
            list.add(fact);
            index.put(key, list);
            return 2;
        }
        @SuppressWarnings("unchecked")
        List<Fact> list = (List<Fact>) v;
        list.add(fact);
        return list.size();
    }

    /** Removes the fact with this id from a key; returns how many facts the key held before. */
    private static int remove(Map<String, Object> index, String key, String id) {
        Object v = index.get(key);
        if (v instanceof Fact single) {
            if (single.id().equals(id)) {
                index.remove(key);
            }
            return 1;
        }
        if (v == null) {
            return 0;
        }
        @SuppressWarnings("unchecked")
        List<Fact> list = (List<Fact>) v;
        int size = list.size();
        list.removeIf(f -> f.id().equals(id));
        if (list.size() == 1) {
            index.put(key, list.get(0));
        }
        return size;
    }

    @SuppressWarnings("unchecked")
    private static List<Fact> values(Map<String, Object> index, String key) {
        Object v = index.get(key);
        if (v == null) {
            return List.of();
        }
        return v instanceof Fact single ? List.of(single) : (List<Fact>) v;
    }
}

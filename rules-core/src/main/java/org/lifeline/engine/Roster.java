package org.lifeline.engine;

import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.lifeline.fact.FeePayment;
import org.lifeline.fact.Member;
import org.lifeline.fact.PaymentChannel;

/**
 * Derived, per organisation: its roster (花名册), the members whose {@code orgId} it is, as of the evaluation
 * date, with their fee payments and what rules count over them. The engine keeps one for every organisation in
 * force (an empty one when it has no members) and replaces it when a member joins, leaves, reports online or
 * pays; rules join it by {@code orgId} instead of joining {@code Member} and {@code FeePayment} facts one by
 * one, which at province scale would hold millions of join entries. (Ordinary members and payments are then
 * read by no rule pattern, and are not put into the session at all.)
 *
 * @param orgId            the organisation
 * @param members          its members, in the order they reported online (those who have not, last), then by id
 * @param size             how many members it has
 * @param payments         its members' fee payments, member by member in the order above
 * @param paidOnlineOnTime per month paid for: how many of its members paid that month's dues online by the end of
 *                         that month (a member counts once however many payments; a member who joined after that
 *                         month's last day never counts for it)
 */
public record Roster(String orgId, List<Member> members, int size, List<FeePayment> payments,
                     Map<YearMonth, Integer> paidOnlineOnTime) {

    /** The order of {@link #members}: by report time (members who have not reported last), then by id. */
    static final Comparator<Member> ORDER = Comparator.comparing(Member::reportedAt,
            Comparator.nullsLast(Comparator.naturalOrder())).thenComparing(Member::id);

    public Roster {
        members = List.copyOf(members);
        payments = List.copyOf(payments);
        paidOnlineOnTime = Map.copyOf(paidOnlineOnTime);
    }

    /** Whether a payment counts as paid online on time: online, paid by the end of the month it is for. */
    static boolean paidOnlineOnTime(FeePayment p) {
        return p.channel() == PaymentChannel.ONLINE && !p.paidOn().isAfter(p.month().atEndOfMonth());
    }

    /** The ids of its members, in id order. */
    public List<String> memberIds() {
        List<String> ids = new ArrayList<>(members.size());
        for (Member m : members) {
            ids.add(m.id());
        }
        ids.sort(Comparator.naturalOrder());
        return ids;
    }

    /**
     * How many of its members had joined by the last day of {@code month}, or whose join date is unknown: those
     * who owe that month's dues (task 13, contract v2). One pass over the roster.
     */
    public int membersJoinedBy(YearMonth month) {
        java.time.LocalDate end = month.atEndOfMonth();
        int n = 0;
        for (Member m : members) {
            if (m.joinedOn() == null || !m.joinedOn().isAfter(end)) {
                n++;
            }
        }
        return n;
    }

    /**
     * Its members' payments made OFFLINE for {@code from} or a later month (task 13: dues go online from 2018-09),
     * in roster order. One pass over its payments; rules iterate this short list instead of every payment.
     */
    public List<FeePayment> offlinePayments(YearMonth from) {
        List<FeePayment> out = new ArrayList<>(0);
        for (FeePayment p : payments) {
            if (p.channel() == PaymentChannel.OFFLINE && !p.month().isBefore(from)) {
                out.add(p);
            }
        }
        return out;
    }

    /** How many of its members have this work or study unit (0 for null). */
    public int workUnitCount(String workUnitId) {
        int n = 0;
        if (workUnitId != null) {
            for (Member m : members) {
                if (workUnitId.equals(m.workUnitId())) {
                    n++;
                }
            }
        }
        return n;
    }

    /**
     * How many of its members paid {@code month}'s dues online by the end of that month (members who joined after
     * that month never count for it).
     */
    public int paidOnlineOnTime(YearMonth month) {
        return paidOnlineOnTime.getOrDefault(month, 0);
    }

    /**
     * The largest group of its members who reported online within {@code minutes} of each other: the ids of
     * the members whose report time falls in [t, t + minutes) for the report time t that gathers the most
     * (the earliest such t on a tie), in report-time order; empty when nobody reported.
     */
    public List<String> largestBurst(int minutes) {
        int n = 0;
        while (n < members.size() && members.get(n).reportedAt() != null) {
            n++;
        }
        List<Member> reported = members.subList(0, n); // already in report-time order
        int bestFrom = 0;
        int bestSize = 0;
        int end = 0;
        for (int from = 0; from < reported.size(); from++) {
            LocalDateTime limit = reported.get(from).reportedAt().plusMinutes(minutes);
            if (end < from) {
                end = from;
            }
            while (end < reported.size() && reported.get(end).reportedAt().isBefore(limit)) {
                end++;
            }
            if (end - from > bestSize) {
                bestSize = end - from;
                bestFrom = from;
            }
        }
        List<String> ids = new ArrayList<>(bestSize);
        for (int i = bestFrom; i < bestFrom + bestSize; i++) {
            ids.add(reported.get(i).id());
        }
        return ids;
    }
}

package org.lifeline.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lifeline.fact.FeePayment;
import org.lifeline.fact.Member;
import org.lifeline.fact.PaymentChannel;

/** What a roster offers rules: the largest reporting burst, and which payments count as paid online on time. */
class RosterTest {

    private static final LocalDateTime NINE = LocalDateTime.of(2018, 6, 1, 9, 0);

    private static Member member(String id, LocalDateTime reportedAt) {
        return Member.builder(id).orgId("B1").reportedAt(reportedAt).build();
    }

    /** A payment of September's dues. */
    private static FeePayment payment(String id, String memberId, LocalDate paidOn, PaymentChannel channel) {
        return FeePayment.builder(id).memberId(memberId).month(YearMonth.of(2018, 9)).paidOn(paidOn).channel(channel)
                .amountCents(50).build();
    }

    private static Roster roster(Member... members) {
        Member[] sorted = members.clone();
        Arrays.sort(sorted, Roster.ORDER);
        return new Roster("B1", List.of(sorted), sorted.length, List.of(), Map.of());
    }

    @Test
    void theBurstIsTheLargestWindowOpenedByOneReportAndShorterThanTheMinutes() {
        Roster r = roster(member("M1", NINE), member("M2", NINE.plusMinutes(5)), member("M3", NINE.plusSeconds(599)),
                member("M4", NINE.plusMinutes(10)), member("M5", null));
        // 09:00 opens [09:00, 09:10): M1, M2, M3; 09:05 opens [09:05, 09:15): M2, M3, M4 — a tie, the earlier wins
        assertThat(r.largestBurst(10)).containsExactly("M1", "M2", "M3");
        assertThat(r.largestBurst(11)).containsExactly("M1", "M2", "M3", "M4");
        assertThat(roster(member("M1", null)).largestBurst(10)).isEmpty();
    }

    @Test
    void paidOnlineOnTimeMeansOnlineAndByTheEndOfTheMonthPaidFor() {
        YearMonth sep = YearMonth.of(2018, 9);
        List<FeePayment> paid = List.of(
                payment("P1", "M1", LocalDate.of(2018, 9, 30), PaymentChannel.ONLINE),
                payment("P2", "M1", LocalDate.of(2018, 9, 3), PaymentChannel.ONLINE),
                payment("P3", "M2", LocalDate.of(2018, 10, 1), PaymentChannel.ONLINE),
                payment("P4", "M3", LocalDate.of(2018, 9, 5), PaymentChannel.OFFLINE));
        assertThat(paid.stream().filter(Roster::paidOnlineOnTime).map(FeePayment::id)).containsExactly("P1", "P2");
    }

    @Test
    void theIndexCountsAMemberOnceAMonthAndHoldsASharedKeyOnlyWhileItIsShared() {
        Map<String, Member> visible = new java.util.HashMap<>();
        MemberIndex index = new MemberIndex(visible::get, true, true);
        Member m1 = Member.builder("M1").orgId("B1").reportedAt(NINE).personKey("K").build();
        Member m2 = Member.builder("M2").orgId("B1").reportedAt(NINE).personKey("K").build();
        visible.put("M1", m1);
        visible.put("M2", m2);
        index.memberChanged(null, m1);
        index.memberChanged(null, m2);
        YearMonth sep = YearMonth.of(2018, 9);
        index.paymentChanged(null, payment("P1", "M1", LocalDate.of(2018, 9, 3), PaymentChannel.ONLINE));
        index.paymentChanged(null, payment("P2", "M1", LocalDate.of(2018, 9, 9), PaymentChannel.ONLINE));

        Roster b1 = index.rosters(id -> true).get("B1");
        assertThat(b1.size()).isEqualTo(2);
        assertThat(b1.payments()).hasSize(2);
        assertThat(b1.paidOnlineOnTime(sep)).isEqualTo(1);
        Map<MemberIndex.KeyId, SharedKey> keys = index.sharedKeys();
        assertThat(keys.values()).extracting(SharedKey::kind, SharedKey::memberIds)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(SharedKeyKind.PERSON, List.of("M1", "M2")));

        Member fixed = Member.builder("M2").orgId("B1").reportedAt(NINE).personKey("K2").build();
        visible.put("M2", fixed);
        index.memberChanged(m2, fixed);
        MemberIndex.KeyId k = new MemberIndex.KeyId(SharedKeyKind.PERSON, "K");
        Map<MemberIndex.KeyId, SharedKey> gone = index.sharedKeys();
        assertThat(gone).containsOnlyKeys(k).containsEntry(k, null); // no longer shared
    }

    @Test
    void aPayingAccountIsSharedOnlyWhenItPaysOneMonthForTwoMembersOnline() {
        Map<String, Member> visible = new java.util.HashMap<>();
        MemberIndex index = new MemberIndex(visible::get, true, true);
        for (String id : List.of("M1", "M2")) {
            visible.put(id, Member.builder(id).orgId("B1").build());
            index.memberChanged(null, visible.get(id));
        }
        FeePayment aug1 = paid("P1", "M1", YearMonth.of(2018, 8), PaymentChannel.ONLINE);
        FeePayment sep1 = paid("P2", "M1", YearMonth.of(2018, 9), PaymentChannel.ONLINE);
        FeePayment sep2Offline = paid("P3", "M2", YearMonth.of(2018, 9), PaymentChannel.OFFLINE);
        index.paymentChanged(null, aug1);
        index.paymentChanged(null, sep1);
        index.paymentChanged(null, sep2Offline);
        assertThat(index.sharedKeys()).isEmpty(); // one member's months, and an offline payment, share nothing

        FeePayment sep2 = paid("P4", "M2", YearMonth.of(2018, 9), PaymentChannel.ONLINE);
        index.paymentChanged(null, sep2);
        MemberIndex.KeyId k = new MemberIndex.KeyId(SharedKeyKind.PAYER_MONTH, "ACC@2018-09");
        assertThat(index.sharedKeys()).containsOnlyKeys(k).containsEntry(k,
                new SharedKey(SharedKeyKind.PAYER_MONTH, "ACC@2018-09", List.of("M1", "M2"), List.of("P2", "P4")));

        index.paymentChanged(sep2, null);
        assertThat(index.sharedKeys()).containsOnlyKeys(k).containsEntry(k, null);
        index.paymentChanged(aug1, null);
        assertThat(index.sharedKeys()).isEmpty();
    }

    @Test
    void aSnapshotIndexSizedAheadGivesTheSameRostersAndKeysAndTakesNoChangeOnceReleased() {
        Map<String, Member> visible = new java.util.HashMap<>();
        MemberIndex sized = new MemberIndex(visible::get, true, true);
        MemberIndex grown = new MemberIndex(visible::get, true, true);
        sized.expect(3, 2);
        for (String id : List.of("M1", "M2", "M3")) {
            visible.put(id, Member.builder(id).orgId("B1").personKey(id.equals("M3") ? "K3" : "K").build());
            sized.memberChanged(null, visible.get(id));
            grown.memberChanged(null, visible.get(id));
        }
        for (FeePayment p : List.of(paid("P1", "M1", YearMonth.of(2018, 9), PaymentChannel.ONLINE),
                paid("P2", "M2", YearMonth.of(2018, 9), PaymentChannel.ONLINE))) {
            sized.paymentChanged(null, p);
            grown.paymentChanged(null, p);
        }
        assertThat(sized.rosters(id -> true)).isEqualTo(grown.rosters(id -> true));
        Map<MemberIndex.KeyId, SharedKey> keys = sized.sharedKeys();
        assertThat(keys).isEqualTo(grown.sharedKeys()).hasSize(2); // person K, and account ACC for 2018-09

        sized.release();
        assertThat(sized.rosters(id -> true)).isEmpty();
        assertThat(sized.sharedKeys()).isEmpty();
        Member late = Member.builder("M4").orgId("B1").build();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> sized.memberChanged(null, late))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("released");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> sized.paymentChanged(null,
                paid("P3", "M3", YearMonth.of(2018, 9), PaymentChannel.ONLINE))).isInstanceOf(IllegalStateException.class);
    }

    /** A payment from the account ACC. */
    private static FeePayment paid(String id, String memberId, YearMonth month, PaymentChannel channel) {
        return FeePayment.builder(id).memberId(memberId).month(month).paidOn(month.atDay(3)).channel(channel)
                .amountCents(50).payerKey("ACC").build();
    }
}

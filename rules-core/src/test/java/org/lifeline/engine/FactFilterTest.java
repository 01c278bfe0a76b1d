package org.lifeline.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lifeline.fact.FeePayment;
import org.lifeline.fact.Member;
import org.lifeline.fact.OrgType;
import org.lifeline.fact.Organization;
import org.lifeline.fact.PaymentChannel;
import org.lifeline.fact.Sector;

/** Only facts some rule pattern would take go into a session; the rest cost nothing and change nothing. */
class FactFilterTest {

    static final String UNREPORTED = """
            package rules;
            import org.lifeline.fact.*;
            import org.lifeline.engine.Finding;
            import org.lifeline.engine.Roster;
            import java.util.List;

            rule "T05.MEMBER_NOT_REPORTED"
                @taskId("5") @severity("ANOMALY")
                @description("未完成在线报到")
                @message("{subject}有{count}名团员未完成在线报到")
            when
                Organization( $id : id )
                $members : List( size > 0 ) from accumulate( Member( orgId == $id, reportedAt == null, $mid : id ),
                                                              collectList( $mid ) )
            then
                insertLogical( Finding.of(drools, $id).members($members) );
            end

            rule "A.UNDERSIZED_BRANCH"
                @taskId("0") @severity("ANOMALY")
                @description("团员不足3人")
                @message("{subject}仅有{count}名团员")
            when
                Organization( type == OrgType.BRANCH, $id : id )
                $r : Roster( orgId == $id, size > 0, size < 3 )
            then
                insertLogical( Finding.of(drools, $id).members($r.memberIds()) );
            end
            """;

    @TempDir
    static Path dir;
    static Lifeline lifeline;

    @BeforeAll
    static void compile() {
        lifeline = Lifeline.fromDirectory(TestRules.write(dir, Map.of("calendar.yaml", TestRules.CALENDAR,
                "rules.drl", UNREPORTED)));
    }

    private static Member member(String id, String org, LocalDateTime reportedAt) {
        return new Member(id, org, null, null, reportedAt, null, null, null, null, null);
    }

    @Test
    void readsOnlyWhatSomePatternTakes() {
        FactFilter filter = lifeline.ruleSet().filter();
        org.kie.api.runtime.KieSession session = lifeline.ruleSet().newSession();
        try {
            java.util.function.Predicate<Object> reads = filter.readsIn(session);
            assertThat(reads.test(member("M1", "B1", null))).isTrue();
            assertThat(reads.test(member("M2", "B1", LocalDateTime.of(2018, 6, 1, 9, 0)))).isFalse();
            assertThat(reads.test(Organization.of("B1", "B1", "GZ", OrgType.BRANCH, Sector.REGIONAL))).isTrue();
            assertThat(reads.test(new FeePayment("P1", "M1", YearMonth.of(2018, 9), LocalDate.of(2018, 9, 3),
                    PaymentChannel.ONLINE, 50, null))).isFalse();
            assertThat(filter.readsType(Roster.class)).isTrue();
            assertThat(filter.readsType(SharedKey.class)).isFalse();
            assertThat(filter.readsType(FeePayment.class)).isFalse();
        } finally {
            session.dispose();
        }
    }

    @Test
    void aFactThatStopsOrStartsBeingReadLeavesOrEntersTheSession() {
        List<String> log = new ArrayList<>();
        ViolationListener listener = new ViolationListener() {
            @Override
            public void raised(Violation v) {
                log.add("raised " + v.ruleId() + " " + v.subjectId() + " " + v.memberIds());
            }

            @Override
            public void resolved(Violation v) {
                log.add("resolved " + v.ruleId() + " " + v.subjectId());
            }
        };
        LocalDateTime nine = LocalDateTime.of(2018, 6, 1, 9, 0);
        try (Monitor m = lifeline.monitor(LocalDate.of(2018, 7, 1), listener)) {
            m.insertAll(List.of(Organization.of("GD", "GD", null, OrgType.PROVINCIAL_COMMITTEE, Sector.REGIONAL),
                    Organization.of("B1", "B1", "GD", OrgType.BRANCH, Sector.REGIONAL),
                    member("M1", "B1", nine), member("M2", "B1", nine), member("M3", "B1", nine)));
            assertThat(log).isEmpty();
            m.update(member("M2", "B1", null));   // now read: unreported
            m.delete(org.lifeline.fact.FactKind.MEMBERS, "M3");   // not read, but still counted in B1's roster
            m.update(member("M2", "B1", nine));   // read no more
        }
        assertThat(log).containsExactly(
                "raised T05.MEMBER_NOT_REPORTED B1 [M2]",
                "raised A.UNDERSIZED_BRANCH B1 [M1, M2]",
                "resolved T05.MEMBER_NOT_REPORTED B1");
    }
}

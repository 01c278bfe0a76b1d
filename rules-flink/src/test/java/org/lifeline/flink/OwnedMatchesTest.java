package org.lifeline.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lifeline.calendar.AsOf;
import org.lifeline.calendar.Setting;
import org.lifeline.engine.Share;
import org.lifeline.engine.SharedKey;
import org.lifeline.engine.SharedKeyKind;
import org.lifeline.fact.Enterprise;
import org.lifeline.fact.FactKind;
import org.lifeline.fact.FactSet;
import org.lifeline.fact.Organization;

/**
 * Which key counts a match: the top unit of the match's first object that lies in one, whatever calendar facts,
 * numbers and collections come before it; a match of calendar facts only is the root key's.
 */
class OwnedMatchesTest {

    private static final LocalDate AS_OF = LocalDate.parse("2018-09-26");
    private static final FactSet FACTS = Fixtures.crossUnit();
    private static final Placement TOPS = new Placement(FACTS.all(Organization.class), AS_OF);

    private static String owner(Object... objects) {
        return new OwnedMatches("C1", TOPS, FACTS.byId(FactKind.MEMBERS), FACTS.byId(FactKind.ENTERPRISES)).ownerOf(List.of(objects));
    }

    private static Organization org(String id) {
        return (Organization) FACTS.byId(FactKind.ORGANIZATIONS).get(id);
    }

    @Test
    void aMatchBelongsToItsFirstObjectThatLiesInATopUnitNotToTheCalendarFactsBeforeIt() {
        Setting setting = new Setting("minBranchMembers", 3.0, null);

        assertThat(owner(new AsOf(AS_OF), setting, org("C2-JG-B1137"), org("C1-JG-B4"))).isEqualTo("C2");
        assertThat(owner(setting, 4, List.of("MX1"), org("C3-JG-B2189"))).isEqualTo("C3");
        assertThat(owner(new Share("T12.TRANSFER", "C1-U", 1, 2))).isEqualTo("C1");
        assertThat(owner(new AsOf(AS_OF), setting)).isEqualTo(Routing.ROOT_KEY);
        assertThat(owner(org("GD"))).isEqualTo(Routing.ROOT_KEY);
    }

    @Test
    void aGroupSharingAKeyBelongsToTheHomeOfItsSmallestMemberId() {
        // MX1 lives in 广州 (C1), MX2 in 深圳 (C2): every home holds the group, 广州 counts it
        SharedKey group = new SharedKey(SharedKeyKind.PERSON, "pk-cross-1", List.of("MX1", "MX2"), List.of());

        assertThat(owner(group)).isEqualTo("C1");
        assertThat(new OwnedMatches("C1", TOPS, FACTS.byId(FactKind.MEMBERS), FACTS.byId(FactKind.ENTERPRISES)).test(List.of(group))).isTrue();
        assertThat(new OwnedMatches("C2", TOPS, FACTS.byId(FactKind.MEMBERS), FACTS.byId(FactKind.ENTERPRISES)).test(List.of(group))).isFalse();
    }

    @Test
    void anEnterpriseBelongsToTheProvincialEnterpriseCommittee() {
        Enterprise enterprise = FACTS.all(Enterprise.class).iterator().next();

        assertThat(owner(new Setting("minBranchMembers", 3.0, null), enterprise)).isEqualTo("P-QY");
    }
}

package org.lifeline.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lifeline.fact.Fact;
import org.lifeline.fact.Level;
import org.lifeline.fact.OrgType;
import org.lifeline.fact.Organization;
import org.lifeline.fact.Sector;

/**
 * The bundled rules that test an organisation's own fields beside its place read both from one {@code OrgInfo}
 * (its {@code org}); in a live monitor, changing an organisation must therefore change its {@code OrgInfo} too, or
 * those rules would go on judging the organisation as it was.
 */
class OrgInfoLiveTest {

    private static final Lifeline BUNDLED = Lifeline.bundled();
    private static final LocalDate AS_OF = LocalDate.of(2018, 10, 1); // every milestone in force

    private static final ViolationListener QUIET = new ViolationListener() {
        @Override
        public void raised(Violation violation) {
        }

        @Override
        public void resolved(Violation violation) {
        }
    };

    private static Organization org(String id, String parent, OrgType type, Sector sector, Level level) {
        return new Organization(id, id, parent, type, sector, level, null, false, null, null, null, null);
    }

    private static List<Fact> province() {
        return List.of(
                org("ROOT", null, OrgType.PROVINCIAL_COMMITTEE, Sector.OTHER, Level.PROVINCE),
                org("CITY", "ROOT", OrgType.CITY_COMMITTEE, Sector.REGIONAL, Level.CITY),
                org("UNIT", "CITY", OrgType.BRANCH, Sector.REGIONAL, null));
    }

    private static boolean finds(Monitor m, String ruleId, String subjectId) {
        return m.violations().stream().anyMatch(v -> v.ruleId().equals(ruleId) && v.subjectId().equals(subjectId));
    }

    @Test
    void aBranchTurnedCommitteeWithNoBranchBelowIsAHollowCommitteeAndStopsBeingOneWhenTurnedBack() {
        try (Monitor m = BUNDLED.monitor(AS_OF, QUIET)) {
            m.insertAll(province());
            assertThat(finds(m, "T04.HOLLOW_COMMITTEE", "UNIT")).isFalse();

            m.update(org("UNIT", "CITY", OrgType.COMMITTEE, Sector.REGIONAL, null));
            assertThat(finds(m, "T04.HOLLOW_COMMITTEE", "UNIT")).isTrue();

            m.update(org("UNIT", "CITY", OrgType.BRANCH, Sector.REGIONAL, null));
            assertThat(finds(m, "T04.HOLLOW_COMMITTEE", "UNIT")).isFalse();
        }
    }

    @Test
    void aCommitteeMovedIntoAnOrganSectorNeedsItsCadresEnteredAndNoLongerOnceMovedOutOrDownToTownshipLevel() {
        try (Monitor m = BUNDLED.monitor(AS_OF, QUIET)) {
            m.insertAll(province());
            m.insert(org("GOV", "CITY", OrgType.COMMITTEE, Sector.REGIONAL, null));
            assertThat(finds(m, "T06.NO_CADRE_ENTERED", "GOV")).isFalse();

            m.update(org("GOV", "CITY", OrgType.COMMITTEE, Sector.PARTY_GOVERNMENT_ORGAN, null));
            assertThat(finds(m, "T06.NO_CADRE_ENTERED", "GOV")).isTrue();

            m.update(org("GOV", "CITY", OrgType.COMMITTEE, Sector.PARTY_GOVERNMENT_ORGAN, Level.TOWNSHIP));
            assertThat(finds(m, "T06.NO_CADRE_ENTERED", "GOV")).isFalse();

            m.update(org("GOV", "CITY", OrgType.COMMITTEE, Sector.PARTY_GOVERNMENT_ORGAN, null));
            assertThat(finds(m, "T06.NO_CADRE_ENTERED", "GOV")).isTrue();

            m.update(org("GOV", "CITY", OrgType.COMMITTEE, Sector.REGIONAL, null));
            assertThat(finds(m, "T06.NO_CADRE_ENTERED", "GOV")).isFalse();
        }
    }
}

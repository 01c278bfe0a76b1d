package org.lifeline.fact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FactParserTest {

    @Test
    void parsesEveryFieldTypeFromText() {
        Fact org = FactParser.parse(FactKind.ORGANIZATIONS, Map.of("id", "B1", "name", "示例团支部", "parentId", "GZ",
                "type", "BRANCH", "sector", "UNIVERSITY", "provinciallyManaged", "true", "graduatingClass", "2018",
                "createdOn", "2018-05-01", "purpose", ""), "organizations.csv:2");
        assertThat(org).isEqualTo(new Organization("B1", "示例团支部", "GZ", OrgType.BRANCH, Sector.UNIVERSITY, null, null,
                true, null, 2018, null, LocalDate.of(2018, 5, 1)));
        Fact member = FactParser.parse(FactKind.MEMBERS, Map.of("id", "M1", "orgId", "B1", "reportedAt", "2018-06-01T09:30"), null);
        assertThat(((Member) member).reportedAt()).isEqualTo(LocalDateTime.of(2018, 6, 1, 9, 30));
        Fact pay = FactParser.parse(FactKind.FEE_PAYMENTS, Map.of("id", "P1", "memberId", "M1", "month", "2018-09",
                "paidOn", "2018-09-03", "channel", "ONLINE", "amountCents", "50"), null);
        assertThat(((FeePayment) pay).month()).isEqualTo(YearMonth.of(2018, 9));
        Fact act = FactParser.parse(FactKind.ACTIVITIES, Map.of("id", "A1", "orgId", "B1", "heldOn", "2018-06-20",
                "kind", "GRADUATE_THEME_DAY", "covers", "AWARENESS_EDUCATION;DUES_SWITCH_NOTICE"), null);
        assertThat(((Activity) act).covers()).containsExactly(ActivityContent.AWARENESS_EDUCATION, ActivityContent.DUES_SWITCH_NOTICE);
        Fact act2 = FactParser.parse(FactKind.ACTIVITIES, Map.of("id", "A2", "orgId", "B1", "heldOn", "2018-06-20",
                "kind", "GRADUATE_THEME_DAY", "covers", List.of("AWARENESS_EDUCATION")), null);
        assertThat(((Activity) act2).covers()).containsExactly(ActivityContent.AWARENESS_EDUCATION);
    }

    @Test
    void formatIsTheInverseOfParse() {
        Organization o = new Organization("B1", "示例", "GZ", OrgType.BRANCH, Sector.REGIONAL, Level.CITY, "广州", false,
                Purpose.FLOATING_MEMBERS, null, "U1", LocalDate.of(2018, 1, 2));
        assertThat(FactParser.parse(FactKind.ORGANIZATIONS, FactParser.format(o), null)).isEqualTo(o);
        assertThat(FactParser.fieldNames(FactKind.ORGANIZATIONS)).startsWith("id", "name", "parentId", "type", "sector");
    }

    @Test
    void errorsNameOriginKindIdAndField() {
        assertThatThrownBy(() -> FactParser.parse(FactKind.ORGANIZATIONS, Map.of("id", "B1", "name", "x", "type", "BRANCHX",
                "sector", "REGIONAL"), "organizations.csv:7"))
                .isInstanceOf(FactException.class)
                .hasMessageStartingWith("organizations.csv:7: Organization B1: field 'type': unknown value 'BRANCHX' (one of PROVINCIAL_COMMITTEE,");
        assertThatThrownBy(() -> FactParser.parse(FactKind.MEMBERS, Map.of("id", "M1"), "members.csv:3"))
                .hasMessage("members.csv:3: Member M1: missing required field 'orgId'");
        assertThatThrownBy(() -> FactParser.parse(FactKind.MEMBERS, Map.of("id", "M1", "orgId", "B1", "joinedOn", "2018-02-30"), "m.yaml:4"))
                .hasMessage("m.yaml:4: Member M1: field 'joinedOn': expected a date yyyy-MM-dd, got '2018-02-30'");
        assertThatThrownBy(() -> FactParser.parse(FactKind.MEMBERS, Map.of("id", "M1", "orgId", "B1", "colour", "red"), "m.yaml:4"))
                .hasMessageStartingWith("m.yaml:4: Member M1: unknown field 'colour'");
        assertThatThrownBy(() -> FactParser.parse(FactKind.ENTERPRISES, Map.of("id", "E1", "name", "x", "tier", "GROUP",
                "ownership", "HOLDING", "memberCount", "three"), null))
                .hasMessage("Enterprise E1: field 'memberCount': expected a number, got 'three'");
        assertThatThrownBy(() -> FactParser.parse(FactKind.FEE_MANAGERS, Map.of("id", "F1", "orgId", "GZ", "cadreId", "C1",
                "official", "yes", "designatedOn", "2018-06-01"), null))
                .hasMessage("FeeManager F1: field 'official': expected true or false, got 'yes'");
        assertThatThrownBy(() -> FactParser.parse(FactKind.ACTIVITIES, Map.of("id", "A1", "orgId", "B1", "heldOn", "2018-06-20",
                "kind", "GRADUATE_THEME_DAY", "covers", "AWARENESS_EDUCATION;DANCING"), null))
                .hasMessageStartingWith("Activity A1: field 'covers': unknown value in 'AWARENESS_EDUCATION;DANCING'");
    }
}

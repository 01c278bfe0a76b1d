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
                .hasMessage("m.yaml:4: Member M1: field 'joinedOn': expected a date yyyy-MM-dd, got a day that is not in the calendar");
        assertThatThrownBy(() -> FactParser.parse(FactKind.MEMBERS, Map.of("id", "M1", "orgId", "B1", "colour", "red"), "m.yaml:4"))
                .hasMessageStartingWith("m.yaml:4: Member M1: unknown field 'colour'");
        assertThatThrownBy(() -> FactParser.parse(FactKind.ENTERPRISES, Map.of("id", "E1", "name", "x", "tier", "GROUP",
                "ownership", "HOLDING", "memberCount", "three"), null))
                .hasMessage("Enterprise E1: field 'memberCount': expected a number, got 5 characters");
        assertThatThrownBy(() -> FactParser.parse(FactKind.FEE_MANAGERS, Map.of("id", "F1", "orgId", "GZ", "cadreId", "C1",
                "official", "yes", "designatedOn", "2018-06-01"), null))
                .hasMessage("FeeManager F1: field 'official': expected true or false, got 'yes'");
        assertThatThrownBy(() -> FactParser.parse(FactKind.ACTIVITIES, Map.of("id", "A1", "orgId", "B1", "heldOn", "2018-06-20",
                "kind", "GRADUATE_THEME_DAY", "covers", "AWARENESS_EDUCATION;DANCING"), null))
                .hasMessageStartingWith("Activity A1: field 'covers': unknown value 'DANCING' (each one of AWARENESS_EDUCATION,");
    }

    private static Map<String, String> member(String field, String value) {
        Map<String, String> m = new java.util.HashMap<>(Map.of("id", "M1", "orgId", "B1"));
        m.put(field, value);
        return m;
    }

    @Test
    void messagesDoNotRepeatValuesThatCouldBePersonalData() {
        String identity = "00000000000000000X"; // shaped like an identity number, no one's
        String phoneLike = "99999999999"; // eleven digits, like a mobile number, no one's
        assertThatThrownBy(() -> FactParser.parse(FactKind.MEMBERS, member("joinedOn", identity), "members.csv:7"))
                .hasMessage("members.csv:7: Member M1: field 'joinedOn': expected a date yyyy-MM-dd, got 18 characters");
        assertThatThrownBy(() -> FactParser.parse(FactKind.MEMBERS, member("reportedAt", phoneLike), null))
                .hasMessage("Member M1: field 'reportedAt': expected a timestamp yyyy-MM-ddTHH:mm[:ss], got 11 characters");
        assertThatThrownBy(() -> FactParser.parse(FactKind.MEMBERS, member("graduationYear", phoneLike), null))
                .hasMessage("Member M1: field 'graduationYear': expected a number, got 11 characters");
        // an enum field repeats a short constant-like value only
        assertThatThrownBy(() -> FactParser.parse(FactKind.CADRES, Map.of("id", "K1", "orgId", "B1", "role", phoneLike), null))
                .hasMessageStartingWith("Cadre K1: field 'role': unknown value of 11 characters (one of SECRETARY,");
        assertThatThrownBy(() -> FactParser.parse(FactKind.CADRES, Map.of("id", "K1", "orgId", "B1", "role", "某某"), null))
                .hasMessageStartingWith("Cadre K1: field 'role': unknown value of 2 characters (one of SECRETARY,");
        assertThatThrownBy(() -> FactParser.parse(FactKind.FEE_MANAGERS, Map.of("id", "F1", "orgId", "GZ", "cadreId", "C1",
                "official", phoneLike, "designatedOn", "2018-06-01"), null))
                .hasMessage("FeeManager F1: field 'official': expected true or false, got 11 characters");
        // an id that looks like a phone or identity number is masked: its first two characters and its length
        assertThatThrownBy(() -> FactParser.parse(FactKind.MEMBERS, Map.of("id", identity), "members.csv:2"))
                .hasMessage("members.csv:2: Member 00…(18 characters): missing required field 'orgId'");
        assertThatThrownBy(() -> FactParser.parse(FactKind.MEMBERS, Map.of("id", "M1", "orgId", "B1", phoneLike, "x"), null))
                .hasMessageStartingWith("Member M1: unknown field '99…(11 characters)'");
    }

    @Test
    void controlCharactersAreRefusedInEveryField() {
        for (String bad : List.of("B1\u0000", "\u0000", "a\nb", "a\r", "\t", "x\u2028y", "\u007f", "\u0085")) {
            Map<String, String> m = new java.util.HashMap<>(Map.of("id", "M1", "orgId", bad));
            assertThatThrownBy(() -> FactParser.parse(FactKind.MEMBERS, m, "members.csv:3"))
                    .as(bad).hasMessageStartingWith("members.csv:3: Member M1: field 'orgId': control character U+")
                    .hasMessageContaining("not allowed in any field");
        }
        assertThatThrownBy(() -> FactParser.parse(FactKind.MEMBERS, Map.of("id", "M1\n", "orgId", "B1"), null))
                .hasMessage("Member M1: field 'id': control character U+000A at character 3 (control "
                        + "characters, tab and line breaks are not allowed in any field)");
        assertThatThrownBy(() -> FactParser.parse(FactKind.ACTIVITIES, Map.of("id", "A1", "orgId", "B1", "heldOn", "2018-06-20",
                "kind", "GRADUATE_THEME_DAY", "covers", List.of("AWARENESS_EDUCATION", "X\u0000")), null))
                .hasMessageStartingWith("Activity A1: field 'covers': control character U+0000 at character 2");
    }

    @Test
    void datesLieWithinTheLimitsAndNumbersAreNotNegative() {
        for (Map.Entry<String, String> e : Map.of("joinedOn", "+999999999-12-31", "reportedAt", "1899-12-31T23:59",
                "graduationYear", "2101").entrySet()) {
            assertThatThrownBy(() -> FactParser.parse(FactKind.MEMBERS, member(e.getKey(), e.getValue()), null))
                    .as(e.getKey()).hasMessageContaining("in the years 1900 to 2100, got one outside them");
        }
        assertThat(((Member) FactParser.parse(FactKind.MEMBERS, member("joinedOn", "1900-01-01"), null)).joinedOn())
                .isEqualTo(LocalDate.of(1900, 1, 1));
        assertThat(((Member) FactParser.parse(FactKind.MEMBERS, member("joinedOn", "2100-12-31"), null)).joinedOn())
                .isEqualTo(LocalDate.of(2100, 12, 31));
        FactParser.Limits narrow = new FactParser.Limits(2000, 2030);
        assertThatThrownBy(() -> FactParser.parse(FactKind.MEMBERS, member("joinedOn", "1999-12-31"), null, narrow))
                .hasMessage("Member M1: field 'joinedOn': expected a date yyyy-MM-dd in the years 2000 to 2030, got one outside them");
        assertThatThrownBy(() -> FactParser.parse(FactKind.FEE_PAYMENTS, Map.of("id", "P1", "memberId", "M1", "month", "3000-09",
                "paidOn", "2018-09-03", "channel", "ONLINE", "amountCents", "50"), null))
                .hasMessage("FeePayment P1: field 'month': expected a month yyyy-MM in the years 1900 to 2100, got one outside them");
        assertThatThrownBy(() -> FactParser.parse(FactKind.FEE_PAYMENTS, Map.of("id", "P1", "memberId", "M1", "month", "2018-09",
                "paidOn", "2018-09-03", "channel", "ONLINE", "amountCents", "-1"), "feePayments.csv:4"))
                .hasMessage("feePayments.csv:4: FeePayment P1: field 'amountCents': expected a number of 0 or more, got a negative one");
        assertThatThrownBy(() -> FactParser.parse(FactKind.SUBMISSIONS, Map.of("id", "S1", "orgId", "B1", "kind", "GRADUATE_COUNT",
                "submittedOn", "2018-06-01", "value", "-0.5"), null)).hasMessageContaining("0 or more");
        assertThatThrownBy(() -> FactParser.parse(FactKind.ENTERPRISES, Map.of("id", "E1", "name", "x", "tier", "GROUP",
                "ownership", "HOLDING", "memberCount", "-3"), null)).hasMessageContaining("0 or more");
        assertThat(((FeePayment) FactParser.parse(FactKind.FEE_PAYMENTS, Map.of("id", "P1", "memberId", "M1", "month", "2018-09",
                "paidOn", "2018-09-03", "channel", "ONLINE", "amountCents", "0"), null)).amountCents()).isZero();
    }
}

package org.lifeline.fact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.junit.jupiter.api.Test;

class FactSetTest {

    private static Organization org(String id, String parent, OrgType type) {
        return Organization.of(id, id, parent, type, Sector.REGIONAL);
    }

    @Test
    void aSoundTreeBuilds() {
        FactSet set = FactSet.of(List.of(org("GD", null, OrgType.PROVINCIAL_COMMITTEE),
                org("GZ", "GD", OrgType.CITY_COMMITTEE), Member.of("M1", "GZ")));
        assertThat(set.size()).isEqualTo(3);
        assertThat(set.all(Member.class)).containsExactly(Member.of("M1", "GZ"));
    }

    @Test
    void everyProblemIsReportedWithItsOrigin() {
        FactSet.Builder b = FactSet.builder()
                .add(org("GD", null, OrgType.PROVINCIAL_COMMITTEE), "organizations.csv:2")
                .add(org("GZ", "GD", OrgType.CITY_COMMITTEE), "organizations.csv:3")
                .add(org("GZ", "GD", OrgType.CITY_COMMITTEE), "organizations.csv:4")
                .add(org("X1", "NOPE", OrgType.BRANCH), "organizations.csv:5")
                .add(org("Y1", null, OrgType.BRANCH), "organizations.csv:6")
                .add(org("C1", "C2", OrgType.COMMITTEE), "organizations.csv:7")
                .add(org("C2", "C1", OrgType.COMMITTEE), "organizations.csv:8");
        FactException e = catchThrowableOfType(FactException.class, b::build);
        assertThat(e.problems()).containsExactly(
                "organizations.csv:4: Organization GZ: field 'id': duplicate id (first at organizations.csv:3)",
                "organizations.csv:5: Organization X1: field 'parentId': no organisation 'NOPE'",
                "organizations.csv:6: Organization Y1: field 'parentId' is missing; only the PROVINCIAL_COMMITTEE (团省委) may have no parent",
                "organizations.csv:7: Organization C1: field 'parentId': the tree has a cycle through 'C1'",
                "organizations.csv:8: Organization C2: field 'parentId': the tree has a cycle through 'C2'");
    }

    @Test
    void recordsRefuseMissingRequiredFields() {
        assertThatThrownBy(() -> Member.of("M1", null)).hasMessage("Member M1: missing required field 'orgId'");
    }
}

package org.lifeline.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.lifeline.engine.Evaluation;
import org.lifeline.engine.Lifeline;
import org.lifeline.fact.FactSet;
import org.lifeline.fact.OrgType;
import org.lifeline.fact.Organization;
import org.lifeline.fact.Sector;
import org.junit.jupiter.api.Test;

class ReportModelTest {

    @Test
    void anOrganisationsPathLeavesOutTheProvincialCommitteeAndEndsWithItself() {
        FactSet facts = FactSet.of(List.of(
                Organization.of("GD", "团省委", null, OrgType.PROVINCIAL_COMMITTEE, Sector.REGIONAL),
                Organization.of("C1", "甲市团委", "GD", OrgType.CITY_COMMITTEE, Sector.REGIONAL),
                Organization.of("B1", "示例团支部", "C1", OrgType.BRANCH, Sector.TWO_NEW)));
        Evaluation e = Lifeline.bundled().evaluate(facts, LocalDate.of(2018, 7, 1));
        ReportModel model = new ReportModel(e, facts, null);

        assertThat(model.orgPath("B1")).isEqualTo("甲市团委 / 示例团支部");
        assertThat(model.orgPath("GD")).isEqualTo("团省委");
        assertThat(model.orgPath("NOPE")).isEqualTo("NOPE");
        assertThat(ReportModel.TASKS_SHORT).containsKeys(0, 1, 12, 13, 14).hasSize(15);
    }

    @Test
    void anOrganisationsTopUnitIsItsAncestorBelowTheProvincialCommitteeAsTheEngineSaysToo() {
        FactSet facts = FactSet.of(List.of(
                Organization.of("GD", "团省委", null, OrgType.PROVINCIAL_COMMITTEE, Sector.REGIONAL),
                Organization.of("C1", "甲市团委", "GD", OrgType.CITY_COMMITTEE, Sector.REGIONAL),
                Organization.of("X1", "甲市示例县区团委", "C1", OrgType.COUNTY_COMMITTEE, Sector.REGIONAL),
                Organization.of("B1", "示例团支部", "X1", OrgType.BRANCH, Sector.TWO_NEW)));
        Evaluation e = Lifeline.bundled().evaluate(facts, LocalDate.of(2018, 7, 1));
        ReportModel model = new ReportModel(e, facts, null);

        assertThat(model.topUnitOf("B1")).isEqualTo("C1");
        assertThat(model.topUnitOf("C1")).isEqualTo("C1");
        assertThat(model.topUnitOf("GD")).isEmpty();
        assertThat(model.topUnitOf("NOPE")).isEmpty();
        assertThat(e.violations()).filteredOn(v -> v.subjectId().equals("B1")).isNotEmpty()
                .allSatisfy(v -> assertThat(model.topUnitOf(v.subjectId())).isEqualTo(v.topUnitId()));
    }
}

package org.lifeline.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lifeline.fact.Fact;
import org.lifeline.fact.FactSet;
import org.lifeline.fact.Member;
import org.lifeline.fact.OrgType;
import org.lifeline.fact.Organization;
import org.lifeline.fact.Sector;

class EvaluationTest {

    @TempDir
    Path dir;

    private static final String SCHOOL_RULE = """
            package rules;
            import org.lifeline.fact.*;
            import org.lifeline.calendar.Milestone;
            import org.lifeline.engine.Finding;

            rule "T05.MEMBER_NOT_REPORTED"
                @taskId("5") @severity("VIOLATION") @responsible("SCHOOL")
                @message("{subject}有{count}名团员未完成在线报到")
            when
                $m : Milestone( key == "T04" )
                Organization( type == OrgType.BRANCH, sector.isSchool(), $id : id )
                $ids : java.util.List( size > 0 ) from accumulate( Member( orgId == $id, reportedAt == null, $mid : id ), collectList( $mid ) )
            then
                insertLogical( Finding.of(drools, $id).at($m).members($ids) );
            end
            """;

    private static Organization org(String id, String parent, OrgType type, Sector sector, String region, boolean provincial) {
        return new Organization(id, id + "名称", parent, type, sector, null, region, provincial, null, null, null, null);
    }

    private List<Fact> schools() {
        return List.of(
                org("GD", null, OrgType.PROVINCIAL_COMMITTEE, Sector.REGIONAL, null, false),
                org("GZ", "GD", OrgType.CITY_COMMITTEE, Sector.REGIONAL, "广州", false),
                org("U1", "GD", OrgType.COMMITTEE, Sector.UNIVERSITY, "广州", true),
                org("U1F", "U1", OrgType.COMMITTEE, Sector.UNIVERSITY, "广州", true),
                org("U1B", "U1F", OrgType.BRANCH, Sector.UNIVERSITY, "广州", true),
                org("S1", "GD", OrgType.COMMITTEE, Sector.MIDDLE_SCHOOL, "广州", true),
                org("S1B", "S1", OrgType.BRANCH, Sector.MIDDLE_SCHOOL, "广州", true),
                org("L1", "GZ", OrgType.COMMITTEE, Sector.VOCATIONAL_SCHOOL, "广州", false),
                org("L1B", "L1", OrgType.BRANCH, Sector.VOCATIONAL_SCHOOL, "广州", false),
                Member.of("M3", "U1B"), Member.of("M1", "U1B"), Member.of("M2", "S1B"), Member.of("M4", "L1B"),
                new Member("M5", "L1B", null, null, LocalDateTime.of(2018, 6, 1, 10, 0), null, null, null, null, null),
                new Member("M6", "L1B", null, null, LocalDateTime.of(2018, 7, 2, 10, 0), null, null, null, null, null));
    }

    @Test
    void schoolTasksAreFollowedByTheSchoolDepartmentsOrTheCity() {
        TestRules.write(dir, Map.of("calendar.yaml", TestRules.CALENDAR, "t05.drl", SCHOOL_RULE, "liaison-groups.yaml", """
                groups:
                  1: {regions: [广州]}
                  3: {sectors: [MIDDLE_SCHOOL]}
                  6: {sectors: [UNIVERSITY]}
                """));
        Evaluation e = Lifeline.fromDirectory(dir).evaluate(FactSet.of(schools()), LocalDate.of(2018, 7, 1));
        assertThat(e.violations()).extracting(Violation::subjectId, Violation::topUnitId, Violation::responsible,
                Violation::responsibleName, Violation::liaisonGroup, Violation::memberIds).containsExactly(
                org.assertj.core.groups.Tuple.tuple("L1B", "GZ", "GZ", "GZ名称", 1, List.of("M4", "M6")),
                org.assertj.core.groups.Tuple.tuple("S1B", "S1", "DEPT_YOUNG_PIONEERS", "团省委少年部", 3, List.of("M2")),
                org.assertj.core.groups.Tuple.tuple("U1B", "U1", "DEPT_SCHOOLS", "团省委学校部", 6, List.of("M1", "M3")));
        assertThat(e.violations().get(0).message()).isEqualTo("L1B名称有2名团员未完成在线报到");
    }

    @Test
    void sameFactsAndDateGiveTheSameListInAnyInsertionOrder() {
        Lifeline lifeline = Lifeline.fromDirectory(TestRules.valid(dir));
        List<Fact> facts = new ArrayList<>();
        facts.add(Organization.of("GD", "团省委", null, OrgType.PROVINCIAL_COMMITTEE, Sector.REGIONAL));
        for (int i = 0; i < 50; i++) {
            facts.add(Organization.of("B" + i, "支部" + i, "GD", OrgType.BRANCH, Sector.REGIONAL));
        }
        Evaluation first = lifeline.evaluate(FactSet.of(facts), LocalDate.of(2018, 7, 1));
        Collections.shuffle(facts, new Random(7));
        Evaluation second = lifeline.evaluate(FactSet.of(facts), LocalDate.of(2018, 7, 1));
        assertThat(first.violations()).hasSize(50).isEqualTo(second.violations());
        assertThat(first.violations()).extracting(Violation::subjectId).isSorted();
        assertThat(first.countBySeverity()).containsEntry(Severity.VIOLATION, 50L);
    }
}

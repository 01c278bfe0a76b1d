package org.lifeline.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.lifeline.fact.Member;

class ScenarioTest {

    @Test
    void readsFactsExpectationsAndSteps() {
        Scenario s = Scenario.parse("""
                name: two members
                asOf: 2018-07-01
                facts:
                  members:
                    - {id: M1, orgId: B1}
                    - {id: M2, orgId: B1, joinedOn: 2018-01-02}
                expect:
                  violations: [{ruleId: T04.HOLLOW_BRANCH, subjectId: B2, memberIds: [M2, M1]}]
                  only: true
                steps:
                  - asOf: 2018-07-02
                    delete: {members: [M1]}
                    expect: {resolved: [{ruleId: T04.HOLLOW_BRANCH}]}
                """, "s.yaml");
        assertThat(s.name()).isEqualTo("two members");
        assertThat(s.asOf()).isEqualTo(LocalDate.of(2018, 7, 1));
        assertThat(s.facts()).hasSize(2).first().isEqualTo(Member.of("M1", "B1"));
        assertThat(s.expect().only()).isTrue();
        assertThat(s.expect().violations().get(0).where()).isEqualTo("s.yaml:8");
        assertThat(s.steps()).singleElement().satisfies(step -> {
            assertThat(step.delete()).containsExactly(new Scenario.Deletion(org.lifeline.fact.FactKind.MEMBERS, "M1"));
            assertThat(step.expect().resolved()).hasSize(1);
        });
    }

    @Test
    void readsWaiversAStepsReplacementAndWhatMustBecomeOfThem() {
        Scenario s = Scenario.parse("""
                asOf: 2018-07-15
                waivers:
                  - {id: W1, ruleId: T04.HOLLOW_BRANCH, subjectId: B1, reason: OTHER, reasonText: x, requestedBy: B1,
                     approvedBy: GZ, granted: 2018-07-01, expires: 2018-07-31}
                expect:
                  violations: [{ruleId: T04.HOLLOW_BRANCH, subjectId: B1, status: WAIVED, waiverId: W1}]
                  waivers: [{id: W1, state: APPLIED, expiringSoon: true}]
                steps:
                  - waivers: []
                    expect: {changed: [{subjectId: B1, status: OPEN, waiverId: null}]}
                  - asOf: 2018-07-16
                """, "s.yaml");
        assertThat(s.waivers().list()).singleElement().satisfies(w -> assertThat(w.expires()).isEqualTo(LocalDate.of(2018, 7, 31)));
        assertThat(s.expect().waivers()).containsExactly(new Scenario.WaiverExpected("W1",
                org.lifeline.waiver.WaiverStatus.State.APPLIED, true, "s.yaml:7"));
        assertThat(s.steps().get(0).waivers().list()).isEmpty();
        assertThat(s.steps().get(1).waivers()).as("unchanged").isNull();
    }

    @Test
    void aBadWaiverInAScenarioNamesTheFileAndTheLineOfItsList() {
        assertThatThrownBy(() -> Scenario.parse("""
                asOf: 2018-07-15
                waivers:
                  - {id: W1, ruleId: T04.HOLLOW_BRANCH, subjectId: B1, reason: OTHER, reasonText: x, requestedBy: B1,
                     approvedBy: GZ, granted: 2018-07-01}
                """, "s.yaml")).isInstanceOf(ScenarioException.class)
                .hasMessageStartingWith("s.yaml:3: waivers: 豁免 W1：缺少到期日");
        assertThatThrownBy(() -> Scenario.parse("""
                asOf: 2018-07-15
                expect:
                  waivers: [{id: W1, state: USED}]
                """, "s.yaml")).isInstanceOf(ScenarioException.class).hasMessageStartingWith("s.yaml:3: field 'state': one of");
    }

    @Test
    void errorsNameFileLineAndField() {
        assertThatThrownBy(() -> Scenario.parse("""
                asOf: 2018-07-01
                facts:
                  members:
                    - {id: M1, orgId: B1}
                    - {id: M2, orgId: B1, joinedOn: yesterday}
                """, "s.yaml")).isInstanceOf(ScenarioException.class)
                .hasMessage("s.yaml:5: Member M2: field 'joinedOn': expected a date yyyy-MM-dd, got 9 characters");
        assertThatThrownBy(() -> Scenario.parse("""
                asOf: 2018-07-01
                facts:
                  feePayments:
                    - {id: P1, memberId: M1, month: 2018-09, paidOn: '+999999999-12-31', channel: ONLINE, amountCents: 50}
                """, "s.yaml")).hasMessage("s.yaml:4: FeePayment P1: field 'paidOn': expected a date yyyy-MM-dd in the "
                + "years 1900 to 2100, got one outside them");
        assertThatThrownBy(() -> Scenario.parse("""
                asOf: 2018-07-01
                facts:
                  feePayments:
                    - {id: P1, memberId: M1, month: 2018-09, paidOn: 2018-09-01, channel: ONLINE, amountCents: -50}
                """, "s.yaml")).hasMessage("s.yaml:4: FeePayment P1: field 'amountCents': expected a number of 0 or more, "
                + "got a negative one");
        assertThatThrownBy(() -> Scenario.parse("""
                asOf: 2018-07-01
                facts:
                  people: []
                """, "s.yaml")).hasMessageStartingWith("s.yaml:3: unknown fact kind 'people'");
        assertThatThrownBy(() -> Scenario.parse("""
                asOf: 2018-07-01
                expect:
                  violations:
                    - {ruleId: T04.X, colour: red}
                """, "s.yaml")).hasMessageStartingWith("s.yaml:4: expect.violations: unknown violation field 'colour'");
        assertThatThrownBy(() -> Scenario.parse("name: x\n", "s.yaml")).hasMessage("s.yaml:1: missing required field 'asOf'");
        assertThatThrownBy(() -> Scenario.parse("asOf: [2018\n", "s.yaml")).hasMessageStartingWith("s.yaml:2: not valid YAML");
    }
}

package org.lifeline.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lifeline.fact.FactSet;
import org.lifeline.fact.Member;
import org.lifeline.fact.OrgType;
import org.lifeline.fact.Organization;
import org.lifeline.fact.Sector;
import org.lifeline.waiver.Waiver;
import org.lifeline.waiver.WaiverStatus;
import org.lifeline.waiver.Waivers;

/** Waivers through the engine: loading and checking them with file and line, applying them, what a result says. */
class WaiverEvaluationTest {

    @TempDir
    Path dir;

    private static final LocalDate JULY_15 = LocalDate.of(2018, 7, 15);

    private static String waiver(String id, String subject, String approvedBy, String granted, String expires) {
        return "  - {id: " + id + ", ruleId: T04.HOLLOW_BRANCH, subjectId: " + subject + ", reason: 组织待组建, reasonText: 秋季组建,\n"
                + "     requestedBy: " + subject + ", approvedBy: " + approvedBy + ", granted: " + granted + ", expires: " + expires + "}\n";
    }

    private static Organization org(String id, String parent, OrgType type) {
        return Organization.of(id, id + "名称", parent, type, Sector.REGIONAL);
    }

    private static FactSet province() {
        return FactSet.of(List.of(org("GD", null, OrgType.PROVINCIAL_COMMITTEE), org("GZ", "GD", OrgType.CITY_COMMITTEE),
                org("SZ", "GD", OrgType.CITY_COMMITTEE), org("B1", "GZ", OrgType.BRANCH), org("B2", "GZ", OrgType.BRANCH),
                Member.of("M1", "B1")));
    }

    private Path rules(String waivers) {
        TestRules.valid(dir);
        return TestRules.write(dir, Map.of("waivers.yaml", "waivers:\n" + waivers));
    }

    @Test
    void aWaiversFileBesideTheCalendarIsAppliedAndTheWaivedFindingKeepsItsFields() {
        Lifeline lifeline = Lifeline.fromDirectory(rules(waiver("W1", "B2", "GZ", "2018-07-01", "2018-07-31")));
        Evaluation e = lifeline.evaluate(province(), JULY_15);
        Violation v = e.ofRule("T04.HOLLOW_BRANCH").get(0);
        assertThat(v.status()).isEqualTo(Violation.Status.WAIVED);
        assertThat(v.waiverId()).isEqualTo("W1");
        assertThat(v.severity()).isEqualTo(Severity.VIOLATION);
        assertThat(v.deadline()).isEqualTo(LocalDate.of(2018, 6, 30));
        assertThat(e.waived()).containsExactly(v);
        assertThat(e.open()).isEmpty();
        assertThat(e.countBySeverity()).isEmpty();
        assertThat(e.status()).isEqualTo(Evaluation.Status.PASS);
        assertThat(e.waivers()).singleElement().satisfies(s -> {
            assertThat(s.state()).isEqualTo(WaiverStatus.State.APPLIED);
            assertThat(s.findings()).isEqualTo(1);
            assertThat(s.expiringSoon()).isFalse();
        });
    }

    @Test
    void withoutTheWaiverTheSameFindingIsOpenAndTheEvaluationFails() {
        Evaluation e = Lifeline.fromDirectory(TestRules.valid(dir)).evaluate(province(), JULY_15);
        assertThat(e.ofRule("T04.HOLLOW_BRANCH")).singleElement().satisfies(v -> {
            assertThat(v.status()).isEqualTo(Violation.Status.OPEN);
            assertThat(v.waiverId()).isNull();
        });
        assertThat(e.status()).isEqualTo(Evaluation.Status.FAIL);
        assertThat(e.waivers()).isEmpty();
    }

    @Test
    void aWarningAloneDoesNotFailAnEvaluation() {
        Evaluation e = Lifeline.fromDirectory(TestRules.valid(dir)).evaluate(province(), LocalDate.of(2018, 6, 28));
        assertThat(e.ofRule("T04.HOLLOW_BRANCH")).extracting(Violation::severity).containsExactly(Severity.WARNING);
        assertThat(e.status()).isEqualTo(Evaluation.Status.PASS);
    }

    @Test
    void validateRefusesBadWaiversWithFileAndLine() {
        Path rules = rules(waiver("W1", "B2", "GZ", "2018-07-01", "2018-07-31")
                + waiver("W1", "B2", "GZ", "2018-07-01", "2018-07-31")
                + waiver("W2", "B2", "GZ", "2018-07-01", "2018-06-30")
                + waiver("W3", "B2", "GZ", "2018-07-01", "2018-09-30")
                + waiver("W4", "B2", "GZ", "2018-07-01", "2018-07-31").replace("T04.HOLLOW_BRANCH", "T04.HOLOW"));
        TestRules.write(dir, Map.of("calendar.yaml", TestRules.CALENDAR + "  waiverMaxDays: 30\n"));
        List<RuleError> errors = Lifeline.validate(rules);
        assertThat(errors).extracting(RuleError::toString).containsExactly(
                rules.resolve("waivers.yaml") + ":4: 豁免编号重复 / duplicate waiver id W1 (also on line 2)",
                rules.resolve("waivers.yaml") + ":6: 豁免 W2：到期日早于批准日 / waiver W2: field 'expires' is before 'granted'",
                rules.resolve("waivers.yaml") + ":8: 豁免 W3：有效期超过规定的 30 天 / waiver W3: runs 91 days from 'granted' "
                        + "to 'expires', more than waiverMaxDays (30)",
                rules.resolve("waivers.yaml") + ":10: 豁免 W4：规则编号不存在 / waiver W4: field 'ruleId': no rule T04.HOLOW "
                        + "in the rule set");
        assertThat(errors.get(0).messageZh()).startsWith("豁免文件有误：豁免编号重复");
        assertThatThrownBy(() -> Lifeline.fromDirectory(rules)).isInstanceOf(RuleCompilationException.class);
    }

    @Test
    void withTheFactsAnApproverNotAboveTheSubjectAndAnUnknownSubjectAreRefused() {
        Lifeline lifeline = Lifeline.builder().rulesDirectory(TestRules.valid(dir))
                .waivers(TestRules.write(dir, Map.of("other.yaml", "waivers:\n" + waiver("W1", "B2", "SZ", "2018-07-01", "2018-07-31")
                        + waiver("W2", "B9", "GZ", "2018-07-01", "2018-07-31") + waiver("W3", "B2", "GD", "2018-07-01", "2018-07-31")))
                        .resolve("other.yaml")).build();
        assertThat(lifeline.checkWaivers(province())).extracting(RuleError::toString).containsExactly(
                dir.resolve("other.yaml") + ":2: 豁免 W1：审批单位不是该对象的上级组织 / waiver W1: field 'approvedBy': SZ does not sit "
                        + "above the subject B2 (an ancestor of its organisation, or the provincial office, must approve)",
                dir.resolve("other.yaml") + ":4: 豁免 W2：豁免对象不存在 / waiver W2: field 'subjectId': no organisation, member or "
                        + "enterprise B9 among the facts");
        Evaluation e = lifeline.evaluate(province(), JULY_15);
        assertThat(e.ofRule("T04.HOLLOW_BRANCH")).singleElement().extracting(Violation::waiverId).isEqualTo("W3");
        assertThat(e.waivers()).extracting(s -> s.waiver().id() + " " + s.state())
                .containsExactly("W1 INVALID", "W2 UNUSED", "W3 APPLIED");
        assertThat(e.waiversNeedingAttention()).extracting(s -> s.waiver().id()).containsExactly("W1", "W2");
    }

    @Test
    void aSecondProvincialCommitteeOutsideTheSubjectsTreeCannotApproveItsWaiver() {
        // a city's export adds an organisation of type 团省委 with no parent: it sits above nobody
        FactSet withFake = FactSet.of(List.of(org("GD", null, OrgType.PROVINCIAL_COMMITTEE),
                org("GZ", "GD", OrgType.CITY_COMMITTEE), org("B1", "GZ", OrgType.BRANCH), org("B2", "GZ", OrgType.BRANCH),
                Member.of("M1", "B1"), org("FAKE", null, OrgType.PROVINCIAL_COMMITTEE)));
        Lifeline lifeline = Lifeline.fromDirectory(rules(waiver("W1", "B2", "FAKE", "2018-07-01", "2018-07-31")));
        assertThat(lifeline.checkWaivers(withFake)).extracting(RuleError::toString).singleElement().asString()
                .contains("豁免 W1：审批单位不是该对象的上级组织");
        Evaluation e = lifeline.evaluate(withFake, JULY_15);
        assertThat(e.ofRule("T04.HOLLOW_BRANCH")).filteredOn(v -> v.subjectId().equals("B2")).singleElement()
                .extracting(Violation::status).isEqualTo(Violation.Status.OPEN);
        assertThat(e.waivers()).extracting(s -> s.waiver().id() + " " + s.state()).containsExactly("W1 INVALID");
    }

    @Test
    void aTaskWaiverForABranchDoesNotAlsoWaiveAnEnterpriseWithTheSameId() {
        String enterpriseRule = """
                package rules;
                import org.lifeline.fact.*;
                import org.lifeline.calendar.Milestone;
                import org.lifeline.engine.Finding;

                rule "T04.ENTERPRISE_WITHOUT_ORG"
                    @taskId("4") @severity("VIOLATION")
                    @description("企业未建团组织")
                    @message("{subject}未建团组织")
                    @messageEn("{subject} has no League organisation")
                when
                    $m : Milestone( key == "T04" )
                    Enterprise( leagueOrgId == null, $id : id )
                then
                    insertLogical( Finding.ofEnterprise(drools, $id).at($m) );
                end
                """;
        TestRules.valid(dir);
        Path rules = TestRules.write(dir, Map.of("t04e.drl", enterpriseRule, "waivers.yaml", "waivers:\n"
                + "  - {id: W1, task: 4, subjectId: B2, reason: 组织待组建, reasonText: 秋季组建, requestedBy: B2, approvedBy: GD,\n"
                + "     granted: 2018-07-01, expires: 2018-07-31}\n"));
        FactSet facts = FactSet.of(List.of(org("GD", null, OrgType.PROVINCIAL_COMMITTEE), org("GZ", "GD", OrgType.CITY_COMMITTEE),
                org("B1", "GZ", OrgType.BRANCH), org("B2", "GZ", OrgType.BRANCH), Member.of("M1", "B1"),
                org.lifeline.fact.Enterprise.builder("B2").name("企业").tier(org.lifeline.fact.EnterpriseTier.GROUP)
                        .ownership(org.lifeline.fact.Ownership.WHOLLY_OWNED).memberCount(0).build()));
        Evaluation e = Lifeline.fromDirectory(rules).evaluate(facts, JULY_15);
        assertThat(e.ofRule("T04.HOLLOW_BRANCH")).singleElement().extracting(Violation::status).isEqualTo(Violation.Status.WAIVED);
        assertThat(e.ofRule("T04.ENTERPRISE_WITHOUT_ORG")).singleElement().extracting(Violation::status)
                .isEqualTo(Violation.Status.OPEN);
    }

    @Test
    void theProvincialCommitteeMayApproveAWaiverOfItsOwnFinding() {
        Waiver own = new Waiver("W1", "T04.HOLLOW_BRANCH", null, "GD", Waiver.Reason.OTHER, "x", "GD", "GD",
                JULY_15, JULY_15, 0);
        assertThat(Waivers.approverProblem(own, "GD", id -> id.equals("GZ") ? "GD" : null, id -> true)).isNull();
    }

    @Test
    void coverageCountsEachRulesMatchesAndFindingsAndTellsARuleThatNeverFired() {
        Lifeline lifeline = Lifeline.fromDirectory(TestRules.valid(dir));
        Evaluation e = lifeline.evaluate(province(), JULY_15);
        assertThat(e.coverage()).singleElement().satisfies(c -> {
            assertThat(c.ruleId()).isEqualTo("T04.HOLLOW_BRANCH");
            assertThat(c.task()).isEqualTo(4);
            assertThat(c.matches()).isEqualTo(1);
            assertThat(c.fired()).isEqualTo(1);
            assertThat(c.violations()).isEqualTo(1);
            assertThat(c.neverFired()).isFalse();
        });
        Evaluation none = lifeline.evaluate(FactSet.of(List.of(org("GD", null, OrgType.PROVINCIAL_COMMITTEE))), JULY_15);
        assertThat(none.coverage()).singleElement().satisfies(c -> {
            assertThat(c.matches()).isZero();
            assertThat(c.neverFired()).isTrue();
        });
    }

    @Test
    void aViolationExplainsItselfByRuleFactIdsAndThresholdsWithoutNames() {
        Violation v = Lifeline.fromDirectory(TestRules.valid(dir)).evaluate(province(), JULY_15).ofRule("T04.HOLLOW_BRANCH").get(0);
        assertThat(v.explain()).isEqualTo("""
                规则 T04.HOLLOW_BRANCH（任务4，逾期未完成）：空心团支部
                涉及事实：Organization B2
                阈值：截止 2018-06-30
                Rule T04.HOLLOW_BRANCH (task 4, VIOLATION): B2名称 is hollow (due 2018-06-30); facts: Organization B2; \
                thresholds: deadline 2018-06-30""");
    }

    @Test
    void aWaiversFileAddedToAWatchedRulesDirectoryIsHeardAsChangedAndAnExpiryAsTheDateMoves() throws Exception {
        Path rules = TestRules.valid(dir);
        ViolationListener listener = org.mockito.Mockito.mock(ViolationListener.class);
        try (Monitor m = Lifeline.fromDirectory(rules).monitor(JULY_15, listener);
             RulesWatcher watcher = RulesWatcher.polling(rules, m, errors -> { })) {
            m.insertAll(province().stream().toList());
            assertThat(watcher.checkNow()).isTrue();
            TestRules.write(dir, Map.of("waivers.yaml", "waivers:\n" + waiver("W1", "B2", "GZ", "2018-07-01", "2018-07-31")));
            assertThat(watcher.checkNow()).isTrue();
            org.mockito.ArgumentCaptor<Violation> after = org.mockito.ArgumentCaptor.forClass(Violation.class);
            org.mockito.Mockito.verify(listener).changed(org.mockito.ArgumentMatchers.any(), after.capture());
            assertThat(after.getValue().waiverId()).isEqualTo("W1");
            m.setAsOf(LocalDate.of(2018, 8, 1));
            org.mockito.Mockito.verify(listener, org.mockito.Mockito.times(2)).changed(org.mockito.ArgumentMatchers.any(), after.capture());
            assertThat(after.getValue().status()).isEqualTo(Violation.Status.OPEN);
            assertThat(m.evaluation().waivers()).singleElement().extracting(WaiverStatus::state).isEqualTo(WaiverStatus.State.EXPIRED);
            org.mockito.Mockito.verify(listener, org.mockito.Mockito.never()).resolved(org.mockito.ArgumentMatchers.any());
        }
    }

    @Test
    void aMonitorWithoutAListenerIsRefusedAtTheCall() {
        Lifeline lifeline = Lifeline.fromDirectory(TestRules.valid(dir));
        assertThatThrownBy(() -> lifeline.monitor(JULY_15, null)).isInstanceOf(NullPointerException.class)
                .hasMessageStartingWith("listener: Lifeline.monitor needs a ViolationListener");
        assertThatThrownBy(() -> lifeline.monitor(null, new ViolationListener() {
            public void raised(Violation v) { }
            public void resolved(Violation v) { }
        })).isInstanceOf(NullPointerException.class).hasMessageStartingWith("asOf");
    }
}

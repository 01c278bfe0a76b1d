package org.lifeline.waiver;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WaiversTest {

    private static final String GOOD = """
            waivers:
              - id: W1
                ruleId: T04.HOLLOW_BRANCH
                subjectId: B1
                reason: 组织待组建
                reasonText: 秋季组建
                requestedBy: T1
                approvedBy: GZ
                granted: 2018-07-10
                expires: 2018-07-31
              - {id: W2, task: 4, subjectId: B2, reason: RESTRUCTURING, reasonText: 改制, requestedBy: T1, approvedBy: GD,
                 granted: 2018-07-10, expires: 2018-10-08}
            """;

    private static List<String> problems(String text) {
        return Waivers.parse(text, "waivers.yaml").problems().stream().map(Waivers.Problem::toString).toList();
    }

    @Test
    void aWellFormedFileGivesEveryWaiverWithItsLine() {
        Waivers w = Waivers.parse(GOOD, "waivers.yaml");
        assertThat(w.problems()).isEmpty();
        assertThat(w.list()).extracting(Waiver::id).containsExactly("W1", "W2");
        Waiver w1 = w.list().get(0);
        assertThat(w1.line()).isEqualTo(2);
        assertThat(w1.reason()).isEqualTo(Waiver.Reason.ORGANIZATION_PENDING);
        assertThat(w.list().get(1).reason()).isEqualTo(Waiver.Reason.RESTRUCTURING);
        assertThat(w.list().get(1).task()).isEqualTo(4);
        assertThat(w.list().get(1).line()).isEqualTo(11);
    }

    @Test
    void aWaiverAppliesFromTheDayGrantedToTheDayItExpiresBothIncluded() {
        Waiver w1 = Waivers.parse(GOOD, "waivers.yaml").list().get(0);
        assertThat(w1.appliesOn(LocalDate.of(2018, 7, 9))).isFalse();
        assertThat(w1.appliesOn(LocalDate.of(2018, 7, 10))).isTrue();
        assertThat(w1.appliesOn(LocalDate.of(2018, 7, 31))).isTrue();
        assertThat(w1.appliesOn(LocalDate.of(2018, 8, 1))).isFalse();
    }

    @Test
    void aTaskWaiverCoversEveryRuleOfItsTaskForItsSubjectOnly() {
        Waiver w2 = Waivers.parse(GOOD, "waivers.yaml").list().get(1);
        assertThat(w2.covers("T04.HOLLOW_BRANCH", 4, "B2")).isTrue();
        assertThat(w2.covers("T04.BRANCH_WITHOUT_SECRETARY", 4, "B2")).isTrue();
        assertThat(w2.covers("T05.X", 5, "B2")).isFalse();
        assertThat(w2.covers("T04.HOLLOW_BRANCH", 4, "B1")).isFalse();
    }

    @Test
    void aMissingExpiryIsRefusedWithItsLine() {
        assertThat(problems("""
                waivers:
                  - {id: W1, ruleId: T04.HOLLOW_BRANCH, subjectId: B1, reason: OTHER, reasonText: x, requestedBy: T1,
                     approvedBy: GZ, granted: 2018-07-10}
                """)).containsExactly("waivers.yaml:2: 豁免 W1：缺少到期日（豁免必须有到期日）/ waiver W1: missing field 'expires' "
                + "(every waiver must expire)");
    }

    @Test
    void anExpiryBeforeTheGrantIsRefused() {
        assertThat(problems(GOOD.replace("expires: 2018-07-31", "expires: 2018-07-09")))
                .containsExactly("waivers.yaml:2: 豁免 W1：到期日早于批准日 / waiver W1: field 'expires' is before 'granted'");
    }

    @Test
    void duplicateIdsAreRefusedNamingBothLines() {
        assertThat(problems(GOOD.replace("id: W2", "id: W1")))
                .containsExactly("waivers.yaml:11: 豁免编号重复 / duplicate waiver id W1 (also on line 2)");
    }

    @Test
    void malformedYamlIsRefusedWithItsLine() {
        assertThat(problems("waivers:\n  - {id: W1, ruleId: [\n")).singleElement().asString()
                .startsWith("waivers.yaml:3: 豁免文件不是有效的 YAML / not valid YAML");
    }

    @Test
    void unknownFieldsReasonsAndBadDatesAreRefusedWithoutEchoingValues() {
        List<String> p = problems(GOOD.replace("reason: 组织待组建", "reason: 随便").replace("granted: 2018-07-10\n", "granted: 2018-13-01\n")
                .replace("approvedBy: GZ\n", "approvedBy: GZ\n    approver: GZ\n"));
        assertThat(p).anySatisfy(s -> assertThat(s).startsWith("waivers.yaml:9: 豁免文件：未知字段 / unknown field 'approver'"));
        assertThat(p).anySatisfy(s -> assertThat(s).startsWith("waivers.yaml:2: 豁免 W1：原因类别不在规定范围内"));
        assertThat(p).anySatisfy(s -> assertThat(s).isEqualTo("waivers.yaml:2: 豁免 W1：日期格式须为 yyyy-MM-dd / waiver W1: "
                + "field 'granted': expected a date yyyy-MM-dd, got 10 characters"));
        assertThat(String.join("\n", p)).doesNotContain("随便").doesNotContain("2018-13-01");
    }

    @Test
    void aFieldGivenTwiceIsRefusedNotOverwritten() {
        assertThat(problems(GOOD.replace("subjectId: B1\n", "subjectId: B1\n    subjectId: B9\n")))
                .containsExactly("waivers.yaml:5: 豁免文件：字段 subjectId 重复 / field 'subjectId' given twice");
    }

    @Test
    void bothOrNeitherOfRuleIdAndTaskIsRefused() {
        assertThat(problems(GOOD.replace("ruleId: T04.HOLLOW_BRANCH\n", "ruleId: T04.HOLLOW_BRANCH\n    task: 4\n")))
                .containsExactly("waivers.yaml:2: 豁免 W1：须且只须给出 ruleId 或 task 之一 / waiver W1: give exactly one of 'ruleId' and 'task'");
    }

    @Test
    void againstTheRulesAnUnknownRuleOrTaskAndATooLongWaiverAreRefused() {
        Waivers w = Waivers.parse(GOOD.replace("T04.HOLLOW_BRANCH", "T04.HOLOW_BRANCH"), "waivers.yaml");
        assertThat(w.check(Set.of("T04.HOLLOW_BRANCH"), Set.of(5), 90)).extracting(Waivers.Problem::toString).containsExactly(
                "waivers.yaml:2: 豁免 W1：规则编号不存在 / waiver W1: field 'ruleId': no rule T04.HOLOW_BRANCH in the rule set",
                "waivers.yaml:11: 豁免 W2：任务号不存在 / waiver W2: field 'task': no rule of task 4 in the rule set");
        // W2 runs 90 days: allowed at 90, refused at 89
        assertThat(Waivers.parse(GOOD, "waivers.yaml").check(Set.of("T04.HOLLOW_BRANCH"), Set.of(4), 90)).isEmpty();
        assertThat(Waivers.parse(GOOD, "waivers.yaml").check(Set.of("T04.HOLLOW_BRANCH"), Set.of(4), 89))
                .extracting(Waivers.Problem::toString).containsExactly("waivers.yaml:11: 豁免 W2：有效期超过规定的 89 天 / "
                        + "waiver W2: runs 90 days from 'granted' to 'expires', more than waiverMaxDays (89)");
    }

    @Test
    void theApproverMustBeAnAncestorOfTheSubjectsOrganisationOrTheProvincialOffice() {
        Waiver w1 = Waivers.parse(GOOD, "waivers.yaml").list().get(0);
        java.util.Map<String, String> parent = new java.util.HashMap<>();
        parent.put("GZ", "GD");
        parent.put("SZ", "GD");
        parent.put("T1", "GZ");
        parent.put("B1", "T1");
        Set<String> orgs = Set.of("GD", "GZ", "SZ", "T1", "B1");
        assertThat(Waivers.approverProblem(w1, "B1", parent::get, orgs::contains)).isNull();
        assertThat(Waivers.approverProblem(new Waiver("W9", "T04.HOLLOW_BRANCH", null, "B1", Waiver.Reason.OTHER, "x", "T1",
                "GD", w1.granted(), w1.expires(), 0), "B1", parent::get, orgs::contains)).isNull();
        assertThat(Waivers.approverProblem(new Waiver("W9", "T04.HOLLOW_BRANCH", null, "B1", Waiver.Reason.OTHER, "x", "T1",
                "SZ", w1.granted(), w1.expires(), 0), "B1", parent::get, orgs::contains))
                .startsWith("豁免 W9：审批单位不是该对象的上级组织 / waiver W9: field 'approvedBy': SZ does not sit above the subject B1");
        assertThat(Waivers.approverProblem(new Waiver("W9", "T04.HOLLOW_BRANCH", null, "B1", Waiver.Reason.OTHER, "x", "T1",
                "B1", w1.granted(), w1.expires(), 0), "B1", parent::get, orgs::contains)).isNotNull();
        assertThat(Waivers.approverProblem(new Waiver("W9", "T04.HOLLOW_BRANCH", null, "B1", Waiver.Reason.OTHER, "x", "T1",
                "ZZ", w1.granted(), w1.expires(), 0), "B1", parent::get, orgs::contains))
                .startsWith("豁免 W9：审批单位不存在");
    }
}

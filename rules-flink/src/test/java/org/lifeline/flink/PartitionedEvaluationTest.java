package org.lifeline.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lifeline.engine.Evaluation;
import org.lifeline.engine.Violation;
import org.lifeline.fact.FactSet;
import org.lifeline.fact.Organization;

/**
 * The partitioning itself, without Flink: every top unit's key evaluated on its own, keeping the findings it owns,
 * finds together exactly what the engine finds on the whole fact set, field for field (and, merged, makes the
 * engine's whole evaluation, coverage counts included: {@link SameEvaluation}).
 */
class PartitionedEvaluationTest {

    @ParameterizedTest
    @ValueSource(strings = {"2018-06-25", "2018-07-31", "2018-10-31"})
    void theKeysTogetherFindWhatTheEngineFindsOnTheSample(String date) {
        LocalDate asOf = LocalDate.parse(date);
        FactSet facts = Fixtures.sample();
        Evaluation engine = Fixtures.RULES.evaluate(facts, asOf);

        assertThat(engine.violations()).isNotEmpty();
        SameEvaluation.assertSame(Fixtures.mergedByKeys(facts, asOf, Fixtures.RULES), engine);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2018-09-26", "2018-10-31"})
    void findingsAcrossCitiesAreFoundOnceWithTheWholeGroup(String date) {
        LocalDate asOf = LocalDate.parse(date);
        FactSet facts = Fixtures.crossUnit();
        Evaluation evaluation = Fixtures.RULES.evaluate(facts, asOf);
        List<Violation> engine = evaluation.violations();

        SameEvaluation.assertSame(Fixtures.mergedByKeys(facts, asOf, Fixtures.RULES), evaluation);
        // the cross-unit cases are really there, so the equality above covers them
        assertThat(find(engine, "A.DUPLICATE_PERSON", "MX1").topUnitId()).isEqualTo("C1");
        assertThat(find(engine, "A.DUPLICATE_MEMBER_NUMBER", "MX1").memberIds()).containsExactly("MX1", "MX3");
        assertThat(find(engine, "A.PROXY_PAYMENT", "MX1").relatedIds())
                .containsExactly("PX1", "PX2", "PX3", "PX4", "PX5");
        assertThat(find(engine, "T12.TRANSFER_IN_PENDING", "C2").relatedIds()).contains("TX1");
    }

    @Test
    void aFeeManagerNamingACadreOfAnotherCityCountsForItsOwnCity() {
        LocalDate asOf = LocalDate.parse("2018-07-31");
        FactSet facts = Fixtures.crossUnit();
        List<Violation> engine = Fixtures.RULES.evaluate(facts, asOf).violations();

        assertThat(Fixtures.byKeys(facts, asOf)).containsExactlyElementsOf(engine);
        // with the cadre of 广州, 惠州 has its two fee managers; without it, it would be reported
        assertThat(engine).noneMatch(v -> v.ruleId().equals("T13.FEE_MANAGERS_MISSING") && v.subjectId().equals("C5"));
        assertThat(Fixtures.RULES.evaluate(Fixtures.sample(), asOf).violations())
                .anyMatch(v -> v.ruleId().equals("T13.FEE_MANAGERS_MISSING") && v.subjectId().equals("C5"));
    }

    @Test
    void aGraduateWhoLeftForAnotherCityCountsForTheSchool() {
        LocalDate asOf = LocalDate.parse("2018-07-31");
        FactSet facts = Fixtures.crossUnit();
        List<FactRow> rows = Routing.route(facts, asOf);

        assertThat(rows.stream().filter(r -> r.kind.equals("members") && r.values[0].equals("MX7")).map(r -> r.key))
                .containsExactlyInAnyOrder("C2", "C1");
        assertThat(rows.stream().filter(r -> r.kind.equals("transfers") && r.values[0].equals("TX2")).map(r -> r.key))
                .containsExactlyInAnyOrder("C2", "C1");
    }

    @Test
    void aKeyHoldsItsOwnSubtreeAndThePathToTheRootNotTheWholeTree() {
        LocalDate asOf = LocalDate.parse("2018-07-31");
        FactSet facts = Fixtures.sample();
        List<FactRow> rows = Routing.route(facts, asOf);
        Map<String, Set<String>> orgKeys = keysByFact(rows, "organizations");
        int orgs = facts.all(Organization.class).size();

        // each organisation in its own top unit's key; 深圳's branch nowhere else, the root and the cities everywhere
        assertThat(orgKeys.get("C2-X0-T0-F")).containsExactly("C2");
        assertThat(orgKeys.get("C1")).contains("C1", "C2", "C5", Routing.ROOT_KEY);
        long keys = rows.stream().map(r -> r.key).distinct().count();
        assertThat(orgKeys.values().stream().filter(k -> k.size() == keys).count()).isLessThan(orgs / 10);
        assertThat(rows.stream().filter(r -> r.kind.equals("organizations")).count()).isLessThan(3L * orgs);
        // every fact goes somewhere
        assertThat(rows.stream().map(r -> r.kind + "/" + r.values[0]).distinct().count()).isEqualTo(facts.size());
    }

    @Test
    void theOrganisationsAKeysFactsNameInOtherCitiesGoThereWithTheirParents() {
        LocalDate asOf = LocalDate.parse("2018-10-31");
        FactSet facts = Fixtures.crossUnit();
        Map<String, Set<String>> orgKeys = keysByFact(Routing.route(facts, asOf), "organizations");
        List<Violation> engine = Fixtures.RULES.evaluate(facts, asOf).violations();

        // a misplaced member's work unit (floating-member branch, T02; new civil servants' branch, T03)
        assertThat(orgKeys.get("C1-X0-B1006")).containsExactlyInAnyOrder("C1", "C2");
        assertThat(orgKeys.get("C1-X0")).contains("C2");
        assertThat(orgKeys.get("C1-QY")).containsExactlyInAnyOrder("C1", "C2");
        assertThat(find(engine, "T02.MEMBER_MISPLACED", "C2-X0-T0-F").memberIds()).contains("MX8");
        assertThat(find(engine, "T03.MEMBER_MISPLACED", "C2-JG-N").memberIds()).contains("MX9");
        // a ledger entry's registered organisation, a transfer's sending branch, a graduate's school
        assertThat(orgKeys.get("C1-X0-B1052")).containsExactlyInAnyOrder("C1", "C2");
        assertThat(orgKeys.get("C1-JG-B4")).contains("C2");
        assertThat(orgKeys.get("C1-U-F0-B157")).contains("C2");
        assertThat(Fixtures.byKeys(facts, asOf)).containsExactlyElementsOf(engine);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2018-06-29", "2018-06-30", "2018-07-01", "2018-09-26"})
    void twoProvincesInOneInputAreKeyedByCityAndFindWhatTheEngineFinds(String date) {
        LocalDate asOf = LocalDate.parse(date);
        FactSet facts = Fixtures.twoProvinces();
        Evaluation evaluation = Fixtures.RULES.evaluate(facts, asOf);
        List<Violation> engine = evaluation.violations();
        List<FactRow> rows = Routing.route(facts, asOf);
        Set<String> keys = new TreeSet<>();
        rows.forEach(r -> keys.add(r.key));

        assertThat(keys).contains("C1", "P2-C1", "P-QY", "P2-P-QY", Routing.ROOT_KEY);
        assertThat(engine).anyMatch(v -> "P2-C1".equals(v.topUnitId())).anyMatch(v -> "C1".equals(v.topUnitId()));
        SameEvaluation.assertSame(Fixtures.mergedByKeys(facts, asOf, Fixtures.RULES), evaluation);
    }

    @Test
    void eachEnterpriseGoesToItsOwnProvincesCommitteeWithTheEnterprisesAboveIt() {
        LocalDate asOf = LocalDate.parse("2018-07-01");
        FactSet facts = Fixtures.twoProvinces();
        List<Violation> engine = Fixtures.RULES.evaluate(facts, asOf).violations();
        Map<String, Set<String>> enterpriseKeys = keysByFact(Routing.route(facts, asOf), "enterprises");

        // each province's registry to its own 省属企业团工委, not to every committee
        assertThat(enterpriseKeys.get("E0-0")).containsExactly("P-QY");
        assertThat(enterpriseKeys.get("P2-E0-0")).containsExactly("P2-P-QY");
        assertThat(find(engine, "T07.ENTERPRISE_WITHOUT_ORG", "E0-0").topUnitId()).isEqualTo("P-QY");
        assertThat(find(engine, "T07.ENTERPRISE_WITHOUT_ORG", "P2-E0-0").topUnitId()).isEqualTo("P2-P-QY");
        // a chain across provinces: the subsidiary in the second, its group (the first's) goes with it
        assertThat(enterpriseKeys.get("X-T")).containsExactly("P2-P-QY");
        assertThat(enterpriseKeys.get("X-U")).containsExactly("P2-P-QY");
        assertThat(enterpriseKeys.get("E0")).containsExactlyInAnyOrder("P-QY", "P2-P-QY");
        assertThat(find(engine, "T07.ENTERPRISE_ORG_MISAFFILIATED", "X-T").topUnitId()).isEqualTo("P2-P-QY");
        assertThat(find(engine, "T07.ENTERPRISE_WITHOUT_ORG", "X-U").topUnitId()).isEqualTo("P2-P-QY");
        // placed nowhere, or in a province without 省属企业团工委: the root's key
        assertThat(enterpriseKeys.get("X-G")).containsExactly(Routing.ROOT_KEY);
        assertThat(find(engine, "T07.ENTERPRISE_WITHOUT_ORG", "X-G").topUnitId()).isNull();
        assertThat(enterpriseKeys.get("X-Z")).containsExactly(Routing.ROOT_KEY);
        assertThat(enterpriseKeys.get("X-V")).containsExactlyInAnyOrder("P-QY", Routing.ROOT_KEY);
        assertThat(find(engine, "T07.ENTERPRISE_ORG_MISAFFILIATED", "X-V").topUnitId()).isEqualTo("P-QY");
        // the groups well affiliated in each province are not misaffiliated by the other's committee
        assertThat(engine).noneMatch(v -> v.ruleId().equals("T07.ENTERPRISE_ORG_MISAFFILIATED")
                && (v.subjectId().equals("E0") || v.subjectId().equals("P2-E0")));
        assertThat(Fixtures.byKeys(facts, asOf)).containsExactlyElementsOf(engine);
    }

    private static Map<String, Set<String>> keysByFact(List<FactRow> rows, String kind) {
        Map<String, Set<String>> out = new TreeMap<>();
        rows.stream().filter(r -> r.kind.equals(kind))
                .forEach(r -> out.computeIfAbsent(r.values[0], k -> new TreeSet<>()).add(r.key));
        return out;
    }

    private static Violation find(List<Violation> found, String ruleId, String subjectId) {
        return found.stream().filter(v -> v.ruleId().equals(ruleId) && v.subjectId().equals(subjectId)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + ruleId + " about " + subjectId));
    }
}

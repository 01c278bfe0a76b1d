package org.lifeline.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lifeline.engine.Evaluation;
import org.lifeline.engine.Lifeline;
import org.lifeline.engine.RuleCoverage;
import org.lifeline.engine.Severity;
import org.lifeline.fact.FactSet;
import org.lifeline.generator.NationalGenerator;
import org.lifeline.generator.ProvinceGenerator;
import org.lifeline.waiver.Waivers;
import org.lifeline.waiver.WaiverStatus;

/**
 * The keys' results merged (without Flink) make the engine's whole evaluation: the same violations, the spot-check
 * plan drawn over all keys with its cap per liaison group, the shares, failures, waivers and coverage (each match
 * counted by the one key that owns it), record for record.
 */
class MergedEvaluationTest {

    /** The bundled rules with the sample office's waivers (one applies, one expires soon). */
    static final Lifeline WITH_WAIVERS = Fixtures.RULES.withWaivers(Waivers.read(Fixtures.SAMPLE.resolve(Waivers.FILE)));

    @ParameterizedTest
    @ValueSource(strings = {"2018-07-31", "2018-09-26"})
    void theMergedKeysMakeTheEnginesEvaluationOfTheSample(String date) {
        LocalDate asOf = LocalDate.parse(date);
        FactSet facts = Fixtures.sample();
        Evaluation engine = WITH_WAIVERS.evaluate(facts, asOf);

        SameEvaluation.assertSame(Fixtures.mergedByKeys(facts, asOf, WITH_WAIVERS), engine);
        // the parts merged are really there
        assertThat(engine.spotCheckPlan().isEmpty()).isFalse();
        assertThat(engine.shares()).isNotEmpty();
        assertThat(engine.waivers()).isNotEmpty();
    }

    @Test
    void eachMatchIsCountedOnceByTheKeyThatOwnsItThoughSeveralKeysMakeIt() {
        LocalDate asOf = LocalDate.parse("2018-09-26");
        FactSet facts = Fixtures.sample();
        String rule = "T04.BRANCH_WITHOUT_SECRETARY";
        // every key counting every match it makes: a key also holds branches of other top units (those its members,
        // transfers and schools name), without their cadres
        long madeByTheKeys = 0;
        for (FactSet keyFacts : Fixtures.factsByKey(facts, asOf).values()) {
            madeByTheKeys += coverage(Fixtures.RULES.evaluate(keyFacts, asOf), rule).matches();
        }
        RuleCoverage engine = coverage(Fixtures.RULES.evaluate(facts, asOf), rule);
        RuleCoverage merged = coverage(Fixtures.mergedByKeys(facts, asOf, Fixtures.RULES), rule);

        assertThat(engine.matches()).isEqualTo(13);
        assertThat(engine.fired()).isEqualTo(13);
        assertThat(madeByTheKeys).as("the keys' matches summed").isGreaterThan(10 * engine.matches());
        assertThat(merged.matches()).isEqualTo(13);
        assertThat(merged.fired()).isEqualTo(13);
    }

    private static RuleCoverage coverage(Evaluation e, String ruleId) {
        return e.coverage().stream().filter(c -> c.ruleId().equals(ruleId)).findFirst().orElseThrow();
    }

    @Test
    void theSpotCheckPlanIsCappedPerLiaisonGroupOverAllKeys() {
        LocalDate asOf = LocalDate.parse("2018-09-26");
        FactSet facts = Fixtures.sample();
        Evaluation engine = WITH_WAIVERS.evaluate(facts, asOf);
        int perGroup = WITH_WAIVERS.calendar().spotCheckPerGroup();

        // a group's anomalies lie in several top units and the cap cuts the plan: a per-key plan would be longer
        assertThat(engine.spotCheckPlan().byGroup()).anySatisfy((group, calls) -> {
            assertThat(calls).hasSize(perGroup);
            assertThat(engine.open().stream().filter(v -> v.severity() == Severity.ANOMALY
                    && group.equals(v.liaisonGroup())).map(v -> v.topUnitId()).distinct().count()).isGreaterThan(1);
        });
        assertThat(Fixtures.mergedByKeys(facts, asOf, WITH_WAIVERS).spotCheckPlan()).isEqualTo(engine.spotCheckPlan());
    }

    @Test
    void theMergedKeysMakeTheEnginesEvaluationAcrossCities() {
        LocalDate asOf = LocalDate.parse("2018-10-31");
        FactSet facts = Fixtures.crossUnit();

        SameEvaluation.assertSame(Fixtures.mergedByKeys(facts, asOf, WITH_WAIVERS), WITH_WAIVERS.evaluate(facts, asOf));
    }

    @Test
    void theMergedKeysMakeTheEnginesEvaluationOfAGeneratedProvince() {
        LocalDate asOf = LocalDate.parse("2018-10-31");
        FactSet facts = FactSet.of(ProvinceGenerator.generate(0.002, 7));

        SameEvaluation.assertSame(Fixtures.mergedByKeys(facts, asOf, Fixtures.RULES), Fixtures.RULES.evaluate(facts, asOf));
    }

    @Test
    void theMergedKeysMakeTheEnginesEvaluationOfTwoGeneratedProvinces() {
        LocalDate asOf = LocalDate.parse("2018-10-31");
        FactSet facts = FactSet.of(NationalGenerator.generate(2, 0.002, 7));
        Evaluation engine = Fixtures.RULES.evaluate(facts, asOf);

        SameEvaluation.assertSame(Fixtures.mergedByKeys(facts, asOf, Fixtures.RULES), engine);
        // with their enterprises: each province's T07 findings name its own 省属企业团工委
        assertThat(engine.violations()).filteredOn(v -> v.task() == 7).extracting(v -> v.topUnitId())
                .containsOnly("P01-P-QY", "P02-P-QY").contains("P01-P-QY", "P02-P-QY");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2018-06-30", "2018-07-01"})
    void theMergedKeysMakeTheEnginesEvaluationOfTwoProvincesWithEnterprisesAcrossThem(String date) {
        LocalDate asOf = LocalDate.parse(date);
        FactSet facts = Fixtures.twoProvinces();

        SameEvaluation.assertSame(Fixtures.mergedByKeys(facts, asOf, WITH_WAIVERS), WITH_WAIVERS.evaluate(facts, asOf));
    }

    @Test
    void aWaiverIsDecidedOnceAndAppliedWhereItsSubjectIsOwned() {
        LocalDate asOf = LocalDate.parse("2018-09-26");
        Evaluation merged = Fixtures.mergedByKeys(Fixtures.sample(), asOf, WITH_WAIVERS);

        assertThat(merged.waivers()).extracting(s -> s.waiver().id()).doesNotHaveDuplicates()
                .containsExactlyElementsOf(WITH_WAIVERS.waivers().list().stream().map(w -> w.id()).toList());
        assertThat(merged.waivers()).anyMatch(s -> s.state() == WaiverStatus.State.APPLIED && s.findings() > 0);
    }

    /** The bundled rules, copied to {@code dir/lifeline}, with one more rule file. */
    static Path bundledRulesWith(Path dir, String file, String drl) throws IOException {
        Path rules = dir.resolve("lifeline");
        Path bundled = Path.of("..", "rules-definitions", "src", "main", "resources", "lifeline");
        try (Stream<Path> files = Files.walk(bundled)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Path to = rules.resolve(bundled.relativize(f).toString());
                Files.createDirectories(to.getParent());
                Files.copy(f, to);
            }
        }
        Files.writeString(rules.resolve("rules").resolve(file), drl);
        return rules;
    }

    /**
     * A rule whose conditions throw on one branch of 珠海 (C3) and hold for every other branch: the engine takes it
     * out of the whole evaluation.
     */
    static final String FAILS_ON_ONE_BRANCH = """
            package rules;
            import org.lifeline.fact.*;
            import org.lifeline.engine.Finding;

            rule "T04.NUMBERED_BRANCH"
                @taskId("4") @severity("VIOLATION") @message("{subject}")
            when
                Organization( type == OrgType.BRANCH, $id : id, Integer.parseInt( id == "C3-JG-B2237" ? name : "1" ) > 0 )
            then
                insertLogical( Finding.of(drools, $id) );
            end
            """;

    @Test
    void aRuleWhoseConditionsFailInOneKeyHasNoFindingsInAnyKeyAsInTheEngine(@TempDir Path dir) throws IOException {
        Lifeline fragile = Lifeline.fromDirectory(bundledRulesWith(dir, "fragile.drl", FAILS_ON_ONE_BRANCH));
        LocalDate asOf = LocalDate.parse("2018-09-26");
        FactSet facts = Fixtures.sample();
        Evaluation engine = fragile.evaluate(facts, asOf);

        assertThat(engine.failures()).singleElement().satisfies(f -> {
            assertThat(f.ruleId()).isEqualTo("T04.NUMBERED_BRANCH");
            assertThat(f.takenOut()).isTrue();
            assertThat(f.facts()).containsExactly("Organization C3-JG-B2237");
        });
        assertThat(engine.violations()).noneMatch(v -> v.ruleId().equals("T04.NUMBERED_BRANCH"));
        // the keys other than 珠海's ran the rule: merged as they are, its findings there would stay
        java.util.Map<String, java.util.List<FactRow>> byKey = new java.util.TreeMap<>();
        Routing.route(facts, asOf).forEach(r -> byKey.computeIfAbsent(r.key, k -> new java.util.ArrayList<>()).add(r));
        Evaluation once = KeyResults.merge(asOf, Fixtures.keyResults(byKey, asOf, fragile, java.util.Set.of()), java.util.List.of());
        assertThat(once.violations()).anyMatch(v -> v.ruleId().equals("T04.NUMBERED_BRANCH") && !"C3".equals(v.topUnitId()));

        SameEvaluation.assertSame(Fixtures.mergedByKeys(facts, asOf, fragile), engine);
    }

    @Test
    void aRuleThatFailsInAKeyIsReportedAsTheEngineReportsItAndTheRestStands(@TempDir Path dir) throws IOException {
        // expects a numeric name: throws on the one branch of 深圳 it looks at (held by every key, owned by C2)
        Path rules = bundledRulesWith(dir, "fragile.drl", """
                package rules;
                import org.lifeline.fact.*;
                import org.lifeline.engine.Finding;

                rule "T04.NUMBERED_BRANCH"
                    @taskId("4") @severity("VIOLATION") @message("{subject}")
                when
                    Organization( id == "C2-JG-B1137", $id : id, $name : name )
                then
                    insertLogical( Finding.of(drools, $id).detail( Integer.parseInt($name) ) );
                end
                """);
        Lifeline fragile = Lifeline.fromDirectory(rules);
        LocalDate asOf = LocalDate.parse("2018-09-26");
        FactSet facts = Fixtures.sample();
        Evaluation engine = fragile.evaluate(facts, asOf);

        assertThat(engine.failures()).singleElement().satisfies(f -> assertThat(f.ruleId()).isEqualTo("T04.NUMBERED_BRANCH"));
        assertThat(engine.status()).isEqualTo(Evaluation.Status.INCOMPLETE);
        SameEvaluation.assertSame(Fixtures.mergedByKeys(facts, asOf, fragile), engine);
    }
}

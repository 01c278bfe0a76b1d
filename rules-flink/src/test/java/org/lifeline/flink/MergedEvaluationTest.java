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
import org.lifeline.engine.Severity;
import org.lifeline.fact.FactSet;
import org.lifeline.generator.NationalGenerator;
import org.lifeline.generator.ProvinceGenerator;
import org.lifeline.waiver.Waivers;
import org.lifeline.waiver.WaiverStatus;

/**
 * The keys' results merged (without Flink) make the engine's whole evaluation: the same violations, the spot-check
 * plan drawn over all keys with its cap per liaison group, the shares, failures and waivers, record for record.
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

    @Test
    void aRuleThatFailsInAKeyIsReportedAsTheEngineReportsItAndTheRestStands(@TempDir Path dir) throws IOException {
        Path rules = dir.resolve("lifeline");
        Path bundled = Path.of("..", "rules-definitions", "src", "main", "resources", "lifeline");
        try (Stream<Path> files = Files.walk(bundled)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Path to = rules.resolve(bundled.relativize(f).toString());
                Files.createDirectories(to.getParent());
                Files.copy(f, to);
            }
        }
        // expects a numeric name: throws on the one branch of 深圳 it looks at (held by every key, owned by C2)
        Files.writeString(rules.resolve("rules").resolve("fragile.drl"), """
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

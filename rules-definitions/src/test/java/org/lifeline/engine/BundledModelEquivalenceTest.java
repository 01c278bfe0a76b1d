package org.lifeline.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.lifeline.fact.Fact;
import org.lifeline.fact.FactSet;
import org.lifeline.fact.Sector;
import org.lifeline.scenario.Scenario;
import org.lifeline.scenario.ScenarioTests;

/**
 * The bundled rules run as Drools' executable model, compiled at build time; {@code validate} and {@code --rules}
 * compile the same rule files the classic way (drools-mvel). Both must judge alike: every scenario, at its date and
 * after each of its steps, gives the same evaluation (violations field for field, failures, shares, spot-check
 * plan) on both. In package {@code org.lifeline.engine} to see which way a rule set was compiled.
 */
class BundledModelEquivalenceTest {

    private static final Path SCENARIOS = Path.of("src/test/resources/scenarios");
    /** The very rule files the bundled model was compiled from (the build copies them there and compiles them). */
    private static final Path RULE_FILES = Path.of("target/classes/lifeline");

    private static final Lifeline BUNDLED = Lifeline.bundled();
    private static final Lifeline CLASSIC = Lifeline.fromDirectory(RULE_FILES);
    private static final AtomicInteger VIOLATIONS_COMPARED = new AtomicInteger();

    @Test
    void theBundledRulesAreTheExecutableModelAndADirectoryIsCompiledTheClassicWay() {
        assertThat(BUNDLED.ruleSet().precompiled()).isTrue();
        assertThat(CLASSIC.ruleSet().precompiled()).isFalse();
        assertThat(BUNDLED.rulesVersion()).isEqualTo(CLASSIC.rulesVersion());
        assertThat(BUNDLED.ruleSet().allMeta()).isEqualTo(CLASSIC.ruleSet().allMeta());
        assertThat(BUNDLED.ruleIds()).hasSizeGreaterThan(30).isEqualTo(CLASSIC.ruleIds());
    }

    @TestFactory
    Stream<DynamicTest> everyScenarioEvaluatesAlikeOnTheExecutableModelAndTheClassicCompiler() {
        List<Path> files = ScenarioTests.scenarioFiles(SCENARIOS);
        assertThat(files).hasSizeGreaterThan(30);
        return files.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(),
                () -> assertSameEverywhere(Scenario.read(file), BUNDLED, CLASSIC)));
    }

    @AfterAll
    static void theComparisonsWereNotEmpty() {
        assertThat(VIOLATIONS_COMPARED.get()).as("violations compared over all scenarios").isGreaterThan(100);
    }

    @Test
    void onlyRulesKeepsTheSameRulesOfTheBundledModelAsOfTheClassicCompilation() {
        Predicate<String> tasks4And13 = id -> id.startsWith("T04.") || id.startsWith("T13.");
        Set<String> keep = BUNDLED.ruleSet().allMeta().keySet().stream().filter(tasks4And13).collect(Collectors.toSet());
        Lifeline bundled = Lifeline.builder().onlyRules(keep).build();
        Lifeline classic = Lifeline.builder().rulesDirectory(RULE_FILES).onlyRules(keep).build();

        assertThat(bundled.ruleSet().precompiled()).isTrue();
        assertThat(bundled.ruleSet().allMeta().keySet()).isEqualTo(keep);
        assertThat(bundled.ruleSet().kieBase().getKiePackages().stream().mapToInt(p -> p.getRules().size()).sum())
                .isEqualTo(keep.size());
        assertThat(bundled.ruleIds()).isEqualTo(classic.ruleIds());
        int before = VIOLATIONS_COMPARED.get();
        for (Path file : ScenarioTests.scenarioFiles(SCENARIOS)) {
            Scenario s = Scenario.read(file);
            if (file.getFileName().toString().startsWith("T04.") || file.getFileName().toString().startsWith("T13.")) {
                assertSameEverywhere(s, bundled, classic);
            }
        }
        assertThat(VIOLATIONS_COMPARED.get()).isGreaterThan(before);
    }

    @Test
    void aRuleTakenOutOfTheBundledModelLeavesItsKieBaseAndTheRestStays() {
        String out = BUNDLED.ruleIds().get(0);
        RuleSet reduced = BUNDLED.ruleSet().without(out);
        assertThat(reduced.precompiled()).isTrue();
        assertThat(reduced.allMeta()).doesNotContainKey(out).hasSize(BUNDLED.ruleSet().allMeta().size() - 1);
        assertThat(reduced.kieBase().getKiePackages().stream().flatMap(p -> p.getRules().stream())
                .map(org.kie.api.definition.rule.Rule::getName)).doesNotContain(out).hasSize(reduced.allMeta().size());
        assertThat(BUNDLED.ruleSet().allMeta()).containsKey(out);
    }

    @Test
    void aLiaisonTableGivenToTheBuilderReplacesTheBundledOne() {
        LiaisonTable table = new LiaisonTable(Map.of(), Map.of(Sector.UNIVERSITY, 7));
        Lifeline lifeline = Lifeline.builder().liaisonTable(table).build();
        assertThat(lifeline.ruleSet().precompiled()).isTrue();
        assertThat(lifeline.ruleSet().liaison()).isSameAs(table);
    }

    /** The scenario's facts at its date, then after each step (as a snapshot replay applies them), on both. */
    private static void assertSameEverywhere(Scenario s, Lifeline bundled, Lifeline classic) {
        Map<String, Fact> facts = s.factsByKey();
        LocalDate asOf = s.asOf();
        assertSame(s.file() + " as of " + asOf, FactSet.of(facts.values()), asOf, bundled, classic);
        for (Scenario.Step step : s.steps()) {
            if (step.asOf() != null) {
                asOf = step.asOf();
            }
            step.applyTo(facts);
            assertSame(s.file() + " after step '" + step.name() + "'", FactSet.of(facts.values()), asOf, bundled, classic);
        }
    }

    private static void assertSame(String where, FactSet facts, LocalDate asOf, Lifeline bundled, Lifeline classic) {
        Evaluation a = bundled.evaluate(facts, asOf);
        Evaluation b = classic.evaluate(facts, asOf);
        assertThat(new ArrayList<>(a.violations())).as(where + ": violations").isEqualTo(b.violations());
        assertThat(a.failures()).as(where + ": rule failures").isEqualTo(b.failures()).isEmpty();
        assertThat(a.shares()).as(where + ": shares").isEqualTo(b.shares());
        assertThat(a.spotCheckPlan()).as(where + ": spot-check plan").isEqualTo(b.spotCheckPlan());
        assertThat(a).as(where).isEqualTo(b);
        VIOLATIONS_COMPARED.addAndGet(a.violations().size());
    }
}

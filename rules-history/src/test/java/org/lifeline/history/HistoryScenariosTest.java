package org.lifeline.history;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.lifeline.engine.Lifeline;
import org.lifeline.scenario.Scenario;
import org.lifeline.scenario.ScenarioResult;

/** Every scenario under src/test/resources/scenarios ({@code history: true}), replayed with a history. */
class HistoryScenariosTest {

    private static final Lifeline LIFELINE = Lifeline.bundled();
    private static final Path DIR = Path.of("src/test/resources/scenarios");

    @TestFactory
    Stream<DynamicTest> scenarios() {
        HistoryScenarios runner = new HistoryScenarios(LIFELINE);
        return Scenario.filesIn(DIR).stream().map(file -> DynamicTest.dynamicTest(DIR.relativize(file).toString(),
                file.toUri(), () -> {
                    Scenario s = Scenario.read(file);
                    Assertions.assertTrue(s.history(), file + ": a history scenario says history: true");
                    ScenarioResult r = runner.run(s);
                    if (!r.passed()) {
                        Assertions.fail(r.report());
                    }
                }));
    }

    @Test
    void theCoreRunnerRefusesAHistoryScenario() {
        Scenario s = Scenario.read(DIR.resolve("A.SUDDEN_JUMP.yaml"));
        ScenarioResult r = new org.lifeline.scenario.ScenarioRunner(LIFELINE).run(s, org.lifeline.scenario.ScenarioRunner.Mode.SNAPSHOT);
        Assertions.assertFalse(r.passed());
        Assertions.assertTrue(r.report().contains("HistoryScenarios"), r.report());
    }
}

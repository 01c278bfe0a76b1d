package org.lifeline.rules;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import org.lifeline.engine.Lifeline;
import org.lifeline.scenario.ScenarioTests;

/** Every scenario under src/test/resources/scenarios, replayed as a snapshot and live. */
class RuleScenariosTest {

    private static final Lifeline LIFELINE = Lifeline.bundled();

    @TestFactory
    Stream<DynamicNode> scenarios() {
        return ScenarioTests.inDirectory(LIFELINE, Path.of("src/test/resources/scenarios"));
    }
}

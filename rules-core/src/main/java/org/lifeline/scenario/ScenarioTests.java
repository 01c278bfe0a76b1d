package org.lifeline.scenario;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.lifeline.engine.Lifeline;

/**
 * JUnit 5 helper: every {@code .yaml} scenario under a folder becomes a container of two dynamic tests,
 * snapshot and live. In a test class:
 *
 * <pre>{@code
 * @TestFactory
 * Stream<DynamicNode> scenarios() {
 *     return ScenarioTests.inDirectory(Lifeline.bundled(), Path.of("src/test/resources/scenarios"));
 * }
 * }</pre>
 *
 * A folder with no scenario fails, so that a misplaced folder cannot pass silently.
 */
public final class ScenarioTests {

    private ScenarioTests() {
    }

    /** A container per scenario file (an unreadable file becomes one failing test), each with a snapshot and a live test. */
    public static Stream<DynamicNode> inDirectory(Lifeline lifeline, Path dir) {
        List<Path> files = scenarioFiles(dir);
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no scenario files (*.yaml) under " + dir.toAbsolutePath());
        }
        ScenarioRunner runner = new ScenarioRunner(lifeline);
        return files.stream().map(file -> {
            Scenario s;
            try {
                s = Scenario.read(file);
            } catch (ScenarioException e) {
                return DynamicTest.dynamicTest(dir.relativize(file) + ": unreadable", file.toUri(),
                        () -> Assertions.fail(e.getMessage()));
            }
            return DynamicContainer.dynamicContainer(dir.relativize(file) + ": " + s.name(), file.toUri(),
                    Stream.of(ScenarioRunner.Mode.values()).map(mode -> DynamicTest.dynamicTest(
                            mode.name().toLowerCase(), file.toUri(), () -> {
                                ScenarioResult r = runner.run(s, mode);
                                if (!r.passed()) {
                                    Assertions.fail(r.report());
                                }
                            })));
        });
    }

    /** The scenario files under a folder, or the file itself, sorted. */
    public static List<Path> scenarioFiles(Path dirOrFile) {
        return Scenario.filesIn(dirOrFile);
    }
}

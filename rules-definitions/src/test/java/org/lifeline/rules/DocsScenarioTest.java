package org.lifeline.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lifeline.engine.Lifeline;
import org.lifeline.scenario.Scenario;
import org.lifeline.scenario.ScenarioResult;
import org.lifeline.scenario.ScenarioRunner;

/** The complete example of {@code docs/scenarios.md} is a scenario that passes, as a snapshot and live. */
class DocsScenarioTest {

    @Test
    void theExampleOfDocsScenariosMdPassesAsSnapshotAndLive() throws IOException {
        List<String> doc = Files.readAllLines(Path.of("../docs/scenarios.md"), StandardCharsets.UTF_8);
        int open = doc.indexOf("```yaml");
        int close = doc.subList(open + 1, doc.size()).indexOf("```") + open + 1;
        assertThat(open).as("a yaml block").isNotNegative();
        Scenario example = Scenario.parse(String.join("\n", doc.subList(open + 1, close)), "docs/scenarios.md");
        assertThat(example.steps()).hasSize(5);
        ScenarioRunner runner = new ScenarioRunner(Lifeline.bundled());
        for (ScenarioRunner.Mode mode : ScenarioRunner.Mode.values()) {
            ScenarioResult r = runner.run(example, mode);
            assertThat(r.passed()).as(r.report()).isTrue();
        }
    }
}

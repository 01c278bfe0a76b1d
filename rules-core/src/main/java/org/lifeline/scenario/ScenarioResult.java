package org.lifeline.scenario;

import java.util.List;

/** The outcome of replaying one scenario in one mode: every expectation that failed, readable. */
public record ScenarioResult(String scenario, String file, ScenarioRunner.Mode mode, List<String> failures) {

    public ScenarioResult {
        failures = List.copyOf(failures);
    }

    public boolean passed() {
        return failures.isEmpty();
    }

    /** A multi-line report: the scenario, the mode, and each failure. */
    public String report() {
        StringBuilder sb = new StringBuilder();
        sb.append(passed() ? "PASS " : "FAIL ").append(scenario).append(" [").append(mode.name().toLowerCase())
                .append("] ").append(file);
        for (String f : failures) {
            sb.append("\n  - ").append(f.replace("\n", "\n    "));
        }
        return sb.toString();
    }
}

package org.lifeline.engine;

import java.util.List;

/**
 * A rule whose consequence threw: the evaluation went on without that one firing. Reported with the rule id, the
 * facts it had matched and the error, so that the rule (or the data it did not expect) can be fixed.
 */
public record RuleFailure(String ruleId, List<String> facts, String error) {

    public RuleFailure {
        facts = List.copyOf(facts);
    }
}

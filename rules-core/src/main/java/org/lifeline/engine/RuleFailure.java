package org.lifeline.engine;

import java.util.List;

/**
 * A rule that failed: its consequence threw (the evaluation went on without that one firing), its conditions
 * threw (the rule was taken out), or it did not finish ({@link EvaluationStoppedException}). Reported with the rule
 * id (null when no rule was running), the facts it had matched, named by kind and id only ({@code Member M123},
 * never the fact's fields, which hold personal data), and the error, with the matched facts' field values
 * replaced by the field's name ({@code For input string: "<Member.memberNumber>"}).
 */
public record RuleFailure(String ruleId, List<String> facts, String error) {

    public RuleFailure {
        facts = List.copyOf(facts);
    }
}

package org.lifeline.engine;

import java.util.List;

/**
 * A rule that failed: its consequence threw (the evaluation went on without that one firing), its conditions
 * threw (the rule was taken out), or it did not finish ({@link EvaluationStoppedException}). Reported with the rule
 * id (null when no rule was running), the facts it had matched, named by kind and id only ({@code Member M123},
 * never the fact's fields, which hold personal data), and the error, with the matched facts' field values
 * replaced by the field's name ({@code For input string: "<Member.memberNumber>"}).
 *
 * @param takenOut true when the rule was taken out of the evaluation (its conditions threw, or its consequence
 *                 crashed the session): it has no findings, shares or counts at all, not only none on the facts it
 *                 failed on. A host that evaluates parts of its facts apart must take it out of every part
 *                 ({@link Lifeline#without}).
 */
public record RuleFailure(String ruleId, List<String> facts, String error, boolean takenOut) {

    public RuleFailure {
        facts = List.copyOf(facts);
    }

    /** A failure of a rule that stayed in the evaluation (its consequence threw; the other firings stand). */
    public RuleFailure(String ruleId, List<String> facts, String error) {
        this(ruleId, facts, error, false);
    }

    /** The same failure, of a rule taken out of the evaluation. */
    RuleFailure asTakenOut() {
        return new RuleFailure(ruleId, facts, error, true);
    }
}

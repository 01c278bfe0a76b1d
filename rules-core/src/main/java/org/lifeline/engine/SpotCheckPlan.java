package org.lifeline.engine;

import java.util.List;
import java.util.Map;

/**
 * The office's spot-check plan: for each liaison group (0 = no group found), the members to phone, with the
 * organisation that holds them and the anomaly that put them on the list.
 */
public record SpotCheckPlan(Map<Integer, List<Call>> byGroup) {

    public SpotCheckPlan {
        byGroup = Map.copyOf(byGroup);
    }

    /** One member to phone. */
    public record Call(String memberId, String orgId, String orgName, String ruleId, String subjectId, String reason) {
    }

    /**
     * The notice's seeded spot-check draw, for findings made outside the rules (the history module's sudden jumps):
     * up to {@code size} of the candidates, the same for the same ids, rule and subject, sorted by id.
     */
    public static List<String> draw(List<String> candidates, int size, long seed, String ruleId, String subjectId) {
        return SpotCheck.draw(List.copyOf(candidates), size, seed, ruleId, subjectId);
    }

    /** Every call, group by group. */
    public List<Call> all() {
        return byGroup.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .flatMap(e -> e.getValue().stream()).toList();
    }

    public boolean isEmpty() {
        return byGroup.isEmpty();
    }
}

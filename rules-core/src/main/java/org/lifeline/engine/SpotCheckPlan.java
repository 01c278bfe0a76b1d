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

    /** Every call, group by group. */
    public List<Call> all() {
        return byGroup.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .flatMap(e -> e.getValue().stream()).toList();
    }

    public boolean isEmpty() {
        return byGroup.isEmpty();
    }
}

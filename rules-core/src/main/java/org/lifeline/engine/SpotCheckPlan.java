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

    /**
     * The plan the engine draws from an evaluation's open violations, for a caller that assembles an evaluation
     * from parts (a partitioned run merging its keys' findings): per liaison group, the members named by the open
     * anomalies, taken in turn (one member of each anomaly in {@link Violation#ORDER}, then a second of each…), at
     * most {@code perGroup} calls per group ({@link org.lifeline.calendar.CampaignCalendar#spotCheckPerGroup()}),
     * each member once. The engine draws its own plan with this function.
     *
     * @param open        the open violations, in {@link Violation#ORDER}
     * @param orgOfMember a member id's organisation id, or null when the member is unknown
     * @param orgName     an organisation id's name, or null when unknown
     */
    public static SpotCheckPlan of(List<Violation> open, int perGroup, java.util.function.Function<String, String> orgOfMember,
                                   java.util.function.Function<String, String> orgName) {
        return SpotCheck.plan(open, perGroup, orgOfMember, orgName);
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

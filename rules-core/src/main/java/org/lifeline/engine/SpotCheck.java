package org.lifeline.engine;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The notice's spot check (直接联系该团组织的团员进行抽查核实): which members the office phones.
 *
 * <p><b>The draw.</b> Each member concerned by an anomaly gets a score: a 64-bit hash of the seed, the rule id,
 * the subject id and the member id. The members with the lowest scores are drawn. So the draw is the same for the
 * same facts whatever their order (it depends on ids only), differs from one organisation or rule to another (the
 * subject is in the hash), gives every member concerned the same chance (the hash is uniform and knows nothing of
 * dates, order or names), and is drawn only from the members the rule found concerned. Changing the seed setting
 * draws others.
 */
final class SpotCheck {

    private SpotCheck() {
    }

    /** Up to {@code size} of the candidates, by the seeded draw, sorted by id. */
    static List<String> draw(List<String> candidates, int size, long seed, String ruleId, String subjectId) {
        if (candidates.size() <= size) {
            return candidates;
        }
        long base = mix(seed ^ hash(ruleId) * 31 ^ hash(subjectId));
        List<String> drawn = new ArrayList<>(candidates);
        drawn.sort(Comparator.comparingLong((String id) -> mix(base ^ hash(id))).thenComparing(Comparator.naturalOrder()));
        List<String> out = new ArrayList<>(drawn.subList(0, size));
        out.sort(null);
        return List.copyOf(out);
    }

    /**
     * The plan: per liaison group, the members to phone, taking anomalies in turn (one member of each anomaly,
     * then a second of each…), at most {@code perGroup} calls per group, each member once.
     */
    static SpotCheckPlan plan(List<Violation> violations, int perGroup, Function<String, String> orgOfMember,
                              Function<String, String> orgName) {
        Map<Integer, List<Violation>> byGroup = new TreeMap<>();
        for (Violation v : violations) {
            if (v.severity() == Severity.ANOMALY && !v.memberIds().isEmpty()) {
                byGroup.computeIfAbsent(v.liaisonGroup() == null ? 0 : v.liaisonGroup(), g -> new ArrayList<>()).add(v);
            }
        }
        Map<Integer, List<SpotCheckPlan.Call>> calls = new LinkedHashMap<>();
        byGroup.forEach((group, anomalies) -> {
            List<SpotCheckPlan.Call> list = new ArrayList<>();
            Set<String> called = new LinkedHashSet<>();
            int maxRound = anomalies.stream().mapToInt(v -> v.memberIds().size()).max().orElse(0);
            for (int round = 0; round < maxRound && list.size() < perGroup; round++) {
                for (Violation v : anomalies) {
                    if (round < v.memberIds().size() && list.size() < perGroup) {
                        String memberId = v.memberIds().get(round);
                        if (called.add(memberId)) {
                            String orgId = orgOfMember.apply(memberId);
                            list.add(new SpotCheckPlan.Call(memberId, orgId, orgId == null ? null : orgName.apply(orgId),
                                    v.ruleId(), v.subjectId(), v.message()));
                        }
                    }
                }
            }
            calls.put(group, List.copyOf(list));
        });
        return new SpotCheckPlan(calls);
    }

    private static long hash(String s) {
        long h = 1125899906842597L;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h = 31 * h + b;
        }
        return h;
    }

    /** SplitMix64's finaliser: spreads the bits of a 64-bit value. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}

package org.lifeline.flink;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.lifeline.engine.Evaluation;
import org.lifeline.engine.RuleCoverage;
import org.lifeline.engine.RuleFailure;
import org.lifeline.engine.Share;
import org.lifeline.engine.SpotCheckPlan;
import org.lifeline.engine.Violation;
import org.lifeline.waiver.Waiver;
import org.lifeline.waiver.WaiverStatus;

/**
 * The keys' results merged into one {@link Evaluation}, equal to {@link org.lifeline.engine.Lifeline#evaluate} on the
 * same facts (rules-flink/README.md, "The merged evaluation"):
 *
 * <ul>
 *   <li>violations: every key's owned findings, in {@link Violation#ORDER};</li>
 *   <li>the spot-check plan: drawn again over all the open anomalies by the engine's own function
 *       ({@link SpotCheckPlan#of}): its cap per liaison group spans the keys;</li>
 *   <li>shares: every key's owned shares, in the engine's order (key, subject, month);</li>
 *   <li>failures: every key's, each distinct failure once, key by key (the engine lists them in the order they
 *       happened); a rule a key took out ({@link RuleFailure#takenOut()}) is taken out of every key, and the keys
 *       evaluated again ({@link #evaluate}), as the engine evaluates again without it;</li>
 *   <li>waivers: decided once per waiver, in file order: not yet granted or expired as every key says; else
 *       APPLIED with the merged findings it waived; else INVALID if a key found its approver wrong; else UNUSED
 *       (without a problem when any key holds its subject, with "no such subject" when none does);</li>
 *   <li>coverage: per rule, the findings (open, waived) counted on the merged violations and failed as any key or
 *       the merged failures say; matches and fired summed over the keys, each of which counted only the matches
 *       it owns ({@link OwnedMatches}: those whose first object lying in a top unit lies in the key's), so each of
 *       the engine's matches is counted once and no key adds one the engine does not make.</li>
 * </ul>
 */
final class KeyResults {

    private KeyResults() {
    }

    /**
     * The evaluation of the keys as the engine makes it when a rule's conditions fail: a key that took a rule out
     * ({@link RuleFailure#takenOut()}) has none of its findings, but the other keys ran it; the engine, evaluating
     * again without the rule, has none of its findings, shares or counts anywhere, nor those of the rules that read
     * what it derives. So, as the engine does, the keys are evaluated again with every rule a key took out taken out
     * of all of them, until no key takes out another, and merged with those failures first.
     *
     * @param evaluateKeys every key's result with the given rules taken out of every key (a run of the job)
     */
    static Evaluation evaluate(LocalDate asOf, List<Waiver> waivers,
                               java.util.function.Function<Set<String>, List<KeyResult>> evaluateKeys) {
        Set<String> without = new java.util.TreeSet<>();
        List<RuleFailure> takenOut = new ArrayList<>();
        while (true) {
            List<KeyResult> parts = new ArrayList<>(evaluateKeys.apply(Set.copyOf(without)));
            parts.sort(Comparator.comparing(p -> p.key));
            List<RuleFailure> now = new ArrayList<>();
            for (KeyResult p : parts) {
                for (KeyResult.FailureRow f : p.failures) {
                    if (f.takenOut && !without.contains(f.ruleId)) {
                        without.add(f.ruleId); // the first key's failure of the rule, as the engine reports one
                        now.add(f.failure());
                    }
                }
            }
            if (now.isEmpty()) {
                return merge(asOf, parts, waivers, takenOut);
            }
            takenOut.addAll(now);
        }
    }

    static Evaluation merge(LocalDate asOf, List<KeyResult> results, List<Waiver> waivers) {
        return merge(asOf, results, waivers, List.of());
    }

    /** The merge, with the failures of the rules taken out of every key before these results (reported first). */
    private static Evaluation merge(LocalDate asOf, List<KeyResult> results, List<Waiver> waivers,
                                    List<RuleFailure> takenOut) {
        List<KeyResult> parts = new ArrayList<>(results);
        parts.sort(Comparator.comparing(p -> p.key));
        Set<String> versions = new java.util.TreeSet<>();
        parts.forEach(p -> versions.add(p.rulesVersion));
        if (versions.size() > 1) {
            throw new IllegalStateException("the keys evaluated different rule sets: " + versions);
        }

        List<Violation> violations = new ArrayList<>();
        List<Share> shares = new ArrayList<>();
        Set<RuleFailure> failures = new LinkedHashSet<>(takenOut);
        Map<String, KeyResult.PlacementRow> placed = new HashMap<>();
        Map<String, String> orgNames = new HashMap<>();
        for (KeyResult p : parts) {
            for (ViolationRow r : p.violations) {
                violations.add(r.violation());
            }
            for (KeyResult.ShareRow s : p.shares) {
                shares.add(s.share());
            }
            for (KeyResult.FailureRow f : p.failures) {
                failures.add(f.failure());
            }
            for (KeyResult.PlacementRow r : p.placements) {
                placed.putIfAbsent(r.memberId, r);
                if (r.orgId != null && r.orgName != null) {
                    orgNames.putIfAbsent(r.orgId, r.orgName);
                }
            }
        }
        violations.sort(Violation.ORDER);
        shares.sort(Comparator.comparing(Share::key).thenComparing(Share::subjectId)
                .thenComparing(Share::month, Comparator.nullsFirst(Comparator.naturalOrder())));
        List<Violation> open = violations.stream().filter(Violation::open).toList();
        int perGroup = parts.isEmpty() ? 0 : parts.get(0).spotCheckPerGroup;
        SpotCheckPlan plan = SpotCheckPlan.of(open, perGroup, id -> {
            KeyResult.PlacementRow r = placed.get(id);
            return r == null ? null : r.orgId;
        }, orgNames::get);
        List<RuleFailure> failed = List.copyOf(failures);
        return new Evaluation(asOf, parts.isEmpty() ? null : parts.get(0).rulesVersion, violations, plan, failed,
                shares, RuleCoverage.withTakenOut(coverage(parts, violations, failed), takenOut),
                waivers(parts, violations, waivers));
    }

    private static List<RuleCoverage> coverage(List<KeyResult> parts, List<Violation> violations,
                                               List<RuleFailure> failures) {
        Map<String, int[]> found = new HashMap<>();
        for (Violation v : violations) {
            found.computeIfAbsent(v.ruleId(), k -> new int[2])[v.open() ? 0 : 1]++;
        }
        Set<String> failed = new java.util.HashSet<>();
        failures.forEach(f -> failed.add(f.ruleId()));
        Map<String, RuleCoverage> byRule = new TreeMap<>();
        for (KeyResult p : parts) {
            for (KeyResult.CoverageRow c : p.coverage) {
                RuleCoverage was = byRule.get(c.ruleId);
                int[] n = found.getOrDefault(c.ruleId, new int[2]);
                byRule.put(c.ruleId, new RuleCoverage(c.ruleId, c.task, c.matches + (was == null ? 0 : was.matches()),
                        c.fired + (was == null ? 0 : was.fired()), n[0], n[1],
                        c.failed || failed.contains(c.ruleId) || (was != null && was.failed())));
            }
        }
        return List.copyOf(byRule.values());
    }

    private static List<WaiverStatus> waivers(List<KeyResult> parts, List<Violation> violations, List<Waiver> waivers) {
        Map<String, Integer> used = new HashMap<>();
        for (Violation v : violations) {
            if (v.waiverId() != null) {
                used.merge(v.waiverId(), 1, Integer::sum);
            }
        }
        List<WaiverStatus> out = new ArrayList<>();
        for (Waiver w : waivers) {
            List<KeyResult.WaiverRow> said = new ArrayList<>();
            for (KeyResult p : parts) {
                for (KeyResult.WaiverRow r : p.waivers) {
                    if (r.id.equals(w.id())) {
                        said.add(r);
                    }
                }
            }
            if (said.isEmpty()) {
                continue; // no key: no facts at all
            }
            KeyResult.WaiverRow first = said.get(0);
            if (first.state == WaiverStatus.State.NOT_YET || first.state == WaiverStatus.State.EXPIRED) {
                out.add(new WaiverStatus(w, first.state, 0, first.expiringSoon, first.problem));
                continue;
            }
            int n = used.getOrDefault(w.id(), 0);
            if (n > 0) {
                out.add(new WaiverStatus(w, WaiverStatus.State.APPLIED, n, first.expiringSoon, null));
                continue;
            }
            KeyResult.WaiverRow invalid = said.stream().filter(r -> r.state == WaiverStatus.State.INVALID).findFirst()
                    .orElse(null);
            if (invalid != null) {
                out.add(new WaiverStatus(w, WaiverStatus.State.INVALID, 0, invalid.expiringSoon, invalid.problem));
                continue;
            }
            // a key that applied it to findings it does not own, or found it unused, holds its subject
            boolean subjectHeld = said.stream().anyMatch(r -> r.state == WaiverStatus.State.APPLIED
                    || (r.state == WaiverStatus.State.UNUSED && r.problem == null));
            KeyResult.WaiverRow unused = said.stream().filter(r -> r.state == WaiverStatus.State.UNUSED)
                    .findFirst().orElse(first);
            out.add(new WaiverStatus(w, WaiverStatus.State.UNUSED, 0, first.expiringSoon,
                    subjectHeld ? null : Objects.requireNonNull(unused.problem, "problem")));
        }
        return out;
    }
}

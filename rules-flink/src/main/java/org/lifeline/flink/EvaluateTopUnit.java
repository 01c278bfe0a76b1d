package org.lifeline.flink;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.lifeline.engine.Evaluation;
import org.lifeline.engine.Lifeline;
import org.lifeline.engine.Severity;
import org.lifeline.engine.Violation;
import org.lifeline.fact.Fact;
import org.lifeline.fact.FactKind;
import org.lifeline.fact.FactSet;
import org.lifeline.fact.Member;
import org.lifeline.fact.Organization;
import org.lifeline.waiver.Waivers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates one top unit's key with the ordinary engine: gathers the key's facts in keyed state and, when its input
 * ends (a timer at the end of time: in BATCH mode when the key's records are done, in STREAMING mode on the final
 * watermark of a bounded input), evaluates them as of the date and emits the findings this key owns (those whose
 * top unit is the key's, see {@link Routing}), and the coverage counts of the matches it owns ({@link OwnedMatches}).
 *
 * <p>The rule set is built in {@link #open} (a KieBase is not serialisable): the bundled rules, or a rules
 * directory that every task manager can read, with the office's waivers when a file is given. The key's facts are
 * checked strictly: a key whose facts do not hold together fails the job, it never drops a row.
 */
final class EvaluateTopUnit extends KeyedProcessFunction<String, FactRow, KeyResult> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(EvaluateTopUnit.class);

    private final LocalDate asOf;
    private final String rulesDir;
    private final String waiversFile;
    /** The rules taken out of every key (a key took them out: their conditions failed), sorted; empty: none. */
    private final String[] without;

    private transient Lifeline lifeline;
    private transient ListState<FactRow> facts;

    /**
     * @param asOf     the evaluation date
     * @param rulesDir    a rules directory readable on every task manager, or null for the bundled rules
     * @param waiversFile the office's waivers file, readable on every task manager, or null for none
     */
    EvaluateTopUnit(LocalDate asOf, String rulesDir, String waiversFile) {
        this(asOf, rulesDir, waiversFile, java.util.Set.of());
    }

    /**
     * @param without the rules to take out of every key ({@link Lifeline#without}): those a key took out in an
     *                earlier run of the job
     */
    EvaluateTopUnit(LocalDate asOf, String rulesDir, String waiversFile, java.util.Set<String> without) {
        this.asOf = Objects.requireNonNull(asOf, "asOf");
        this.rulesDir = rulesDir;
        this.waiversFile = waiversFile;
        this.without = new java.util.TreeSet<>(without).toArray(String[]::new);
    }

    /** The same function with a rule set already built (for tests that evaluate keys without Flink). */
    EvaluateTopUnit withRules(Lifeline rules) {
        this.lifeline = without.length == 0 ? rules : rules.without(List.of(without));
        return this;
    }

    @Override
    public void open(OpenContext context) {
        Lifeline rules = rulesDir == null ? Lifeline.bundled() : Lifeline.fromDirectory(Path.of(rulesDir));
        rules = waiversFile == null ? rules : rules.withWaivers(Waivers.read(Path.of(waiversFile)));
        lifeline = without.length == 0 ? rules : rules.without(List.of(without));
        facts = getRuntimeContext().getListState(new ListStateDescriptor<>("facts", TypeInformation.of(FactRow.class)));
    }

    @Override
    public void processElement(FactRow row, Context ctx, Collector<KeyResult> out) throws Exception {
        facts.add(row.held());
        ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<KeyResult> out) throws Exception {
        String key = ctx.getCurrentKey();
        List<FactRow> rows = new ArrayList<>();
        facts.get().forEach(rows::add);
        facts.clear();
        long start = System.nanoTime();
        long members = rows.stream().filter(r -> FactKind.MEMBERS.key().equals(r.kind)).count();
        int size = rows.size();
        out.collect(evaluate(key, rows));
        LOG.info("top unit key {}: {} facts ({} members) evaluated in {} ms", key, size, members,
                (System.nanoTime() - start) / 1_000_000);
    }

    /** What a key owns of the engine's evaluation of the key's facts. */
    KeyResult evaluate(String key, List<FactRow> rows) {
        rows.sort(Comparator.comparingLong(r -> r.seq));
        FactSet.Builder b = FactSet.builder();
        for (FactRow r : rows) {
            b.add(r.fact(), r.origin, r.line);
        }
        FactSet facts = b.build();
        Placement tops = new Placement(facts.all(Organization.class), asOf);
        Map<String, Fact> members = facts.byId(FactKind.MEMBERS);
        // coverage counts only the matches this key owns: the keys' counts add up to the engine's
        Evaluation e = lifeline.evaluate(facts, asOf, new OwnedMatches(key, tops, members, facts.byId(FactKind.ENTERPRISES)));
        if (!e.failures().isEmpty()) {
            LOG.warn("top unit key {}: {} rule failure(s), first: {}", key, e.failures().size(), e.failures().get(0));
        }
        String owner = Routing.ROOT_KEY.equals(key) ? null : key;

        KeyResult out = new KeyResult();
        out.key = key;
        out.rulesVersion = e.rulesVersion();
        out.spotCheckPerGroup = lifeline.calendar().spotCheckPerGroup();
        List<Violation> owned = e.violations().stream().filter(v -> Objects.equals(v.topUnitId(), owner)).toList();
        out.violations = owned.stream().map(ViolationRow::of).toArray(ViolationRow[]::new);
        out.shares = e.shares().stream().filter(s -> tops.keyOf(s.subjectId()).equals(key))
                .map(KeyResult.ShareRow::of).toArray(KeyResult.ShareRow[]::new);
        out.coverage = e.coverage().stream().map(KeyResult.CoverageRow::of).toArray(KeyResult.CoverageRow[]::new);
        out.failures = e.failures().stream().map(KeyResult.FailureRow::of).toArray(KeyResult.FailureRow[]::new);
        out.waivers = e.waivers().stream().map(KeyResult.WaiverRow::of).toArray(KeyResult.WaiverRow[]::new);
        Map<String, KeyResult.PlacementRow> placements = new LinkedHashMap<>();
        for (Violation v : owned) {
            if (v.open() && v.severity() == Severity.ANOMALY) {
                for (String id : v.memberIds()) {
                    Member m = (Member) members.get(id);
                    String orgId = m == null ? null : m.orgId();
                    placements.computeIfAbsent(id, k -> KeyResult.PlacementRow.of(id, orgId, tops.nameOf(orgId)));
                }
            }
        }
        out.placements = placements.values().toArray(KeyResult.PlacementRow[]::new);
        return out;
    }
}

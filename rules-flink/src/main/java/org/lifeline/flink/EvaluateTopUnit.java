package org.lifeline.flink;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.lifeline.engine.Evaluation;
import org.lifeline.engine.Lifeline;
import org.lifeline.engine.Violation;
import org.lifeline.fact.FactSet;

/**
 * Evaluates one top unit's key with the ordinary engine: gathers the key's facts in keyed state and, when its input
 * ends (a timer at the end of time: in BATCH mode when the key's records are done, in STREAMING mode on the final
 * watermark of a bounded input), evaluates them as of the date and emits the findings this key owns (those whose
 * top unit is the key's, see {@link Routing}).
 *
 * <p>The rule set is built in {@link #open} (a KieBase is not serialisable): the bundled rules, or a rules
 * directory that every task manager can read. The key's facts are checked strictly: a key whose facts do not hold
 * together fails the job, it never drops a row.
 */
final class EvaluateTopUnit extends KeyedProcessFunction<String, FactRow, ViolationRow> {

    private static final long serialVersionUID = 1L;

    private final LocalDate asOf;
    private final String rulesDir;

    private transient Lifeline lifeline;
    private transient ListState<FactRow> facts;

    /**
     * @param asOf     the evaluation date
     * @param rulesDir a rules directory readable on every task manager, or null for the bundled rules
     */
    EvaluateTopUnit(LocalDate asOf, String rulesDir) {
        this.asOf = Objects.requireNonNull(asOf, "asOf");
        this.rulesDir = rulesDir;
    }

    /** The same function with a rule set already built (for tests that evaluate keys without Flink). */
    EvaluateTopUnit withRules(Lifeline rules) {
        this.lifeline = rules;
        return this;
    }

    @Override
    public void open(OpenContext context) {
        lifeline = rulesDir == null ? Lifeline.bundled() : Lifeline.fromDirectory(Path.of(rulesDir));
        facts = getRuntimeContext().getListState(new ListStateDescriptor<>("facts", TypeInformation.of(FactRow.class)));
    }

    @Override
    public void processElement(FactRow row, Context ctx, Collector<ViolationRow> out) throws Exception {
        facts.add(row);
        ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<ViolationRow> out) throws Exception {
        String key = ctx.getCurrentKey();
        List<FactRow> rows = new ArrayList<>();
        facts.get().forEach(rows::add);
        facts.clear();
        evaluate(key, rows).forEach(v -> out.collect(ViolationRow.of(v)));
    }

    /** The findings a key owns among the engine's findings on the key's facts. */
    List<Violation> evaluate(String key, List<FactRow> rows) {
        rows.sort(Comparator.comparingLong(r -> r.seq));
        FactSet.Builder b = FactSet.builder();
        for (FactRow r : rows) {
            b.add(r.fact(), r.origin);
        }
        Evaluation e = lifeline.evaluate(b.build(), asOf);
        if (!e.failures().isEmpty()) {
            // failures are data on one machine; the job has no channel for them yet: it stops rather than lose them
            throw new IllegalStateException("top unit key " + key + ": " + e.failures().size()
                    + " rule failure(s), first: " + e.failures().get(0));
        }
        String owner = Routing.ROOT_KEY.equals(key) ? null : key;
        return e.violations().stream().filter(v -> Objects.equals(v.topUnitId(), owner)).toList();
    }
}

package org.lifeline.flink;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.BasicTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.lifeline.engine.Lifeline;
import org.lifeline.engine.Violation;
import org.lifeline.fact.FactException;
import org.lifeline.waiver.Waivers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live evaluation of one top unit's key: the key's facts in keyed state (each row with the number of routes
 * that brought it: a fact leaves when its last route is withdrawn), evaluated again a short while after a change
 * (a processing-time timer, the <em>debounce</em>: changes arriving together are evaluated once) by the ordinary
 * engine on the key's facts as they stand, and the findings the key owns compared with those of its last
 * evaluation (keyed state): what holds and did not is raised, what held and does not is resolved
 * ({@link FindingEvent}). When a bounded change stream ends (the final watermark), a key with changes not yet
 * evaluated is evaluated then.
 *
 * <p>Why the engine again and not a {@link org.lifeline.engine.Monitor} per key: a monitor holds a Drools session
 * per key on the heap (a city's facts, decorated, several times their rows), is not serialisable, so it would be
 * rebuilt from state after every restore and rescale anyway, and would need each route's change applied in an order
 * where its references resolve. The engine needs only the rows (the checkpointed state), costs one evaluation of
 * the key per debounce interval, and its findings are by construction those of a snapshot of the same facts.
 *
 * <p>While the routes of a change are still on their way, a key's facts may not hold together (a member whose
 * organisation's route has not arrived): the engine's strict fact set refuses them, and the evaluation is
 * <em>postponed</em> until the key's next change (logged); the key's findings stay as last evaluated. Once the
 * changes have passed, the key's facts are those a snapshot routes to it, and its evaluation is complete and strict.
 */
final class LiveTopUnit extends KeyedProcessFunction<String, Routed, FindingEvent> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(LiveTopUnit.class);

    private final LocalDate asOf;
    private final String rulesDir;
    private final String waiversFile;
    private final long debounceMillis;

    private transient EvaluateTopUnit engine;
    private transient MapState<String, Integer> counts;
    private transient MapState<String, FactRow> rows;
    private transient MapState<String, ViolationRow> findings;
    private transient ValueState<Boolean> dirty;

    LiveTopUnit(LocalDate asOf, String rulesDir, String waiversFile, Duration debounce) {
        this.asOf = Objects.requireNonNull(asOf, "asOf");
        this.rulesDir = rulesDir;
        this.waiversFile = waiversFile;
        this.debounceMillis = debounce.toMillis();
    }

    @Override
    public void open(OpenContext context) {
        Lifeline rules = rulesDir == null ? Lifeline.bundled() : Lifeline.fromDirectory(Path.of(rulesDir));
        engine = new EvaluateTopUnit(asOf, rulesDir, waiversFile)
                .withRules(waiversFile == null ? rules : rules.withWaivers(Waivers.read(Path.of(waiversFile))));
        counts = getRuntimeContext().getMapState(new MapStateDescriptor<>("live-fact-counts",
                BasicTypeInfo.STRING_TYPE_INFO, BasicTypeInfo.INT_TYPE_INFO));
        rows = getRuntimeContext().getMapState(new MapStateDescriptor<>("live-facts", BasicTypeInfo.STRING_TYPE_INFO,
                TypeInformation.of(FactRow.class)));
        findings = getRuntimeContext().getMapState(new MapStateDescriptor<>("live-findings",
                BasicTypeInfo.STRING_TYPE_INFO, TypeInformation.of(ViolationRow.class)));
        dirty = getRuntimeContext().getState(new ValueStateDescriptor<>("live-dirty", BasicTypeInfo.BOOLEAN_TYPE_INFO));
    }

    @Override
    public void processElement(Routed m, Context ctx, Collector<FindingEvent> out) throws Exception {
        String id = m.row.identity();
        int n = RoutingStages.LiveKey.count(counts, id, m.retract);
        if (n > 0) {
            rows.put(id, m.row);
        } else {
            rows.remove(id);
        }
        if (!Boolean.TRUE.equals(dirty.value())) {
            dirty.update(true);
            ctx.timerService().registerProcessingTimeTimer(ctx.timerService().currentProcessingTime() + debounceMillis);
        }
        ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<FindingEvent> out) throws Exception {
        if (!Boolean.TRUE.equals(dirty.value())) {
            return;
        }
        dirty.clear();
        String key = ctx.getCurrentKey();
        List<FactRow> facts = new ArrayList<>();
        for (FactRow r : rows.values()) {
            facts.add(r);
        }
        Map<String, ViolationRow> now = new HashMap<>();
        if (!facts.isEmpty()) {
            KeyResult result;
            try {
                result = engine.evaluate(key, facts);
            } catch (FactException e) {
                LOG.info("top unit key {}: its facts do not hold together yet, evaluation postponed to its next "
                        + "change: {}", key, e.getMessage());
                return;
            }
            for (ViolationRow v : result.violations) {
                now.put(identity(v), v);
            }
        }
        List<Violation> resolved = new ArrayList<>();
        List<Violation> raised = new ArrayList<>();
        List<String> gone = new ArrayList<>();
        for (Map.Entry<String, ViolationRow> e : findings.entries()) {
            ViolationRow after = now.get(e.getKey());
            Violation was = e.getValue().violation();
            if (after == null || !after.violation().equals(was)) {
                resolved.add(was);
                if (after == null) {
                    gone.add(e.getKey());
                }
            }
        }
        for (String id : gone) {
            findings.remove(id);
        }
        for (Map.Entry<String, ViolationRow> e : now.entrySet()) {
            ViolationRow was = findings.get(e.getKey());
            Violation is = e.getValue().violation();
            if (was == null || !was.violation().equals(is)) {
                raised.add(is);
                findings.put(e.getKey(), e.getValue());
            }
        }
        resolved.sort(Violation.ORDER);
        raised.sort(Violation.ORDER);
        resolved.forEach(v -> out.collect(FindingEvent.of(false, key, ViolationRow.of(v))));
        raised.forEach(v -> out.collect(FindingEvent.of(true, key, ViolationRow.of(v))));
    }

    /** A finding's identity, as a monitor tells them apart: rule and subject. */
    private static String identity(ViolationRow v) {
        return v.ruleId + "\u0001" + v.subjectType + "\u0001" + v.subjectId;
    }
}

package org.lifeline.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiter;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lifeline.engine.Violation;
import org.lifeline.fact.Fact;
import org.lifeline.fact.FactKind;
import org.lifeline.fact.FactSet;
import org.lifeline.fact.Member;
import org.lifeline.fact.Organization;
import org.lifeline.fact.Transfer;
import org.lifeline.fact.TransferStatus;

/**
 * The live feed in STREAMING: the sample loaded as changes, then updates and deletes step by step. Folding the
 * findings raised and resolved gives, after every step, what the engine finds on the facts as they stand then
 * (field for field), and after the last, across a forced failure and a restore from a checkpoint, nothing lost and
 * nothing doubled.
 */
class LiveFeedTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    static final LocalDate AS_OF = LocalDate.parse("2018-09-26");
    static final Duration DEBOUNCE = Duration.ofMillis(500);
    /** How long a step waits for the feed to settle before it goes on anyway (then the test fails on the state). */
    static final long SETTLE_MILLIS = 60_000;

    // the scenario's changes and the gates between its steps, shared with the source in this JVM (MiniCluster)
    static volatile FactChange[] changes;
    /** The index of the change the source emits next. */
    static final AtomicLong NEXT = new AtomicLong();
    /** The index of each step's first change, and what must hold before it is emitted. */
    static final Map<Long, BooleanSupplier> GATES = Collections.synchronizedMap(new HashMap<>());
    /** Gates passed because their condition held (not by timeout). */
    static final List<Long> SETTLED = Collections.synchronizedList(new ArrayList<>());
    static final AtomicLong CHECKPOINTS = new AtomicLong();
    /** Every event the live feed emitted, in order (before the collect sink: a restore may repeat some). */
    static final List<FindingEvent> SEEN = Collections.synchronizedList(new ArrayList<>());

    static final AtomicBoolean FAILED = new AtomicBoolean();
    static final AtomicBoolean RESTARTED = new AtomicBoolean();
    static final AtomicLong AFTER_RESTART = new AtomicLong();
    static volatile String failOn;

    @BeforeEach
    void reset() {
        NEXT.set(0);
        GATES.clear();
        SETTLED.clear();
        CHECKPOINTS.set(0);
        SEEN.clear();
        FAILED.set(false);
        RESTARTED.set(false);
        AFTER_RESTART.set(0);
        failOn = null;
    }

    @Test
    void foldedFindingsEqualTheEngineAfterEveryChangeAndTheExpectedOnesAreRaisedAndResolved() throws Exception {
        Scenario s = new Scenario();
        changes = s.changes.toArray(FactChange[]::new);
        GATES.put((long) s.organisations, pause(1000)); // the tree first: a tree change decides every key again
        for (int k = 1; k < s.stepStarts.size(); k++) {
            List<Violation> before = s.expected.get(k - 1);
            GATES.put((long) s.stepStarts.get(k), () -> fold(SEEN).equals(before));
        }
        List<Long> steps = s.stepStarts.subList(1, s.stepStarts.size()).stream().map(i -> (long) i).toList();

        List<FindingEvent> events = run(false);

        assertThat(SETTLED).as("the steps whose previous state the feed reached before they began")
                .containsAll(steps);
        assertThat(fold(events)).as("folded findings after the last change")
                .containsExactlyElementsOf(Fixtures.RULES.evaluate(s.facts(), AS_OF).violations());
        assertThat(events).anySatisfy(e -> isEvent(e, true, "T04.BRANCH_WITHOUT_SECRETARY", "C1-JG-B17"));
        assertThat(events).anySatisfy(e -> isEvent(e, false, "T12.TRANSFER_IN_PENDING", "C1"));
        assertThat(events).anySatisfy(e -> isEvent(e, true, "T12.TRANSFER_IN_PENDING", "C1"));
        assertThat(events).filteredOn(e -> e.violation.subjectId.equals(Scenario.NEW_BRANCH)).isNotEmpty()
                .allSatisfy(e -> assertThat(e.raised).isTrue());
        assertNothingDoubled(events);
    }

    @Test
    void aFailureAfterACheckpointMidStreamLosesNothingAndDoublesNothing() throws Exception {
        Scenario s = new Scenario();
        changes = s.changes.toArray(FactChange[]::new);
        for (int k = 1; k < s.stepStarts.size(); k++) {
            // the third step only after a checkpoint that holds the load and the first two steps
            GATES.put((long) s.stepStarts.get(k), k == 3 ? checkpointsAndPause(1, 300) : pause(300));
        }
        FactChange third = changes[s.stepStarts.get(3)];
        failOn = third.kind + "/" + third.id;

        List<FindingEvent> events = run(true);

        assertThat(FAILED).isTrue();
        assertThat(RESTARTED).isTrue();
        // resumed from the checkpoint, not from the start: the load came back from keyed state
        assertThat(AFTER_RESTART.get()).isPositive().isLessThan(changes.length - s.organisations);
        assertThat(fold(events)).as("folded findings after the last change")
                .containsExactlyElementsOf(Fixtures.RULES.evaluate(s.facts(), AS_OF).violations());
        assertNothingDoubled(events);
        assertThat(events).anySatisfy(e -> isEvent(e, false, "T12.TRANSFER_IN_PENDING", "C1"));
    }

    private static List<FindingEvent> run(boolean failOnce) throws Exception {
        Configuration c = new Configuration();
        c.set(PipelineOptions.GENERIC_TYPES, false);
        c.set(ExecutionOptions.RUNTIME_MODE, RuntimeExecutionMode.STREAMING);
        if (failOnce) {
            c.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
            c.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 2);
            c.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ZERO);
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(c);
        env.configure(c);
        env.setParallelism(2);
        if (failOnce) {
            env.enableCheckpointing(300);
        }
        DataGeneratorSource<FactChange> source = new DataGeneratorSource<>(i -> {
            NEXT.set(i + 1);
            return changes[(int) (long) i];
        }, changes.length, new Gates(), TypeInformation.of(FactChange.class));
        DataStream<FactChange> feed = env.fromSource(source, WatermarkStrategy.noWatermarks(), "changes")
                .setParallelism(1).map(new FailOnceAfterACheckpoint()).setParallelism(1)
                .returns(TypeInformation.of(FactChange.class));
        DataStream<FindingEvent> out = new LifelineJob(AS_OF, null).live(feed, DEBOUNCE)
                .map(e -> {
                    SEEN.add(e);
                    return e;
                }).returns(TypeInformation.of(FindingEvent.class));
        List<FindingEvent> events = new ArrayList<>();
        try (CloseableIterator<FindingEvent> it = out.executeAndCollect("live feed")) {
            it.forEachRemaining(events::add);
        }
        return events;
    }

    private static boolean isEvent(FindingEvent e, boolean raised, String rule, String subject) {
        return e.raised == raised && e.violation.ruleId.equals(rule) && e.violation.subjectId.equals(subject);
    }

    /** The findings the events leave: raised adds one, resolved removes one; in {@link Violation#ORDER}. */
    static List<Violation> fold(List<FindingEvent> events) {
        Map<Violation, Integer> open = new HashMap<>();
        synchronized (events) {
            for (FindingEvent e : events) {
                open.merge(e.violation(), e.raised ? 1 : -1, Integer::sum);
            }
        }
        List<Violation> out = new ArrayList<>();
        open.forEach((v, n) -> {
            for (int i = 0; i < n; i++) {
                out.add(v);
            }
            for (int i = 0; i > n; i--) {
                out.add(null); // resolved more often than raised: never equal to an evaluation
            }
        });
        out.sort(Comparator.nullsFirst(Violation.ORDER));
        return out;
    }

    /** Each finding is raised at most once more than it is resolved, and never resolved before it is raised. */
    private static void assertNothingDoubled(List<FindingEvent> events) {
        Map<Violation, Integer> open = new HashMap<>();
        for (FindingEvent e : events) {
            int n = open.merge(e.violation(), e.raised ? 1 : -1, Integer::sum);
            assertThat(n).as(e + " leaves it open this many times").isBetween(0, 1);
        }
    }

    private static BooleanSupplier pause(long millis) {
        long[] start = {-1};
        return () -> {
            if (start[0] < 0) {
                start[0] = System.currentTimeMillis();
            }
            return System.currentTimeMillis() - start[0] >= millis;
        };
    }

    private static BooleanSupplier checkpointsAndPause(int checkpoints, long millis) {
        long[] start = {-1, -1};
        return () -> {
            if (start[0] < 0) {
                start[0] = System.currentTimeMillis();
                start[1] = CHECKPOINTS.get();
            }
            return System.currentTimeMillis() - start[0] >= millis && CHECKPOINTS.get() - start[1] >= checkpoints;
        };
    }

    /**
     * Lets the source emit a change when its step's gate holds (polled without blocking the source's task, so that
     * checkpoints go on meanwhile); a gate that does not hold within {@link #SETTLE_MILLIS} opens anyway.
     */
    static final class Gates implements RateLimiterStrategy<org.apache.flink.api.connector.source.SourceSplit> {
        private static final long serialVersionUID = 1L;

        @Override
        public RateLimiter<org.apache.flink.api.connector.source.SourceSplit> createRateLimiter(int parallelism) {
            return new RateLimiter<>() {
                @Override
                public CompletionStage<Void> acquire(int permits) {
                    long next = NEXT.get();
                    BooleanSupplier gate = GATES.remove(next);
                    if (gate == null) {
                        return CompletableFuture.completedFuture(null);
                    }
                    CompletableFuture<Void> open = new CompletableFuture<>();
                    Thread t = new Thread(() -> {
                        long deadline = System.currentTimeMillis() + SETTLE_MILLIS;
                        while (System.currentTimeMillis() < deadline) {
                            if (gate.getAsBoolean()) {
                                SETTLED.add(next);
                                break;
                            }
                            try {
                                Thread.sleep(20);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                                break;
                            }
                        }
                        open.complete(null);
                    }, "gate " + next);
                    t.setDaemon(true);
                    t.start();
                    return open;
                }

                @Override
                public void notifyCheckpointComplete(long checkpointId) {
                    CHECKPOINTS.incrementAndGet();
                }
            };
        }
    }

    /** Passes changes on; fails once, on the change {@link #failOn}, when it comes after a completed checkpoint. */
    static final class FailOnceAfterACheckpoint extends RichMapFunction<FactChange, FactChange>
            implements CheckpointListener {
        private static final long serialVersionUID = 1L;
        private transient boolean checkpointed;
        private transient boolean restarted;

        @Override
        public void open(OpenContext context) {
            if (getRuntimeContext().getTaskInfo().getAttemptNumber() > 0) {
                RESTARTED.set(true);
                restarted = true;
            }
        }

        @Override
        public FactChange map(FactChange c) {
            if (restarted) {
                AFTER_RESTART.incrementAndGet();
            }
            if (checkpointed && (c.kind + "/" + c.id).equals(failOn) && FAILED.compareAndSet(false, true)) {
                throw new IllegalStateException("forced failure after a checkpoint");
            }
            return c;
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            checkpointed = true;
        }
    }

    /**
     * The sample as changes (organisations first), then six steps: a member of 广州 moves to a branch of 深圳; the
     * lone secretary of a 广州 branch is deleted (T04.BRANCH_WITHOUT_SECRETARY raised); the two transfers waiting in
     * 广州 are completed (T12.TRANSFER_IN_PENDING of 广州 resolved); a branch is added to 深圳 (a change of the tree);
     * an offline payment after the switch to online payment is deleted; a unit's dues publicity (a local fact) is
     * deleted (its key left empty: the stage must route nothing, not fail). The engine's findings on the facts after each step are the expected states.
     */
    static final class Scenario {
        static final String NEW_BRANCH = "C2-JG-BX1";

        final List<FactChange> changes = new ArrayList<>();
        /** The index of the first change of each step (step 0: the load). */
        final List<Integer> stepStarts = new ArrayList<>();
        /** The engine's findings after each step. */
        final List<List<Violation>> expected = new ArrayList<>();
        final int organisations;
        /** The facts as they stand, by kind and id, with their place in their kind. */
        private final Map<String, Fact> facts = new LinkedHashMap<>();
        private final Map<String, Long> places = new HashMap<>();
        private long nextPlace = 1_000_000;

        Scenario() {
            FactSet sample = Fixtures.sample();
            stepStarts.add(0);
            for (FactKind kind : FactKind.values()) {
                long line = 0;
                for (Fact f : sample.all(kind)) {
                    places.put(kind.key() + "/" + f.id(), line);
                    upsert(f, line++);
                }
            }
            organisations = sample.all(FactKind.ORGANIZATIONS).size();
            endStep();

            Member m1 = (Member) sample.byId(FactKind.MEMBERS).get("M1");
            step(() -> upsert(new Member(m1.id(), "C2-JG-B1137", m1.joinedOn(), m1.memberNumber(), m1.reportedAt(),
                    m1.workUnitId(), m1.graduationYear(), m1.schoolOrgId(), m1.personKey(), m1.staysAtSchool())));
            step(() -> delete(FactKind.CADRES, "K19"));
            step(() -> {
                for (String id : List.of("TR248", "TR973")) {
                    Transfer t = (Transfer) sample.byId(FactKind.TRANSFERS).get(id);
                    upsert(new Transfer(t.id(), t.memberId(), t.fromOrgId(), t.toOrgId(), t.appliedOn(),
                            AS_OF.minusDays(1), TransferStatus.COMPLETED));
                }
            });
            Organization sibling = (Organization) sample.byId(FactKind.ORGANIZATIONS).get("C2-JG-B1137");
            step(() -> upsert(new Organization(NEW_BRANCH, "深圳市示例新团支部", sibling.parentId(), sibling.type(),
                    sibling.sector(), sibling.level(), sibling.region(), sibling.provinciallyManaged(),
                    sibling.purpose(), sibling.graduatingClass(), sibling.unitId(), sibling.createdOn())));
            // an offline payment after the switch to online payment (T13.OFFLINE_PAYMENT_AFTER_SWITCH counts it)
            String payment = expected.get(4).stream().filter(v -> v.ruleId().equals("T13.OFFLINE_PAYMENT_AFTER_SWITCH"))
                    .findFirst().orElseThrow().relatedIds().get(0);
            step(() -> delete(FactKind.FEE_PAYMENTS, payment));
            // a unit's dues publicity (a local fact, routed by kind and id) is deleted: T13.PUBLICITY_NOT_DONE
            String publicity = sample.all(FactKind.SUBMISSIONS).stream().map(f -> (org.lifeline.fact.Submission) f)
                    .filter(x -> x.kind() == org.lifeline.fact.SubmissionKind.FEE_PUBLICITY).findFirst().orElseThrow().id();
            step(() -> delete(FactKind.SUBMISSIONS, publicity));

            // the scenario does what it says, on the engine
            assertThat(expected.get(1)).noneMatch(v -> v.ruleId().equals("T04.BRANCH_WITHOUT_SECRETARY")
                    && v.subjectId().equals("C1-JG-B17"));
            assertThat(expected.get(2)).anyMatch(v -> v.ruleId().equals("T04.BRANCH_WITHOUT_SECRETARY")
                    && v.subjectId().equals("C1-JG-B17"));
            assertThat(expected.get(2)).anyMatch(v -> v.ruleId().equals("T12.TRANSFER_IN_PENDING")
                    && v.subjectId().equals("C1"));
            assertThat(expected.get(3)).noneMatch(v -> v.ruleId().equals("T12.TRANSFER_IN_PENDING")
                    && v.subjectId().equals("C1"));
            assertThat(expected.get(4)).anyMatch(v -> v.subjectId().equals(NEW_BRANCH));
            for (int k = 1; k < expected.size(); k++) {
                assertThat(expected.get(k)).as("step " + k + " changes the findings").isNotEqualTo(expected.get(k - 1));
            }
        }

        private void step(Runnable r) {
            stepStarts.add(changes.size());
            r.run();
            endStep();
        }

        private void endStep() {
            expected.add(Fixtures.RULES.evaluate(facts(), AS_OF).violations());
        }

        private void upsert(Fact f) {
            String id = FactKind.of(f).key() + "/" + f.id();
            upsert(f, places.computeIfAbsent(id, k -> nextPlace++));
        }

        private void upsert(Fact f, long place) {
            facts.put(FactKind.of(f).key() + "/" + f.id(), f);
            changes.add(FactChange.upsert(f, place));
        }

        private void delete(FactKind kind, String id) {
            facts.remove(kind.key() + "/" + id);
            changes.add(FactChange.delete(kind, id));
        }

        /** The facts as they stand, each kind in its places' order (the order the keys insert them). */
        FactSet facts() {
            List<Fact> all = new ArrayList<>(facts.values());
            all.sort(Comparator.comparing((Fact f) -> FactKind.of(f).ordinal())
                    .thenComparing(f -> places.get(FactKind.of(f).key() + "/" + f.id())));
            return FactSet.of(all);
        }
    }
}

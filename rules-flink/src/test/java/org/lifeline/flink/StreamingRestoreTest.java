package org.lifeline.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.api.common.typeinfo.TypeInformation;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lifeline.engine.Violation;
import org.lifeline.fact.FactSet;

/**
 * STREAMING with checkpoints: the facts held in keyed state (the routing stages' and the keys') and the broadcast
 * organisation tree survive a forced failure. The job fails once, after a
 * checkpoint completed and while facts are still arriving; Flink restores the keyed state from the checkpoint,
 * replays the source from there, and each key's engine is built again in {@code open()} over the restored facts. The
 * findings equal the engine's: nothing lost, nothing doubled (a doubled fact would also fail the key's strict
 * fact set with a duplicate id).
 */
class StreamingRestoreTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    static final AtomicBoolean FAILED = new AtomicBoolean();
    static final AtomicBoolean RESTARTED = new AtomicBoolean();
    static final java.util.concurrent.atomic.AtomicLong AFTER_RESTART = new java.util.concurrent.atomic.AtomicLong();

    @Test
    void aFailureAfterACheckpointLosesNothingAndDoublesNothing() throws Exception {
        LocalDate asOf = LocalDate.parse("2018-09-26");
        FactSet sample = Fixtures.sample();
        List<Violation> engine = Fixtures.RULES.evaluate(sample, asOf).violations();
        FactRow[] rows = LifelineJob.unrouted(sample).toArray(FactRow[]::new);

        Configuration c = new Configuration();
        c.set(PipelineOptions.GENERIC_TYPES, false);
        c.set(ExecutionOptions.RUNTIME_MODE, RuntimeExecutionMode.STREAMING);
        c.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        c.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 2);
        c.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ZERO);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(c);
        env.configure(c);
        env.setParallelism(2);
        env.enableCheckpointing(50);
        // slow enough that checkpoints complete while facts still arrive (a few seconds for the sample)
        DataGeneratorSource<FactRow> source = new DataGeneratorSource<>(i -> rows[(int) (long) i], rows.length,
                RateLimiterStrategy.perSecond(rows.length / 3.0), TypeInformation.of(FactRow.class));
        DataStream<FactRow> facts = env.fromSource(source, WatermarkStrategy.noWatermarks(), "facts")
                .map(new FailOnceAfterACheckpoint()).returns(TypeInformation.of(FactRow.class));
        DataStream<FactRow> routed = RoutingStages.route(facts, asOf);

        List<Violation> flink = new LifelineJob(asOf, null).evaluate(routed).violations();

        assertThat(FAILED).isTrue();
        assertThat(RESTARTED).isTrue();
        // resumed from the checkpoint, not from the start: the facts before it came back from keyed state
        assertThat(AFTER_RESTART.get()).isPositive().isLessThan(rows.length);
        assertThat(flink).containsExactlyElementsOf(engine);
    }

    /** Passes facts on; fails once, on the first fact after a checkpoint completed. */
    static final class FailOnceAfterACheckpoint extends RichMapFunction<FactRow, FactRow> implements CheckpointListener {
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
        public FactRow map(FactRow row) {
            if (restarted) {
                AFTER_RESTART.incrementAndGet();
            }
            if (checkpointed && FAILED.compareAndSet(false, true)) {
                throw new IllegalStateException("forced failure after a checkpoint");
            }
            return row;
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            checkpointed = true;
        }
    }
}

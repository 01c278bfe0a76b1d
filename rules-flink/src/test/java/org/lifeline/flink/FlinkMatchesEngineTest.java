package org.lifeline.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.nio.file.Path;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lifeline.engine.Evaluation;
import org.lifeline.fact.FactSet;
import org.lifeline.generator.ProvinceGenerator;
import org.lifeline.waiver.Waivers;

/**
 * The Flink job on a local MiniCluster (one task manager, two slots, generic types off: a type that would fall back
 * to Kryo fails the job) makes exactly the single-machine engine's evaluation, record for record
 * ({@link SameEvaluation}).
 */
class FlinkMatchesEngineTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static StreamExecutionEnvironment env(RuntimeExecutionMode mode, int parallelism) {
        Configuration c = new Configuration();
        c.set(PipelineOptions.GENERIC_TYPES, false);
        c.set(ExecutionOptions.RUNTIME_MODE, mode);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(c);
        env.configure(c);
        env.setParallelism(parallelism);
        return env;
    }

    /**
     * A key's whole result is one record: a city at scale 1.0 gave 4.6 MB, above the collect sink's 2 MB default,
     * and the job failed ("Record size is too large for CollectSinkFunction"). The job raises the limit.
     */
    @Test
    void aKeyResultLargerThanTheCollectSinksDefaultBatchIsCollected() throws Exception {
        StreamExecutionEnvironment env = env(RuntimeExecutionMode.BATCH, 1);
        String large = "团".repeat(1_500_000); // ≈ 4.5 MB once serialised
        LifelineJob.allowKeyResults(env);

        java.util.List<String> got;
        try (org.apache.flink.util.CloseableIterator<String> it = env.fromData(large).executeAndCollect("large")) {
            got = new java.util.ArrayList<>();
            it.forEachRemaining(got::add);
        }

        assertThat(got).containsExactly(large);
        assertThat(env.getConfiguration().get(
                org.apache.flink.streaming.api.operators.collect.CollectSinkOperatorFactory.MAX_BATCH_SIZE))
                .isEqualTo(LifelineJob.KEY_RESULT_MAX);
    }

    private static void assertSameFindings(FactSet facts, LocalDate asOf, RuntimeExecutionMode mode) throws Exception {
        Evaluation engine = Fixtures.RULES.evaluate(facts, asOf);
        Evaluation flink = new LifelineJob(asOf, null).evaluation(env(mode, 2), facts);

        assertThat(engine.violations()).isNotEmpty();
        SameEvaluation.assertSame(flink, engine);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2018-06-25", "2018-09-26"})
    void theJobFindsWhatTheEngineFindsOnTheSampleWithItsWaiversInBatch(String date) throws Exception {
        LocalDate asOf = LocalDate.parse(date);
        Path waivers = Fixtures.SAMPLE.resolve(Waivers.FILE);
        Evaluation engine = Fixtures.RULES.withWaivers(Waivers.read(waivers)).evaluate(Fixtures.sample(), asOf);
        Evaluation flink = new LifelineJob(asOf, null, waivers).evaluation(env(RuntimeExecutionMode.BATCH, 2),
                Fixtures.sample());

        assertThat(engine.waivers()).isNotEmpty();
        SameEvaluation.assertSame(flink, engine);
    }

    @Test
    void theJobFindsTheCrossUnitFindingsOnceInBatch() throws Exception {
        assertSameFindings(Fixtures.crossUnit(), LocalDate.parse("2018-10-31"), RuntimeExecutionMode.BATCH);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2018-07-31", "2018-10-31"})
    void theJobFindsWhatTheEngineFindsOnAGeneratedProvinceInBatch(String date) throws Exception {
        assertSameFindings(FactSet.of(ProvinceGenerator.generate(0.002, 7)), LocalDate.parse(date),
                RuntimeExecutionMode.BATCH);
    }

    @Test
    void theSameJobInStreamingModeOverABoundedInputFindsTheSame() throws Exception {
        assertSameFindings(Fixtures.sample(), LocalDate.parse("2018-09-26"), RuntimeExecutionMode.STREAMING);
    }
}

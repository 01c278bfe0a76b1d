package org.lifeline.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
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
import org.lifeline.engine.Violation;
import org.lifeline.fact.FactSet;
import org.lifeline.generator.ProvinceGenerator;

/**
 * The Flink job on a local MiniCluster (one task manager, two slots, generic types off: a type that would fall back
 * to Kryo fails the job) finds exactly what the single-machine engine finds, field for field.
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

    private static void assertSameFindings(FactSet facts, LocalDate asOf, RuntimeExecutionMode mode) throws Exception {
        List<Violation> engine = Fixtures.RULES.evaluate(facts, asOf).violations();
        List<Violation> flink = new LifelineJob(asOf, null).evaluate(env(mode, 2), facts);

        assertThat(engine).isNotEmpty();
        assertThat(flink).containsExactlyElementsOf(engine);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2018-06-25", "2018-09-26"})
    void theJobFindsWhatTheEngineFindsOnTheSampleInBatch(String date) throws Exception {
        assertSameFindings(Fixtures.sample(), LocalDate.parse(date), RuntimeExecutionMode.BATCH);
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

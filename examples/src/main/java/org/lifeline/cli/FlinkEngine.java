package org.lifeline.cli;

import java.nio.file.Path;
import java.time.LocalDate;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.lifeline.engine.Evaluation;
import org.lifeline.fact.FactSet;
import org.lifeline.flink.LifelineJob;

/**
 * {@code lifeline check --engine flink}: the rules as the Flink job of rules-flink ({@link LifelineJob}), in BATCH
 * mode on an embedded local cluster in this JVM, its keys' results merged into the evaluation the report is written
 * from. Kept apart from {@link Main} so that the Flink classes load only when this engine is chosen.
 */
final class FlinkEngine {

    /** Task slots of the embedded cluster when {@code --parallelism} is not given. */
    static final int DEFAULT_PARALLELISM = 2;

    private FlinkEngine() {
    }

    /**
     * @param rules       a rules directory, or null for the bundled rules
     * @param waiversFile the office's waivers, or null for none
     */
    static Evaluation evaluate(FactSet facts, LocalDate asOf, Path rules, Path waiversFile, int parallelism) {
        Configuration c = new Configuration();
        c.set(ExecutionOptions.RUNTIME_MODE, RuntimeExecutionMode.BATCH);
        c.set(PipelineOptions.GENERIC_TYPES, false); // the job's types are POJOs: a Kryo fallback is a bug, not slow
        c.set(RestOptions.BIND_PORT, "0"); // no fixed port: two checks may run at once
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(parallelism, c);
        try {
            return new LifelineJob(asOf, rules, waiversFile).evaluation(env, facts);
        } catch (Exception e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            throw new IllegalStateException("--engine flink: the job failed: " + (root.getMessage() == null
                    ? root.getClass().getSimpleName() : root.getMessage().lines().findFirst().orElse("")), e);
        } finally {
            try {
                env.close();
            } catch (Exception ignored) {
                // the job is done; a cluster that does not close cleanly changes nothing in the report
            }
        }
    }
}

package org.lifeline.cli;

import java.nio.file.Path;
import java.time.LocalDate;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.lifeline.engine.Evaluation;
import org.lifeline.fact.FactSet;
import org.lifeline.flink.FactRow;
import org.lifeline.flink.LifelineJob;

/**
 * {@code lifeline check --engine flink}: the rules as the Flink job of rules-flink ({@link LifelineJob}), in BATCH
 * mode on an embedded local cluster in this JVM, its keys' results merged into the evaluation the report is written
 * from. A CSV export is read by the job's FileSource, as on a cluster; a workbook, or an export a lenient load left
 * rows out of, is given to the job as the fact set the command loaded. Kept apart from {@link Main} so that the
 * Flink classes load only when this engine is chosen.
 */
final class FlinkEngine {

    /** Task slots of the embedded cluster when {@code --parallelism} is not given. */
    static final int DEFAULT_PARALLELISM = 2;

    private FlinkEngine() {
    }

    /**
     * The job over a fact set the command loaded (a workbook, or rows a lenient load left out: the job itself reads
     * strictly), shipped to the job as data.
     *
     * @param rules       a rules directory, or null for the bundled rules
     * @param waiversFile the office's waivers, or null for none
     */
    static Evaluation evaluate(FactSet facts, LocalDate asOf, Path rules, Path waiversFile, int parallelism) {
        return run(parallelism, (job, env) -> job.routedFacts(env, facts), asOf, rules, waiversFile);
    }

    /**
     * The job over a CSV export, read by the job's own FileSource as {@code flink run} reads it (the files
     * {@code CsvFacts.read} reads, each by the project's CSV reader).
     *
     * @param encoding UTF-8, GBK or auto (each file as {@code CsvFacts.read} decodes it)
     */
    static Evaluation evaluate(Path csvDir, String encoding, LocalDate asOf, Path rules, Path waiversFile,
                               int parallelism) {
        return run(parallelism, (job, env) -> job.routedFacts(env, csvDir.toAbsolutePath().toString(), encoding),
                asOf, rules, waiversFile);
    }

    private static Evaluation run(int parallelism,
                                  java.util.function.BiFunction<LifelineJob, StreamExecutionEnvironment,
                                          DataStream<FactRow>> facts,
                                  LocalDate asOf, Path rules, Path waiversFile) {
        Configuration c = new Configuration();
        c.set(ExecutionOptions.RUNTIME_MODE, RuntimeExecutionMode.BATCH);
        c.set(PipelineOptions.GENERIC_TYPES, false); // the job's types are POJOs: a Kryo fallback is a bug, not slow
        c.set(RestOptions.BIND_PORT, "0"); // no fixed port: two checks may run at once
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(parallelism, c);
        try {
            LifelineJob job = new LifelineJob(asOf, rules, waiversFile);
            return job.evaluate(facts.apply(job, env));
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

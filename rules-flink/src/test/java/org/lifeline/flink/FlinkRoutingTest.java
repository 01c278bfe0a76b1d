package org.lifeline.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.lifeline.engine.Violation;
import org.lifeline.fact.FactSet;

/**
 * The routing as Flink stages (broadcast organisation tree, keyed stages for cadres, homes, shared keys, members,
 * local facts and organisations) and the CSV export as a FileSource: the stages send each fact to exactly the keys
 * {@link Routing} sends it to, and the job over the files finds what the engine finds; a bad row fails the job
 * with its file and line.
 */
class FlinkRoutingTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static StreamExecutionEnvironment env() {
        Configuration c = new Configuration();
        c.set(PipelineOptions.GENERIC_TYPES, false);
        c.set(ExecutionOptions.RUNTIME_MODE, RuntimeExecutionMode.BATCH);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(c);
        env.configure(c);
        env.setParallelism(2);
        return env;
    }

    private static List<String> routes(List<FactRow> rows) {
        return rows.stream().map(r -> r.key + " " + r.kind + " " + r.id()).sorted().toList();
    }

    @Test
    @SuppressWarnings("try") // the collect iterator's close() may throw InterruptedException: the caller's
    void theStagesSendEachFactToTheKeysTheRoutingNames() throws Exception {
        LocalDate asOf = LocalDate.parse("2018-10-31");
        FactSet facts = Fixtures.crossUnit();
        List<FactRow> flink = new ArrayList<>();
        try (CloseableIterator<FactRow> it = new LifelineJob(asOf, null).routedFacts(env(), facts)
                .executeAndCollect("routing")) {
            it.forEachRemaining(flink::add);
        }

        List<String> expected = routes(Routing.route(facts, asOf));
        assertThat(expected).contains("C2 members MX1", "C1 members MX2", "C2 organizations C1-X0-B1006",
                "C3 feePayments PX1", "C5 cadres KX1");
        assertThat(routes(flink)).containsExactlyElementsOf(expected);
    }

    @Test
    @SuppressWarnings("try")
    void theStagesSendEachEnterpriseOfTwoProvincesToItsOwnProvincesCommitteeAsTheRoutingDoes() throws Exception {
        LocalDate asOf = LocalDate.parse("2018-07-01");
        FactSet facts = Fixtures.twoProvinces();
        List<FactRow> flink = new ArrayList<>();
        try (CloseableIterator<FactRow> it = new LifelineJob(asOf, null).routedFacts(env(), facts)
                .executeAndCollect("routing")) {
            it.forEachRemaining(flink::add);
        }

        List<String> expected = routes(Routing.route(facts, asOf));
        assertThat(expected).contains("P-QY enterprises E0-0", "P2-P-QY enterprises P2-E0-0", "P2-P-QY enterprises X-T",
                "P2-P-QY enterprises E0", "- enterprises X-G", "- enterprises X-V", "- organizations P-QY");
        assertThat(expected).doesNotContain("P2-P-QY enterprises E0-0", "P-QY enterprises P2-E0-0");
        assertThat(routes(flink)).containsExactlyElementsOf(expected);
    }

    @Test
    void theJobOverTheExportFilesFindsWhatTheEngineFinds() throws Exception {
        LocalDate asOf = LocalDate.parse("2018-09-26");
        org.lifeline.engine.Evaluation engine = Fixtures.RULES.evaluate(Fixtures.sample(), asOf);
        LifelineJob job = new LifelineJob(asOf, null);

        org.lifeline.engine.Evaluation flink =
                job.evaluate(job.routedFacts(env(), Fixtures.SAMPLE.toAbsolutePath().toString(), "UTF-8"));

        assertThat(engine.violations()).isNotEmpty();
        assertThat(flink.violations()).containsExactlyElementsOf(engine.violations());
        SameEvaluation.assertSame(flink, engine);
    }

    @Test
    void aBadRowFailsTheJobNamingItsFileAndLine(@TempDir Path dir) throws Exception {
        try (var files = Files.list(Fixtures.SAMPLE)) {
            for (Path f : files.toList()) {
                Files.copy(f, dir.resolve(f.getFileName()));
            }
        }
        Path members = dir.resolve("members.csv");
        List<String> lines = new ArrayList<>(Files.readAllLines(members));
        lines.set(3, lines.get(3).replaceFirst(",20\\d\\d-\\d\\d-\\d\\d,", ",not-a-date,"));
        Files.write(members, lines);
        LifelineJob job = new LifelineJob(LocalDate.parse("2018-09-26"), null);
        DataStream<FactRow> routed = job.routedFacts(env(), dir.toString(), "UTF-8");

        assertThatThrownBy(() -> job.evaluate(routed))
                .satisfies(e -> assertThat(causes(e)).anyMatch(m -> m.contains("members.csv:4") && m.contains("joinedOn")));
    }

    private static List<String> causes(Throwable e) {
        List<String> out = new ArrayList<>();
        for (Throwable t = e; t != null; t = t.getCause()) {
            out.add(String.valueOf(t.getMessage()));
        }
        return out;
    }
}

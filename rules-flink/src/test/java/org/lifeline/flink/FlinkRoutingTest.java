package org.lifeline.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lifeline.engine.Violation;
import org.lifeline.fact.CsvFacts;
import org.lifeline.fact.FactException;
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

    /** The sample export copied to {@code dir}. */
    private static Path sampleCopy(Path dir) throws IOException {
        try (var files = Files.list(Fixtures.SAMPLE)) {
            for (Path f : files.toList()) {
                Files.copy(f, dir.resolve(f.getFileName()));
            }
        }
        return dir;
    }

    /** What the single machine's load says of a directory it refuses. */
    private static String singleMachineRefusal(Path dir) {
        try {
            CsvFacts.read(dir, "UTF-8", null);
        } catch (FactException e) {
            return e.getMessage();
        }
        throw new AssertionError("the single machine reads " + dir);
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
    void theJobOverTheExportFilesFindsWhatTheEngineFinds(@TempDir Path dir) throws Exception {
        LocalDate asOf = LocalDate.parse("2018-09-26");
        org.lifeline.engine.Evaluation engine = Fixtures.RULES.evaluate(Fixtures.sample(), asOf);
        LifelineJob job = new LifelineJob(asOf, null);
        // not part of the export, as for CsvFacts.read: a subdirectory's .csv files (a second members.csv there
        // would fail the job with duplicate ids) and files that are not .csv
        sampleCopy(dir);
        Files.createDirectories(dir.resolve("old"));
        Files.copy(dir.resolve("members.csv"), dir.resolve("old").resolve("members.csv"));
        Files.writeString(dir.resolve("README.txt"), "export of 2018-09-26");

        org.lifeline.engine.Evaluation flink = job.evaluate(job.routedFacts(env(), dir.toString(), "UTF-8"));

        assertThat(engine.violations()).isNotEmpty();
        assertThat(flink.violations()).containsExactlyElementsOf(engine.violations());
        SameEvaluation.assertSame(flink, engine);
    }

    @Test
    void aRuleWhoseConditionsFailInOneKeyIsTakenOutOfEveryKeyByASecondRunAsTheEngineTakesItOut(@TempDir Path dir)
            throws Exception {
        Path rules = MergedEvaluationTest.bundledRulesWith(dir, "fragile.drl", MergedEvaluationTest.FAILS_ON_ONE_BRANCH);
        LocalDate asOf = LocalDate.parse("2018-09-26");
        org.lifeline.engine.Evaluation engine = org.lifeline.engine.Lifeline.fromDirectory(rules)
                .evaluate(Fixtures.sample(), asOf);
        LifelineJob job = new LifelineJob(asOf, rules);

        org.lifeline.engine.Evaluation flink = job.evaluate(job.routedFacts(env(), Fixtures.SAMPLE.toString(), "UTF-8"));

        assertThat(engine.failures()).singleElement().satisfies(f -> assertThat(f.takenOut()).isTrue());
        SameEvaluation.assertSame(flink, engine);
    }

    @ParameterizedTest
    @ValueSource(strings = {"_members.csv", ".members.csv", "Members.CSV", "members.csv/", "empty"})
    void theJobRefusesTheDirectoriesTheSingleMachineRefusesWithItsMessage(String extra, @TempDir Path dir)
            throws IOException {
        if (extra.equals("empty")) {
            Files.writeString(dir.resolve("README.txt"), "no fact files here");
        } else {
            sampleCopy(dir);
            if (extra.endsWith("/")) { // a directory named like a fact file
                Files.move(dir.resolve("members.csv"), dir.resolve("tmp.bin"));
                Files.createDirectories(dir.resolve("members.csv"));
                Files.move(dir.resolve("tmp.bin"), dir.resolve("members.csv").resolve("members.csv"));
            } else if (extra.equals("Members.CSV")) { // a second file for members, names differing in case
                Files.copy(dir.resolve("members.csv"), dir.resolve(extra));
            } else { // a name that is no fact kind, which Flink's own enumeration would skip silently
                Files.copy(dir.resolve("members.csv"), dir.resolve(extra));
            }
        }
        String expected = singleMachineRefusal(dir);
        LifelineJob job = new LifelineJob(LocalDate.parse("2018-09-26"), null);

        assertThatThrownBy(() -> job.routedFacts(env(), dir.toString(), "UTF-8"))
                .as("refused where the job is built, before it runs").isInstanceOf(FactException.class)
                .hasMessage(expected);
    }

    @Test
    void aBadRowFailsTheJobNamingItsFileAndLine(@TempDir Path dir) throws Exception {
        sampleCopy(dir);
        Path members = dir.resolve("members.csv");
        List<String> lines = new ArrayList<>(Files.readAllLines(members));
        lines.set(3, lines.get(3).replaceFirst(",20\\d\\d-\\d\\d-\\d\\d,", ",not-a-date,"));
        Files.write(members, lines);
        LifelineJob job = new LifelineJob(LocalDate.parse("2018-09-26"), null);
        DataStream<FactRow> routed = job.routedFacts(env(), dir.toString(), "UTF-8");

        assertThatThrownBy(() -> job.evaluate(routed))
                .satisfies(e -> assertThat(causes(e)).anyMatch(m -> m.contains("members.csv:4") && m.contains("joinedOn")));
    }

    @Test
    void aDuplicateMemberIdFailsTheJobNamingItsFileAndLineAsTheSingleMachine(@TempDir Path dir) throws Exception {
        sampleCopy(dir);
        Path members = dir.resolve("members.csv");
        List<String> lines = new ArrayList<>(Files.readAllLines(members));
        lines.add(lines.get(5)); // the member of line 6 again, on the last line
        Files.write(members, lines);
        String expected = singleMachineRefusal(dir);
        assertThat(expected).startsWith("members.csv:" + lines.size() + ": Member ").endsWith(": field 'id': duplicate id");
        LifelineJob job = new LifelineJob(LocalDate.parse("2018-09-26"), null);
        DataStream<FactRow> routed = job.routedFacts(env(), dir.toString(), "UTF-8");

        assertThatThrownBy(() -> job.evaluate(routed)).satisfies(e -> assertThat(causes(e)).contains(expected));
    }

    @Test
    void aKeyWhoseFactsDoNotHoldTogetherNamesTheFileAndLineAsTheSingleMachine(@TempDir Path dir) throws Exception {
        sampleCopy(dir);
        Path transfers = dir.resolve("transfers.csv");
        List<String> lines = new ArrayList<>(Files.readAllLines(transfers));
        List<String> header = List.of(lines.get(0).split(","));
        String[] row = lines.get(1).split(",", -1);
        row[header.indexOf("id")] = "TX-NO-MEMBER";
        row[header.indexOf("memberId")] = "M-NOBODY";
        lines.add(String.join(",", row));
        Files.write(transfers, lines);
        String expected = singleMachineRefusal(dir);
        assertThat(expected).isEqualTo("transfers.csv:" + lines.size()
                + ": Transfer TX-NO-MEMBER: field 'memberId': no member with this id");
        LifelineJob job = new LifelineJob(LocalDate.parse("2018-09-26"), null);
        DataStream<FactRow> routed = job.routedFacts(env(), dir.toString(), "UTF-8");

        assertThatThrownBy(() -> job.evaluate(routed)).satisfies(e -> assertThat(causes(e)).contains(expected));
    }

    @Test
    void aFileReadFromACopyIsNamedAsTheExportNamesIt(@TempDir Path dir) throws Exception {
        sampleCopy(dir);
        Path members = dir.resolve("members.csv");
        List<String> lines = new ArrayList<>(Files.readAllLines(members));
        lines.set(3, lines.get(3).replaceFirst(",20\\d\\d-\\d\\d-\\d\\d,", ",not-a-date,"));
        Files.write(members, lines);

        // as a split on a distributed file system is read: from a local copy
        assertThatThrownBy(() -> FactFiles.read(new org.apache.flink.core.fs.Path(members.toUri()), true, "UTF-8"))
                .isInstanceOf(FactException.class)
                .satisfies(e -> assertThat(e.getMessage()).startsWith("members.csv:4: ").contains("joinedOn")
                        .doesNotContain("lifeline-").doesNotContain(dir.toString()));
        // and each row carries the export's file and its line
        List<FactRow> rows = FactFiles.read(new org.apache.flink.core.fs.Path(dir.resolve("cadres.csv").toUri()),
                true, "UTF-8");
        assertThat(rows.get(0).where()).isEqualTo("cadres.csv:2");
        assertThat(rows.get(rows.size() - 1).where()).isEqualTo("cadres.csv:" + Files.readAllLines(dir.resolve("cadres.csv")).size());
    }

    private static List<String> causes(Throwable e) {
        List<String> out = new ArrayList<>();
        for (Throwable t = e; t != null; t = t.getCause()) {
            out.add(String.valueOf(t.getMessage()));
        }
        return out;
    }
}

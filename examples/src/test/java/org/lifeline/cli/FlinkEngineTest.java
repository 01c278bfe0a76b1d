package org.lifeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lifeline.engine.Evaluation;
import org.lifeline.engine.Lifeline;
import org.lifeline.excel.XlsxReport;
import org.lifeline.fact.CsvFacts;
import org.lifeline.fact.FactSet;
import org.lifeline.report.CsvReport;
import org.lifeline.report.HtmlReport;
import org.lifeline.report.ReportModel;
import org.lifeline.waiver.Waivers;

/**
 * {@code lifeline check --engine flink} prints the report {@code --engine drools} prints, byte for byte, in every
 * format: the rule coverage's match and firing counts too (each of the job's keys counts the matches it owns,
 * rules-flink/README.md).
 */
class FlinkEngineTest {

    private static Lifeline bundled;

    @BeforeAll
    static void rules() {
        bundled = Lifeline.bundled();
    }

    private static MainTest.Run check(String... args) {
        MainTest.Run r = MainTest.run(args);
        assertThat(r.code()).as(r.err()).isZero();
        return r;
    }

    @Test
    void theTextReportOfTheSampleIsTheSameByteForByteCoverageIncluded() {
        String drools = check("check").out();
        String flink = check("check", "--engine", "flink", "--parallelism", "2").out();

        assertThat(drools).contains("== 规则覆盖").contains("T04.BRANCH_WITHOUT_SECRETARY");
        assertThat(flink).isEqualTo(drools);
    }

    @Test
    void theJsonReportOfTheSampleIsTheSameByteForByteCoverageIncluded() {
        String drools = check("check", "--format", "json").out();
        String flink = check("check", "--format", "json", "--engine", "flink").out();

        assertThat(drools).contains("\"matches\"").contains("\"fired\"");
        assertThat(flink).isEqualTo(drools);
    }

    @Test
    void theCsvHtmlAndWorkbookReportsAreTheSameByteForByte() throws IOException {
        Path sample = Main.Sample.extract();
        FactSet facts = CsvFacts.read(sample, "UTF-8", null).facts();
        Path waivers = sample.resolve(Waivers.FILE);
        Lifeline rules = bundled.withWaivers(Waivers.read(waivers));
        Evaluation drools = rules.evaluate(facts, Main.SAMPLE_AS_OF);
        Evaluation flink = FlinkEngine.evaluate(facts, Main.SAMPLE_AS_OF, null, waivers, 2);

        assertThat(csv(flink)).isEqualTo(csv(drools));
        assertThat(html(flink, facts, rules)).isEqualTo(html(drools, facts, rules));
        Map<String, String> d = xlsx(drools, facts, rules);
        assertThat(d).isNotEmpty();
        assertThat(xlsx(flink, facts, rules)).isEqualTo(d);
    }

    @Test
    void aLenientLoadThatLeftRowsOutGivesTheJobTheFactsItKeptAndListsTheRejectedRowsAsWithoutFlink(
            @org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path sample = Main.Sample.extract();
        try (var files = Files.list(sample)) {
            for (Path f : files.toList()) {
                Files.copy(f, dir.resolve(f.getFileName()));
            }
        }
        Path members = dir.resolve("members.csv");
        List<String> lines = new ArrayList<>(Files.readAllLines(members));
        List<String> header = List.of(lines.get(0).split(","));
        String[] row = lines.get(1).split(",", -1);
        row[header.indexOf("id")] = "M-ASTRAY";
        row[header.indexOf("orgId")] = "NO-SUCH-ORG";
        lines.add(String.join(",", row));
        Files.write(members, lines);
        String[] args = {"check", "--facts", dir.toString(), "--as-of", "2018-09-26", "--format", "json", "--lenient"};

        MainTest.Run drools = check(args);
        MainTest.Run flink = check(concat(args, "--engine", "flink"));

        assertThat(drools.err()).contains("rejected: members.csv:" + lines.size() + ": Member M-ASTRAY: field 'orgId'");
        assertThat(flink.err()).isEqualTo(drools.err());
        assertThat(flink.out()).isEqualTo(drools.out());
        // strictly, the job would have refused the row: without --lenient both refuse the export alike
        MainTest.Run strict = MainTest.run(java.util.Arrays.copyOf(args, args.length - 1));
        MainTest.Run strictFlink = MainTest.run(concat(java.util.Arrays.copyOf(args, args.length - 1), "--engine", "flink"));
        assertThat(strict.code()).isEqualTo(Main.BAD_INPUT);
        assertThat(strictFlink.code()).isEqualTo(Main.BAD_INPUT);
        assertThat(strictFlink.err()).isEqualTo(strict.err());
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void anUnknownEngineOrAParallelismWithoutFlinkIsAUsageError() {
        MainTest.Run unknown = MainTest.run("check", "--engine", "spark");
        assertThat(unknown.code()).isEqualTo(Main.BAD_INPUT);
        assertThat(unknown.err()).contains("--engine: unknown engine 'spark' (drools or flink)");

        MainTest.Run alone = MainTest.run("check", "--parallelism", "4");
        assertThat(alone.code()).isEqualTo(Main.BAD_INPUT);
        assertThat(alone.err()).contains("--parallelism: only with --engine flink");

        MainTest.Run zero = MainTest.run("check", "--engine", "flink", "--parallelism", "0");
        assertThat(zero.code()).isEqualTo(Main.BAD_INPUT);
        assertThat(zero.err()).contains("--parallelism: expected a number of task slots from 1 to 256");
    }

    private static String csv(Evaluation e) throws IOException {
        StringWriter w = new StringWriter();
        CsvReport.write(e, w, true);
        return w.toString();
    }

    private static String html(Evaluation e, FactSet facts, Lifeline rules) {
        StringWriter w = new StringWriter();
        HtmlReport.write(new ReportModel(e, facts, rules.calendar()), new PrintWriter(w));
        return w.toString();
    }

    /** The workbook's parts, but for its properties (which hold the time it was written). */
    private static Map<String, String> xlsx(Evaluation e, FactSet facts, Lifeline rules) throws IOException {
        Path file = Files.createTempFile("flink-engine-test", ".xlsx");
        try {
            try (OutputStream out = Files.newOutputStream(file)) {
                XlsxReport.write(new ReportModel(e, facts, rules.calendar()), out);
            }
            Map<String, String> parts = new TreeMap<>();
            try (ZipFile zip = new ZipFile(file.toFile())) {
                for (ZipEntry entry : java.util.Collections.list(zip.entries())) {
                    if (!entry.getName().startsWith("docProps/")) {
                        try (InputStream in = zip.getInputStream(entry)) {
                            parts.put(entry.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
                        }
                    }
                }
            }
            return parts;
        } finally {
            Files.deleteIfExists(file);
        }
    }
}

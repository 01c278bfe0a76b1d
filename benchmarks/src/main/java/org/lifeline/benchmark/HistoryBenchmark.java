package org.lifeline.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.lifeline.calendar.CampaignCalendar;
import org.lifeline.engine.Evaluation;
import org.lifeline.engine.Lifeline;
import org.lifeline.engine.Violation;
import org.lifeline.fact.CsvFacts;
import org.lifeline.fact.FactSet;
import org.lifeline.generator.ProvinceGenerator;
import org.lifeline.history.History;
import org.lifeline.history.SinceLast;

/**
 * The history store on a whole province: for each scale, the check (CSV load + evaluation), then recording its
 * snapshot into a fresh H2 file (violations streamed in batches, per-unit counts from one pass over the facts),
 * then nine more snapshots of the same evaluation a week apart (so that the last 10 hold a province's worth of
 * rows each), then reading them back: the since-last diff, the forecasts from the last 10 snapshots, and the
 * findings (forecasts at risk and jumps).
 *
 * <p>As of 2018-10-01 (the default) every rule is in force, so a snapshot holds the most violations: the recording
 * figure. As of 2018-07-22 the 07-30/07-31 milestones are in their forecast window: the forecast figure.
 *
 * <pre>java -Xmx12g -cp … org.lifeline.benchmark.HistoryBenchmark --scales 0.1,1.0 [--as-of 2018-07-22]</pre>
 */
public final class HistoryBenchmark {

    /** One scale's figures. */
    public record Result(double scale, long facts, int violations, int shares, double loadS, double evalS, double recordS,
                         double recordShare, double tenRecordsS, double sinceLastS, double seriesS, double forecastsS, double findingsS,
                         int forecasts, int findings, long fileMb) {

        String row() {
            return String.format(Locale.ROOT, "| %.3g | %,d | %,d | %,d | %.1f | %.1f | %.2f | %.0f%% | %.1f | %.2f | %.2f | %.2f | %.2f | %,d | %,d | %,d |",
                    scale, facts, violations, shares, loadS, evalS, recordS, recordShare * 100, tenRecordsS, sinceLastS,
                    seriesS, forecastsS, findingsS, forecasts, findings, fileMb);
        }
    }

    static final String HEADER = "| scale | facts | violations | shares | CSV load s | evaluate s | record s | record / check "
            + "| 10 records s | since-last s | all series (10 snapshots) s | forecasts (last 10) s | findings s | forecasts | findings "
            + "| file MB |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|";

    private HistoryBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        List<Double> scales = List.of(0.01);
        LocalDate asOf = LocalDate.of(2018, 10, 1);
        Path work = Path.of("target", "bench");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--scales" -> scales = Arrays.stream(args[++i].split(",")).map(Double::valueOf).toList();
                case "--as-of" -> asOf = LocalDate.parse(args[++i]);
                case "--work" -> work = Path.of(args[++i]);
                default -> {
                    System.err.println("usage: HistoryBenchmark [--scales 0.1,1.0] [--as-of DATE] [--work DIR]");
                    System.exit(2);
                }
            }
        }
        System.out.printf("JVM %s %s, max heap %,d MB, %d cores%n", System.getProperty("java.vm.name"),
                System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20,
                Runtime.getRuntime().availableProcessors());
        System.out.println(HEADER);
        for (double scale : scales) {
            System.out.println(run(scale, asOf, work.resolve("scale-" + scale)).row());
        }
    }

    /** Runs one scale; the export is generated once under {@code dir/export} and reused. */
    public static Result run(double scale, LocalDate asOf, Path dir) throws IOException {
        Path csv = dir.resolve("export");
        if (!Files.isDirectory(csv)) {
            try (CsvFacts.Writer w = new CsvFacts.Writer(csv)) {
                ProvinceGenerator.generate(scale, 20180620L, w);
            }
        }
        Lifeline lifeline = Lifeline.bundled();
        long t0 = System.nanoTime();
        FactSet facts = CsvFacts.read(csv, "UTF-8", null).facts();
        long t1 = System.nanoTime();
        Evaluation e = lifeline.evaluate(facts, asOf);
        long t2 = System.nanoTime();

        Path store = dir.resolve("history");
        deleteAll(store);
        Files.createDirectories(store);
        try (History h = History.open(store.resolve("bench"))) {
            long r0 = System.nanoTime();
            h.record(e, facts);
            long r1 = System.nanoTime();
            // nine earlier snapshots of the same size, a week apart: the last 10 hold a province's rows each
            for (int week = 1; week <= 9; week++) {
                h.record(new Evaluation(asOf.minusWeeks(week), e.rulesVersion(), e.violations(), e.spotCheckPlan(),
                        e.failures(), e.shares()), facts);
            }
            long r2 = System.nanoTime();
            SinceLast since = h.sinceLast(asOf).orElseThrow();
            CampaignCalendar lastTen = lastTen(lifeline.calendar());
            long q0 = System.nanoTime();
            int forecasts = h.forecasts(asOf, lastTen).size();
            long q1 = System.nanoTime();
            List<Violation> findings = h.findings(e, facts, lastTen);
            long q2 = System.nanoTime();
            if (since.persisting() != e.violations().size()) {
                throw new IllegalStateException("since-last: " + since.persisting() + " persisting, expected " + e.violations().size());
            }
            long sinceStart = System.nanoTime();
            h.sinceLast(asOf);
            long sinceEnd = System.nanoTime();
            long seriesStart = System.nanoTime();
            for (String key : h.keys()) {
                h.series(key, asOf);
            }
            long seriesEnd = System.nanoTime();
            long bytes;
            try (Stream<Path> files = Files.list(store)) {
                bytes = files.mapToLong(p -> p.toFile().length()).sum();
            }
            double check = secs(t0, t2);
            return new Result(scale, facts.size(), e.violations().size(), e.shares().size(), secs(t0, t1), secs(t1, t2),
                    secs(r0, r1), secs(r0, r1) / check, secs(r0, r2), secs(sinceStart, sinceEnd), secs(seriesStart, seriesEnd),
                    secs(q0, q1), secs(q1, q2),
                    forecasts, findings.size(), bytes >> 20);
        }
    }

    /** The bundled calendar with forecasts fitted to the last 10 snapshots (forecastSnapshots: 10). */
    static CampaignCalendar lastTen(CampaignCalendar c) {
        java.util.Map<String, List<CampaignCalendar.Step>> milestones = new java.util.LinkedHashMap<>();
        c.milestoneKeys().forEach(k -> milestones.put(k, c.steps(k)));
        java.util.Map<String, Object> settings = new java.util.LinkedHashMap<>(c.settings());
        settings.put("forecastSnapshots", 10.0);
        return new CampaignCalendar(c.name(), c.warningDays(), c.campaignStart(), milestones, settings);
    }

    private static void deleteAll(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static double secs(long from, long to) {
        return (to - from) / 1e9;
    }
}

package org.lifeline.benchmark;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.lifeline.excel.ColumnMap;
import org.lifeline.excel.ExcelFacts;
import org.lifeline.excel.FactWorkbook;
import org.lifeline.fact.CsvFacts;
import org.lifeline.fact.FactParser;
import org.lifeline.generator.ProvinceGenerator;

/**
 * The Excel reader against the CSV reader on the same synthetic province: {@code ExcelBenchmark --scale 0.2 --runs 3
 * --xmx 8g}. Writes the province once as a CSV export and as one workbook (the generator's {@code --format xlsx})
 * under {@code target/bench/excel-S/}, then reads each in a fresh JVM per run ({@code Probe}), alternating the
 * formats, and prints the medians: seconds to a checked {@code FactSet}, the peak heap (sum of the heap pools'
 * peaks: counts garbage not yet collected), the peak live heap (largest heap just after a GC) and the heap the
 * facts keep once read (after a full GC).
 */
public final class ExcelBenchmark {

    private ExcelBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        double scale = 0.2;
        int runs = 3;
        String xmx = "8g";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--scale" -> scale = Double.parseDouble(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--xmx" -> xmx = args[++i];
                default -> throw new IllegalArgumentException("usage: ExcelBenchmark [--scale S] [--runs N] [--xmx SIZE]");
            }
        }
        Path dir = Path.of("target", "bench", "excel-" + scale);
        Path csv = dir.resolve("export");
        Path xlsx = dir.resolve("province.xlsx");
        if (!Files.isRegularFile(xlsx)) {
            Files.createDirectories(dir);
            long t = System.nanoTime();
            try (CsvFacts.Writer c = new CsvFacts.Writer(csv); FactWorkbook w = new FactWorkbook(xlsx, ColumnMap.defaults())) {
                ProvinceGenerator.generate(scale, 20180620L, f -> {
                    c.accept(f);
                    w.accept(f);
                });
            }
            System.out.printf(Locale.ROOT, "wrote %s and %s in %.0f s%n", csv, xlsx, (System.nanoTime() - t) / 1e9);
        }
        System.out.printf(Locale.ROOT, "CSV export %,d MB, workbook %,d MB%n", size(csv) >> 20, Files.size(xlsx) >> 20);
        List<double[]> csvRuns = new ArrayList<>();
        List<double[]> xlsxRuns = new ArrayList<>();
        for (int r = 0; r < runs; r++) {
            csvRuns.add(probe(xmx, "csv", csv));
            xlsxRuns.add(probe(xmx, "xlsx", xlsx));
        }
        System.out.println("| reader | facts | read s | peak heap MB | peak live MB | facts keep MB |");
        System.out.println("|---|---|---|---|---|---|");
        row("CSV (`CsvFacts.read`, 4 threads)", csvRuns);
        row("xlsx (`ExcelFacts.read`, SAX)", xlsxRuns);
    }

    private static long size(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            return s.mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static void row(String name, List<double[]> runs) {
        System.out.printf(Locale.ROOT, "| %s | %,d | %.1f | %,d | %,d | %,d |%n", name, (long) runs.get(0)[0],
                median(runs, 1), (long) median(runs, 2), (long) median(runs, 3), (long) median(runs, 4));
    }

    private static double median(List<double[]> runs, int i) {
        double[] v = runs.stream().mapToDouble(r -> r[i]).sorted().toArray();
        return v[v.length / 2];
    }

    /** One read in a fresh JVM: facts, seconds, peak heap MB, peak live MB, kept MB. */
    private static double[] probe(String xmx, String format, Path path) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx" + xmx, "-cp", System.getProperty("java.class.path"),
                Probe.class.getName(), format, path.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("probe failed: " + out);
        }
        String last = out.lines().reduce((a, b) -> b).orElse("");
        System.out.println(format + ": " + last);
        return Arrays.stream(last.split(" ")).mapToDouble(Double::parseDouble).toArray();
    }

    /** Reads one export once and prints: facts seconds peakHeapMB peakLiveMB keptMB. */
    public static final class Probe {
        private static final AtomicLong LIVE = new AtomicLong();

        private Probe() {
        }

        public static void main(String[] args) {
            listenToGc();
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                pool.resetPeakUsage();
            }
            long t = System.nanoTime();
            Path path = Path.of(args[1]);
            CsvFacts.Loaded loaded = args[0].equals("csv") ? CsvFacts.read(path, "UTF-8", null)
                    : ExcelFacts.read(path, ColumnMap.defaults(), "UTF-8", null, false, FactParser.Limits.DEFAULT);
            double secs = (System.nanoTime() - t) / 1e9;
            long peak = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP) {
                    peak += pool.getPeakUsage().getUsed();
                }
            }
            System.gc();
            Runtime rt = Runtime.getRuntime();
            long kept = rt.totalMemory() - rt.freeMemory();
            System.out.printf(Locale.ROOT, "%d %.2f %d %d %d%n", loaded.facts().size(), secs, peak >> 20,
                    Math.max(LIVE.get(), kept) >> 20, kept >> 20);
        }

        private static void listenToGc() {
            for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                ((javax.management.NotificationEmitter) gc).addNotificationListener((n, h) -> {
                    if (!com.sun.management.GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
                        return;
                    }
                    var info = com.sun.management.GarbageCollectionNotificationInfo
                            .from((javax.management.openmbean.CompositeData) n.getUserData());
                    long used = 0;
                    for (var e : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                        if (!e.getKey().contains("Metaspace") && !e.getKey().contains("Code") && !e.getKey().contains("Class")) {
                            used += e.getValue().getUsed();
                        }
                    }
                    LIVE.accumulateAndGet(used, Math::max);
                }, null, null);
            }
        }
    }
}

package org.lifeline.flink;

import static org.lifeline.flink.BenchJvm.cpu;
import static org.lifeline.flink.BenchJvm.env;
import static org.lifeline.flink.BenchJvm.peakMb;
import static org.lifeline.flink.BenchJvm.resetPeaks;
import static org.lifeline.flink.BenchJvm.secs;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple4;
import org.apache.flink.util.CloseableIterator;
import org.lifeline.engine.Lifeline;
import org.lifeline.engine.Violation;
import org.lifeline.fact.CsvFacts;

/**
 * A CSV export evaluated by the engine (the oracle: {@code Lifeline.evaluate} on the strictly loaded export), then by
 * the Flink job on a local MiniCluster in this JVM (FileSource over the export, routing stages, keyed evaluation;
 * BATCH, generic types off) at each parallelism, several runs: wall and process CPU time, peak heap (sum of the
 * heap pools' peaks over the step, reset after a GC before it: client, MiniCluster and slots together), the number
 * of findings and whether they equal the engine's. Then once, the routing alone: rows per key (the largest key's
 * facts, and its organisations). Not a test: benchmarks/RESULTS.md ("Flink") gives the command.
 *
 * <p>Arguments: export directory, as-of date (2018-10-01), parallelisms (1,2), runs (3). System properties
 * {@code -Dbench.engine=false} skips the engine (for an input the engine and the job cannot hold in one JVM: the
 * job's findings are then only counted) and {@code -Dbench.routing=false} skips the routing-only pass.
 */
public final class FlinkExportBenchmark {

    private FlinkExportBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String dir = args[0];
        LocalDate asOf = LocalDate.parse(args.length > 1 ? args[1] : "2018-10-01");
        String[] parallelisms = (args.length > 2 ? args[2] : "1,2").split(",");
        int runs = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        System.out.printf("export %s, as of %s, max heap %,d MB, %d processors%n", dir, asOf,
                Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors());

        List<Violation> engine = null;
        if (Boolean.parseBoolean(System.getProperty("bench.engine", "true"))) {
            resetPeaks();
            long t0 = System.nanoTime();
            long c0 = cpu();
            {
                CsvFacts.Loaded loaded = CsvFacts.read(Path.of(dir), "UTF-8", null);
                System.out.printf("facts: %,d%n", loaded.facts().size());
                engine = Lifeline.bundled().evaluate(loaded.facts(), asOf).violations();
            }
            System.out.printf("engine (load + evaluate): %.1f s wall, %.1f s CPU, peak heap %,d MB, %,d findings%n",
                    secs(t0), (cpu() - c0) / 1e9, peakMb(), engine.size());
        }
        if (Boolean.parseBoolean(System.getProperty("bench.routing", "true"))) {
            routingOnly(dir, asOf, Integer.parseInt(parallelisms[parallelisms.length - 1]));
        }
        for (int run = 1; run <= runs; run++) {
            for (String p : parallelisms) {
                resetPeaks();
                long t1 = System.nanoTime();
                long c1 = cpu();
                LifelineJob job = new LifelineJob(asOf, null);
                List<Violation> flink = job.evaluate(job.routedFacts(env(Integer.parseInt(p)), dir, "UTF-8")).violations();
                System.out.printf("run %d flink p=%s: %.1f s wall, %.1f s CPU, peak heap %,d MB, %,d findings, "
                        + "equal to the engine's: %s%n", run, p, secs(t1), (cpu() - c1) / 1e9, peakMb(), flink.size(),
                        engine == null ? "not compared" : String.valueOf(flink.equals(engine)));
            }
        }
    }

    /** The routing alone: rows per key, printed for the five largest keys and in total. */
    @SuppressWarnings("try") // the collect iterator's close() may throw InterruptedException: the caller's
    private static void routingOnly(String dir, LocalDate asOf, int parallelism) throws Exception {
        long t = System.nanoTime();
        List<Tuple4<String, Long, Long, Long>> perKey = new ArrayList<>();
        try (CloseableIterator<Tuple4<String, Long, Long, Long>> it = new LifelineJob(asOf, null)
                .routedFacts(env(parallelism), dir, "UTF-8")
                .map(r -> Tuple4.of(r.key, 1L, r.kind.equals("organizations") ? 1L : 0L,
                                r.kind.equals("members") ? 1L : 0L),
                        Types.TUPLE(Types.STRING, Types.LONG, Types.LONG, Types.LONG))
                .keyBy(x -> x.f0)
                .reduce((a, b) -> Tuple4.of(a.f0, a.f1 + b.f1, a.f2 + b.f2, a.f3 + b.f3))
                .executeAndCollect("routing only")) {
            it.forEachRemaining(perKey::add);
        }
        perKey.sort(Comparator.comparingLong((Tuple4<String, Long, Long, Long> x) -> x.f1).reversed());
        long rows = perKey.stream().mapToLong(x -> x.f1).sum();
        long orgRows = perKey.stream().mapToLong(x -> x.f2).sum();
        System.out.printf("routing only p=%d: %.1f s, %d keys, %,d rows (%,d organisation rows)%n", parallelism,
                secs(t), perKey.size(), rows, orgRows);
        perKey.stream().limit(5).forEach(x -> System.out.printf("  key %s: %,d facts (%,d organisations, %,d members)%n",
                x.f0, x.f1, x.f2, x.f3));
        perKey.stream().max(Comparator.comparingLong(x -> x.f3)).ifPresent(x -> System.out.printf(
                "  most members: key %s, %,d members (%,d facts)%n", x.f0, x.f3, x.f1));
    }
}

package org.lifeline.flink;

import static org.lifeline.flink.BenchJvm.env;
import static org.lifeline.flink.BenchJvm.peakMb;
import static org.lifeline.flink.BenchJvm.resetPeaks;
import static org.lifeline.flink.BenchJvm.secs;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.lifeline.engine.Lifeline;
import org.lifeline.engine.Violation;
import org.lifeline.fact.FactSet;
import org.lifeline.generator.ProvinceGenerator;

/**
 * A generated province evaluated by the engine, then by the Flink job on a local MiniCluster (in this JVM) at each
 * parallelism, several runs: wall time, peak heap (sum of the heap pools' peaks, reset before each step), and
 * whether the findings are the same. Not a test: {@code rules-flink/README.md} gives the command.
 *
 * <p>Arguments: scale (0.1), as-of date (2018-10-01), parallelisms (1,2), runs (3).
 */
public final class FlinkBenchmark {

    private FlinkBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        double scale = args.length > 0 ? Double.parseDouble(args[0]) : 0.1;
        LocalDate asOf = LocalDate.parse(args.length > 1 ? args[1] : "2018-10-01");
        String[] parallelisms = (args.length > 2 ? args[2] : "1,2").split(",");
        int runs = args.length > 3 ? Integer.parseInt(args[3]) : 3;

        FactSet facts = FactSet.of(ProvinceGenerator.generate(scale, 20180620L));
        System.out.printf("scale %s: %,d facts, as of %s, max heap %,d MB%n", scale, facts.size(), asOf,
                Runtime.getRuntime().maxMemory() >> 20);
        Lifeline rules = Lifeline.bundled();
        for (int run = 1; run <= runs; run++) {
            resetPeaks();
            long t0 = System.nanoTime();
            List<Violation> engine = rules.evaluate(facts, asOf).violations();
            System.out.printf("run %d engine: %.1f s, peak heap %,d MB, %,d violations%n", run, secs(t0), peakMb(),
                    engine.size());
            for (String p : parallelisms) {
                engine = new ArrayList<>(engine);
                resetPeaks();
                long t1 = System.nanoTime();
                long rows = Routing.route(facts, asOf).size(); // the client-side oracle of the routing, for its row count
                double routing = secs(t1);
                long t2 = System.nanoTime();
                List<Violation> flink = new LifelineJob(asOf, null).evaluate(env(Integer.parseInt(p)), facts);
                System.out.printf("run %d flink p=%s: %.1f s (routing %.1f s, %,d rows), peak heap %,d MB, same "
                        + "findings: %s%n", run, p, secs(t2), routing, rows, peakMb(), flink.equals(engine));
            }
        }
    }
}

package org.lifeline.benchmark;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.lifeline.fact.CsvFacts;
import org.lifeline.fact.FactKind;
import org.lifeline.fact.FactParser;

/**
 * The CSV path file by file, on one thread, in CPU time (robust on a shared machine, where wall time measures the
 * neighbours): the physical read ({@code Files.readAllBytes}, from the page cache) against {@code CsvFacts.readFile}
 * (decode, tokenize, check, build the facts), in MB/s, best of {@code --rounds}, and the bytes the parse allocates
 * on the heap (the thread's allocation counter, independent of the machine's load).
 *
 * <pre>java -cp … org.lifeline.benchmark.CsvProbe target/bench/scale-0.1/export [--rounds 5]</pre>
 */
public final class CsvProbe {

    private CsvProbe() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int rounds = args.length > 2 && args[1].equals("--rounds") ? Integer.parseInt(args[2]) : 5;
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        com.sun.management.ThreadMXBean alloc = (com.sun.management.ThreadMXBean) cpu;
        System.out.println("| file | MB | read MB/s (CPU) | parse MB/s (CPU) | parse s (CPU, best) | parse allocates MB | rows |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (String name : new String[] {"members", "feePayments"}) {
            Path file = dir.resolve(name + ".csv");
            FactKind kind = java.util.Arrays.stream(FactKind.values()).filter(k -> k.key().equals(name)).findFirst().orElseThrow();
            double mb = Files.size(file) / 1e6;
            long bestRead = Long.MAX_VALUE;
            long bestParse = Long.MAX_VALUE;
            int rows = 0;
            long allocated = 0;
            for (int r = 0; r < rounds; r++) {
                long t0 = cpu.getCurrentThreadCpuTime();
                byte[] bytes = Files.readAllBytes(file);
                long t1 = cpu.getCurrentThreadCpuTime();
                bytes = null;
                long a0 = alloc.getThreadAllocatedBytes(Thread.currentThread().getId());
                CsvFacts.FileResult res = CsvFacts.readFile(file, kind, "UTF-8", null, FactParser.Limits.DEFAULT);
                long t2 = cpu.getCurrentThreadCpuTime();
                allocated = alloc.getThreadAllocatedBytes(Thread.currentThread().getId()) - a0;
                rows = res.facts().size();
                res = null;
                bestRead = Math.min(bestRead, t1 - t0);
                bestParse = Math.min(bestParse, t2 - t1);
                System.gc();
            }
            System.out.printf(Locale.ROOT, "| %s | %.0f | %.0f | %.1f | %.2f | %,.0f | %,d |%n", name, mb,
                    mb / (bestRead / 1e9), mb / (bestParse / 1e9), bestParse / 1e9, allocated / 1e6, rows);
        }
    }
}

package org.lifeline.benchmark;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.management.ObjectName;
import org.lifeline.fact.CsvFacts;
import org.lifeline.fact.FactKind;
import org.lifeline.fact.FactParser;
import org.lifeline.fact.FactSet;

/**
 * Where the CSV load's time goes, in CPU time (robust on a shared machine): per round, the files parsed one after the
 * other on this thread ({@code CsvFacts.readFile}: decode, tokenize, check, build the facts), then the
 * {@code FactSet} built from them on this thread (adding, duplicate ids, the tree, the references), and the GC's
 * time over both; then the whole {@code CsvFacts.read} (files in parallel) in wall time and process CPU time. With
 * {@code --histogram}, after the last round the loaded set is kept and the live heap's largest classes printed (the
 * same as {@code jcmd <pid> GC.class_histogram}, which collects first). With {@code --once}: one {@code CsvFacts.read}
 * and nothing else, to find the smallest {@code -Xmx} the load fits in (its transient peak).
 *
 * <pre>java -Xmx4g -cp … org.lifeline.benchmark.LoadProbe target/bench/scale-0.1/export [--rounds 4] [--histogram] [--once]</pre>
 */
public final class LoadProbe {

    private LoadProbe() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        List<String> rest = List.of(args).subList(1, args.length);
        int rounds = rest.contains("--rounds") ? Integer.parseInt(rest.get(rest.indexOf("--rounds") + 1)) : 4;
        boolean histogram = rest.contains("--histogram");
        if (rest.contains("--once")) {
            // one CsvFacts.read and nothing else: run at decreasing -Xmx to find the smallest heap the load fits in
            System.out.printf(Locale.ROOT, "%,d facts%n", CsvFacts.read(dir, "UTF-8", null).facts().size());
            return;
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        System.out.println("| round | parse CPU s (one thread) | build CPU s | GC s (parse+build) | read wall s | read process CPU s | facts |");
        System.out.println("|---|---|---|---|---|---|---|");
        CsvFacts.Loaded kept = null;
        for (int r = 1; r <= rounds; r++) {
            kept = null;
            System.gc();
            long gc0 = gcMillis();
            long t0 = threads.getCurrentThreadCpuTime();
            List<CsvFacts.FileResult> files = new ArrayList<>();
            for (FactKind k : FactKind.values()) {
                Path f = dir.resolve(k.key() + ".csv");
                if (Files.exists(f)) {
                    files.add(CsvFacts.readFile(f, k, "UTF-8", null, FactParser.Limits.DEFAULT));
                }
            }
            long t1 = threads.getCurrentThreadCpuTime();
            FactSet.Builder b = FactSet.builder();
            for (CsvFacts.FileResult res : files) {
                for (int i = 0; i < res.facts().size(); i++) {
                    b.add(res.facts().get(i), res.name(), res.lines()[i]);
                }
            }
            FactSet set = b.build();
            long t2 = threads.getCurrentThreadCpuTime();
            long gc1 = gcMillis();
            files = null;
            set = null;
            b = null;
            System.gc();
            long p0 = os.getProcessCpuTime();
            long w0 = System.nanoTime();
            kept = CsvFacts.read(dir, "UTF-8", null);
            long w1 = System.nanoTime();
            long p1 = os.getProcessCpuTime();
            System.out.printf(Locale.ROOT, "| %d | %.2f | %.2f | %.2f | %.2f | %.2f | %,d |%n", r, (t1 - t0) / 1e9,
                    (t2 - t1) / 1e9, (gc1 - gc0) / 1e3, (w1 - w0) / 1e9, (p1 - p0) / 1e9, kept.facts().size());
        }
        if (histogram) {
            String h = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                    new Object[] {new String[0]}, new String[] {String[].class.getName()});
            String[] lines = h.split("\n");
            for (int i = 0; i < Math.min(lines.length, 22); i++) {
                System.out.println(lines[i]);
            }
            System.out.println(lines[lines.length - 1]);
            System.out.println("(kept: " + kept.facts().size() + " facts)");
        }
    }

    private static long gcMillis() {
        long sum = 0;
        for (GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) {
            sum += Math.max(0, b.getCollectionTime());
        }
        return sum;
    }
}

package org.lifeline.benchmark;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.lifeline.engine.Evaluation;
import org.lifeline.engine.Lifeline;
import org.lifeline.fact.CsvFacts;
import org.lifeline.fact.FactSet;

/**
 * Profiling aid for the snapshot evaluation alone: loads an export once, then evaluates it with every rule
 * {@code ROUNDS} times and prints, per round, the wall time, the CPU time and the bytes allocated by the
 * evaluation's worker thread (sampled every 20 ms while it runs), and optionally the live heap above the loaded
 * facts (a full collection every {@code --sample-ms} ms during the evaluation: slows it, so not with the times).
 * {@code EvalProbe EXPORT_DIR [--rounds N] [--as-of DATE] [--sample-ms MS] [--phases]}; {@code --phases} logs each
 * phase's wall time (the engine's DEBUG line). Also prints the characters of every violation's {@code explain}.
 */
public final class EvalProbe {

    private EvalProbe() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int rounds = 3;
        long sampleMs = 0;
        LocalDate asOf = LocalDate.of(2018, 10, 1);
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--as-of" -> asOf = LocalDate.parse(args[++i]);
                case "--sample-ms" -> sampleMs = Long.parseLong(args[++i]);
                case "--phases" -> ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("org.lifeline.engine"))
                        .setLevel(ch.qos.logback.classic.Level.DEBUG);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Lifeline lifeline = Lifeline.bundled();
        FactSet facts = CsvFacts.read(dir, "UTF-8", null).facts();
        System.gc();
        long base = used();
        System.out.printf(Locale.ROOT, "%,d facts, heap after load %,d MB%n", facts.size(), base >> 20);
        System.out.println("| round | wall s | worker CPU s | worker allocated MB | violations | explain chars | live above facts MB |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (int r = 1; r <= rounds; r++) {
            System.gc();
            AtomicLong cpu = new AtomicLong();
            AtomicLong alloc = new AtomicLong();
            AtomicLong live = new AtomicLong();
            final long every = sampleMs;
            Thread sampler = new Thread(() -> sample(cpu, alloc, live, every, base), "probe-sampler");
            sampler.setDaemon(true);
            sampler.start();
            long t0 = System.nanoTime();
            Evaluation e = lifeline.evaluate(facts, asOf);
            long t1 = System.nanoTime();
            sampler.interrupt();
            sampler.join();
            long explained = e.violations().stream().mapToLong(v -> v.explain().length()).sum();
            System.out.printf(Locale.ROOT, "| %d | %.2f | %.2f | %,d | %,d | %,d | %s |%n", r, (t1 - t0) / 1e9, cpu.get() / 1e9,
                    alloc.get() >> 20, e.violations().size(), explained,
                    sampleMs > 0 ? String.format("%,d", live.get() >> 20) : "–");
        }
    }

    private static long used() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Until interrupted: the worker's CPU time and allocation (the last seen), and the live heap's peak. */
    private static void sample(AtomicLong cpu, AtomicLong alloc, AtomicLong live, long sampleMs, long base) {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long lastGc = System.nanoTime();
        while (!Thread.currentThread().isInterrupted()) {
            for (ThreadInfo t : threads.getThreadInfo(threads.getAllThreadIds())) {
                if (t != null && t.getThreadName().startsWith("lifeline-evaluation")) {
                    long c = threads.getThreadCpuTime(t.getThreadId());
                    long a = threads.getThreadAllocatedBytes(t.getThreadId());
                    if (c > 0) {
                        cpu.set(c);
                    }
                    if (a > 0) {
                        alloc.set(a);
                    }
                }
            }
            if (sampleMs > 0 && System.nanoTime() - lastGc > sampleMs * 1_000_000) {
                System.gc();
                live.accumulateAndGet(used() - base, Math::max);
                lastGc = System.nanoTime();
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}

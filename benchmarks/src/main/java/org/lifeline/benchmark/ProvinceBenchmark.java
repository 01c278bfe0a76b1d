package org.lifeline.benchmark;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.lifeline.engine.Evaluation;
import org.lifeline.engine.Lifeline;
import org.lifeline.engine.Violation;
import org.lifeline.fact.CsvFacts;
import org.lifeline.fact.FactSet;
import org.lifeline.fact.Member;
import org.lifeline.generator.ProvinceGenerator;

/**
 * Whole-province runs: for each scale, generate the CSV export, then time the KieBase build, the CSV load and the
 * snapshot evaluation with every rule, read the peak heap, check the rules against the plain-Java reference on
 * its subset (and time both, median of three rounds), and optionally time single live changes.
 *
 * <pre>java -Xmx12g -cp … org.lifeline.benchmark.ProvinceBenchmark --scales 0.1,0.5,1.0 --live 10000 --as-of 2018-10-01</pre>
 */
public final class ProvinceBenchmark {

    /** One scale's figures. */
    public record Result(double scale, long members, long facts, double buildS, double loadS, double evalS, long peakHeapMb,
                         long peakLiveMb, int violations, double subsetRulesS, double referenceS, boolean referenceAgrees,
                         double liveMedianMs, double liveP99Ms, double liveMaxMs, int liveChanges) {

        String row() {
            return String.format(Locale.ROOT, "| %.3g | %,d | %,d | %.1f | %.1f | %.1f | %,d | %,d | %,d | %.2f | %.2f | %.2f | %s | %s | %s | %s |",
                    scale, members, facts, buildS, loadS, evalS, peakHeapMb, peakLiveMb, violations, subsetRulesS, referenceS,
                    subsetRulesS / Math.max(referenceS, 1e-9), referenceAgrees ? "yes" : "**NO**",
                    liveChanges == 0 ? "–" : String.format(Locale.ROOT, "%.2f", liveMedianMs),
                    liveChanges == 0 ? "–" : String.format(Locale.ROOT, "%.2f", liveP99Ms),
                    liveChanges == 0 ? "–" : String.format(Locale.ROOT, "%.2f", liveMaxMs));
        }
    }

    static final String HEADER = "| scale | members | facts | build s | CSV load s | evaluate s | peak heap MB "
            + "| peak live MB | violations | subset rules s | reference s | ratio | same findings | live median ms "
            + "| live p99 ms | live max ms |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|";

    private ProvinceBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        List<Double> scales = List.of(0.01);
        int live = 0;
        LocalDate asOf = LocalDate.of(2018, 10, 1);
        Path work = Path.of("target", "bench");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--scales" -> scales = Arrays.stream(args[++i].split(",")).map(Double::valueOf).toList();
                case "--live" -> live = Integer.parseInt(args[++i]);
                case "--as-of" -> asOf = LocalDate.parse(args[++i]);
                case "--work" -> work = Path.of(args[++i]);
                default -> {
                    System.err.println("usage: ProvinceBenchmark [--scales 0.1,0.5,1.0] [--live N] [--as-of DATE] [--work DIR]");
                    System.exit(2);
                }
            }
        }
        System.out.printf("JVM %s %s, max heap %,d MB, %d cores%n", System.getProperty("java.vm.name"),
                System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20,
                Runtime.getRuntime().availableProcessors());
        System.out.println(HEADER);
        for (double scale : scales) {
            Result r = run(scale, asOf, live, work.resolve("scale-" + scale));
            System.out.println(r.row());
        }
    }

    /** Runs one scale. */
    public static Result run(double scale, LocalDate asOf, int liveChanges, Path dir) throws IOException {
        Path csv = dir.resolve("export");
        if (!Files.isDirectory(csv)) {
            try (CsvFacts.Writer w = new CsvFacts.Writer(csv)) {
                ProvinceGenerator.generate(scale, 20180620L, w);
            }
        }
        gc();
        resetPeaks();
        LIVE_AFTER_GC.set(0);
        long t0 = System.nanoTime();
        Lifeline lifeline = Lifeline.bundled();
        long t1 = System.nanoTime();
        FactSet facts = CsvFacts.read(csv, "UTF-8", null).facts();
        long t2 = System.nanoTime();
        Evaluation e = lifeline.evaluate(facts, asOf);
        long t3 = System.nanoTime();
        long peak = peakHeapMb();
        long peakLive = LIVE_AFTER_GC.get() >> 20;
        int violations = e.violations().size();
        e = null;

        // the reference subset: same facts, same date, only its rules
        // three rounds, each timed alone; the medians are reported (a single round is at the mercy of the GC)
        Lifeline subset = Lifeline.builder().onlyRules(Reference.RULES_TO_LOAD).build();
        double[] rulesS = new double[SUBSET_ROUNDS];
        double[] referenceS = new double[SUBSET_ROUNDS];
        Evaluation se = null;
        Set<Reference.Finding> expected = null;
        for (int round = 0; round < SUBSET_ROUNDS; round++) {
            se = null;
            gc();
            long s0 = System.nanoTime();
            se = subset.evaluate(facts, asOf);
            long s1 = System.nanoTime();
            expected = Reference.evaluate(facts, asOf, lifeline.calendar());
            long s2 = System.nanoTime();
            rulesS[round] = secs(s0, s1);
            referenceS[round] = secs(s1, s2);
        }
        Set<Reference.Finding> actual = new HashSet<>();
        for (Violation v : se.violations()) {
            actual.add(new Reference.Finding(v.ruleId(), v.subjectId(), v.severity(), v.memberIds(),
                    v.measured() == null ? null : String.format("%.9f", v.measured())));
        }
        boolean agrees = actual.equals(expected);
        java.util.Map<String, Long> perRule = new java.util.TreeMap<>();
        expected.forEach(f -> perRule.merge(f.ruleId(), 1L, Long::sum));
        System.err.println("reference findings per rule at scale " + scale + ": " + perRule);
        if (!agrees) {
            Set<Reference.Finding> onlyRules = new HashSet<>(actual);
            onlyRules.removeAll(expected);
            Set<Reference.Finding> onlyRef = new HashSet<>(expected);
            onlyRef.removeAll(actual);
            System.err.println("rules only: " + onlyRules.stream().limit(5).toList());
            System.err.println("reference only: " + onlyRef.stream().limit(5).toList());
        }
        se = null;

        long members = facts.all(Member.class).size();
        long factCount = facts.size();
        double median = 0;
        double p99 = 0;
        double max = 0;
        if (liveChanges > 0) {
            // the monitor keeps its own copy of every fact: the checked set is let go once the monitor has taken them
            Lifeline forLive = lifeline;
            FactSet[] held = {facts};
            facts = null;
            double[] ms = live(forLive, held, asOf, liveChanges);
            median = ms[0];
            p99 = ms[1];
            max = ms[2];
        }
        return new Result(scale, members, factCount, secs(t0, t1), secs(t1, t2), secs(t2, t3), peak, peakLive, violations,
                median(rulesS), median(referenceS), agrees, median, p99, max, liveChanges);
    }

    /** Median, p99 and max in ms of single changes: a member reports online, a transfer completes, a payment arrives. */
    static double[] live(Lifeline lifeline, FactSet[] held, LocalDate asOf, int changes) {
        LiveChanges.Run r = LiveChanges.run(lifeline, held, asOf, changes);
        System.err.print(r.summary());
        return r.medianP99Max();
    }

    private static final int SUBSET_ROUNDS = 3;

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static double secs(long a, long b) {
        return (b - a) / 1e9;
    }

    /** The largest heap in use just after a garbage collection since the last reset: the peak live heap. */
    private static final java.util.concurrent.atomic.AtomicLong LIVE_AFTER_GC = new java.util.concurrent.atomic.AtomicLong();

    private static final Set<String> HEAP_POOLS = new HashSet<>();

    static {
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                HEAP_POOLS.add(p.getName());
            }
        }
        for (java.lang.management.GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((javax.management.NotificationEmitter) gc).addNotificationListener((notification, handback) -> {
                if (!com.sun.management.GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION
                        .equals(notification.getType())) {
                    return;
                }
                var info = com.sun.management.GarbageCollectionNotificationInfo
                        .from((javax.management.openmbean.CompositeData) notification.getUserData());
                long used = 0;
                for (var e : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                    if (HEAP_POOLS.contains(e.getKey())) {
                        used += e.getValue().getUsed();
                    }
                }
                LIVE_AFTER_GC.accumulateAndGet(used, Math::max);
            }, null, null);
        }
    }

    private static void gc() {
        System.gc();
        System.gc();
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            p.resetPeakUsage();
        }
    }

    /** The sum of the heap pools' peaks since the last reset (an upper bound on the live heap's peak). */
    private static long peakHeapMb() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                sum += p.getPeakUsage().getUsed();
            }
        }
        return sum >> 20;
    }
}

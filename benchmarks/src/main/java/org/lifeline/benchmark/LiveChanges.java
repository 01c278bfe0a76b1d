package org.lifeline.benchmark;

import java.lang.management.ManagementFactory;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.lifeline.engine.Lifeline;
import org.lifeline.engine.Monitor;
import org.lifeline.engine.Violation;
import org.lifeline.engine.ViolationListener;
import org.lifeline.fact.Fact;
import org.lifeline.fact.FactSet;
import org.lifeline.fact.FeePayment;
import org.lifeline.fact.Member;
import org.lifeline.fact.PaymentChannel;
import org.lifeline.fact.Transfer;
import org.lifeline.fact.TransferStatus;

/**
 * The live part of the benchmarks: a monitor loaded with a whole province, then single changes in turn (a member
 * reports online, a pending transfer completes, an online payment arrives), each timed from the call to its return,
 * callbacks included. Besides wall times it reads, over all the changes, the CPU time and the bytes allocated by
 * every thread of the JVM (the rules fire on the monitor's worker thread).
 */
final class LiveChanges {

    /** The kinds of change, taken in turn. */
    static final String[] KINDS = {"member reports", "transfer completes", "payment arrives"};

    /**
     * What the changes took.
     *
     * @param nanos        each change's wall time, in the order made
     * @param kinds        each change's kind (an index into {@link #KINDS})
     * @param cpuNanos     CPU time of every thread over all the changes
     * @param allocated    bytes allocated by every thread over all the changes
     * @param heard        callbacks the listener heard
     * @param gcs          garbage collections during the changes
     * @param gcMaxMs      the longest of them, in ms (a change that waited for it took at least that long)
     * @param window       the JVM's uptime in ms when the changes started and ended (to read a GC log against)
     */
    record Run(long[] nanos, int[] kinds, long cpuNanos, long allocated, long heard, long gcs, long gcMaxMs,
               long[] window) {

        double[] medianP99Max() {
            return stats(nanos);
        }

        /** Median, p99 and max in ms of the changes of one kind. */
        double[] of(int kind) {
            return stats(Arrays.stream(indices(kind)).mapToLong(i -> nanos[i]).toArray());
        }

        private int[] indices(int kind) {
            return java.util.stream.IntStream.range(0, kinds.length).filter(i -> kinds[i] == kind).toArray();
        }

        String summary() {
            StringBuilder b = new StringBuilder();
            double[] all = medianP99Max();
            b.append(String.format(Locale.ROOT, "%d changes: median %.3f ms, p99 %.3f ms, max %.1f ms; "
                            + "CPU %.3f ms/change (all threads), %.1f KB allocated/change, %d callbacks%n",
                    nanos.length, all[0], all[1], all[2], cpuNanos / 1e6 / nanos.length,
                    allocated / 1024.0 / nanos.length, heard));
            b.append(String.format(Locale.ROOT, "  %d garbage collections during the changes, the longest %d ms "
                    + "(JVM uptime %d–%d ms)%n", gcs, gcMaxMs, window[0], window[1]));
            for (int k = 0; k < KINDS.length; k++) {
                double[] s = of(k);
                b.append(String.format(Locale.ROOT, "  %-19s median %.3f ms, p99 %.3f ms, max %.1f ms%n",
                        KINDS[k], s[0], s[1], s[2]));
            }
            return b.toString();
        }
    }

    /** With {@code -Dlive.kind=0|1|2}, only that kind of change (profiling one kind). */
    private static final int ONLY_KIND = Integer.getInteger("live.kind", -1);

    private LiveChanges() {
    }

    static double[] stats(long[] values) {
        if (values.length == 0) {
            return new double[3];
        }
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return new double[] {sorted[n / 2] / 1e6, sorted[(int) Math.min(n - 1, Math.ceil(n * 0.99) - 1)] / 1e6,
                sorted[n - 1] / 1e6};
    }

    /** Loads a monitor with the facts (let go of through {@code held}) and makes the changes. */
    static Run run(Lifeline lifeline, FactSet[] held, LocalDate asOf, int changes) {
        FactSet facts = held[0];
        held[0] = null;
        long[] heard = new long[1];
        ViolationListener listener = new ViolationListener() {
            @Override
            public void raised(Violation v) {
                heard[0]++;
            }

            @Override
            public void resolved(Violation v) {
                heard[0]++;
            }

            @Override
            public void changed(Violation before, Violation after) {
                heard[0]++;
            }
        };
        List<Member> unreported = new ArrayList<>(facts.all(Member.class).stream().filter(m -> m.reportedAt() == null).toList());
        List<Transfer> pending = new ArrayList<>(facts.all(Transfer.class).stream()
                .filter(t -> t.status() == TransferStatus.PENDING).toList());
        List<Member> all = new ArrayList<>(facts.all(Member.class));
        Random rnd = new Random(7);
        long[] nanos = new long[changes];
        int[] kinds = new int[changes];
        List<Fact> given = facts.stream().toList();
        facts = null;
        try (Monitor m = lifeline.monitor(asOf, listener)) {
            m.insertAll(given);
            given = null;
            jdk.jfr.Recording rec = startRecording();
            GcWatch gc = new GcWatch();
            long upFrom = ManagementFactory.getRuntimeMXBean().getUptime();
            long[] before = cpuAndAllocated();
            for (int i = 0; i < changes; i++) {
                int kind = ONLY_KIND >= 0 ? ONLY_KIND : i % 3;
                long start;
                if (kind == 0 && !unreported.isEmpty()) {
                    Member x = unreported.remove(unreported.size() - 1);
                    Member reported = new Member(x.id(), x.orgId(), x.joinedOn(), x.memberNumber(),
                            LocalDateTime.of(asOf, LocalTime.NOON).minusDays(1), x.workUnitId(), x.graduationYear(),
                            x.schoolOrgId(), x.personKey(), x.staysAtSchool());
                    start = System.nanoTime();
                    m.update(reported);
                } else if (kind == 1 && !pending.isEmpty()) {
                    Transfer t = pending.remove(pending.size() - 1);
                    Transfer done = new Transfer(t.id(), t.memberId(), t.fromOrgId(), t.toOrgId(), t.appliedOn(), asOf,
                            TransferStatus.COMPLETED);
                    start = System.nanoTime();
                    m.update(done);
                } else {
                    kind = 2;
                    Member payer = all.get(rnd.nextInt(all.size()));
                    FeePayment p = new FeePayment("BENCH-P" + i, payer.id(), YearMonth.of(2018, 9),
                            asOf.withDayOfMonth(1).minusDays(2), PaymentChannel.ONLINE, 50, "acct-" + payer.id());
                    start = System.nanoTime();
                    m.insert(p);
                }
                nanos[i] = System.nanoTime() - start;
                kinds[i] = kind;
            }
            long[] after = cpuAndAllocated();
            long upTo = ManagementFactory.getRuntimeMXBean().getUptime();
            gc.close();
            stopRecording(rec);
            return new Run(nanos, kinds, after[0] - before[0], after[1] - before[1], heard[0], gc.count.get(),
                    gc.longest.get(), new long[] {upFrom, upTo});
        }
    }

    /**
     * With {@code -Dlive.jfr=FILE}, a flight recording ("profile" settings) of the changes alone (not the load),
     * written to FILE when they are done.
     */
    private static jdk.jfr.Recording startRecording() {
        String file = System.getProperty("live.jfr");
        if (file == null) {
            return null;
        }
        try {
            jdk.jfr.Recording r = new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile"));
            r.setDestination(java.nio.file.Path.of(file));
            r.start();
            return r;
        } catch (java.io.IOException | java.text.ParseException e) {
            throw new IllegalStateException("cannot record to " + file, e);
        }
    }

    private static void stopRecording(jdk.jfr.Recording r) {
        if (r != null) {
            r.stop();
            r.close();
        }
    }

    /** Counts the garbage collections while open, and keeps the longest. */
    private static final class GcWatch implements javax.management.NotificationListener, AutoCloseable {
        final java.util.concurrent.atomic.AtomicLong count = new java.util.concurrent.atomic.AtomicLong();
        final java.util.concurrent.atomic.AtomicLong longest = new java.util.concurrent.atomic.AtomicLong();

        GcWatch() {
            for (java.lang.management.GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) {
                ((javax.management.NotificationEmitter) b).addNotificationListener(this, null, null);
            }
        }

        @Override
        public void handleNotification(javax.management.Notification n, Object handback) {
            if (com.sun.management.GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
                var info = com.sun.management.GarbageCollectionNotificationInfo
                        .from((javax.management.openmbean.CompositeData) n.getUserData());
                count.incrementAndGet();
                longest.accumulateAndGet(info.getGcInfo().getDuration(), Math::max);
            }
        }

        @Override
        public void close() {
            for (java.lang.management.GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) {
                try {
                    ((javax.management.NotificationEmitter) b).removeNotificationListener(this);
                } catch (javax.management.ListenerNotFoundException e) {
                    // not registered with this one
                }
            }
        }
    }

    /** CPU time and bytes allocated, summed over the JVM's live threads. */
    private static long[] cpuAndAllocated() {
        com.sun.management.ThreadMXBean t = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long[] ids = t.getAllThreadIds();
        long cpu = 0;
        long alloc = 0;
        for (long id : ids) {
            cpu += Math.max(0, t.getThreadCpuTime(id));
            alloc += Math.max(0, t.getThreadAllocatedBytes(id));
        }
        return new long[] {cpu, alloc};
    }
}

package org.lifeline.flink;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.lifeline.fact.Organization;

/**
 * One organisation tree per task manager (JVM) and job, for the routing stages of a BATCH run.
 *
 * <p>Every routing task needs the whole tree ({@link Placement}), and each receives it as a broadcast input. Held in
 * each task's broadcast state, the tree was copied once per task: five stages × the parallelism on a task
 * manager, about 1.2 KB per organisation per copy, so four provinces (1 M organisations) at parallelism 2 filled
 * 10 GB before a single member was routed. In BATCH there is no checkpoint to restore broadcast state from (a failed
 * task reads its inputs again), so the tasks of one job on one task manager put the organisations they receive into
 * one shared map (each organisation parsed once) and build one {@link Placement} from it, the first time one of
 * them needs it: a task needs the tree only at the end of its input, when it has itself received every organisation,
 * so the map is complete then. The entry lives while a task of the job uses it (counted in {@code open}/{@code
 * close}); stages that run one after another in BATCH may each build it again, never two at once.
 *
 * <p>STREAMING keeps the broadcast state (a restore needs it).
 */
final class SharedTrees {

    private static final Map<String, Entry> TREES = new HashMap<>();
    /** Placements built from a shared tree since this JVM started (for tests). */
    private static final java.util.concurrent.atomic.AtomicLong BUILT = new java.util.concurrent.atomic.AtomicLong();

    private SharedTrees() {
    }

    /** The tree of a job on this JVM, shared by its tasks; the caller {@link #release}s it in close(). */
    static synchronized Entry acquire(String jobId, LocalDate asOf) {
        Entry e = TREES.computeIfAbsent(jobId + "/" + asOf, k -> new Entry(asOf));
        e.users++;
        return e;
    }

    /** A task of the job is done with the tree; the last one lets it go. */
    static synchronized void release(String jobId, Entry entry) {
        if (--entry.users == 0) {
            TREES.remove(jobId + "/" + entry.asOf, entry);
        }
    }

    /** How many placements were built from shared trees in this JVM (for tests: the shared path was taken). */
    static long built() {
        return BUILT.get();
    }

    /** How many trees this JVM holds (for tests). */
    static synchronized int held() {
        return TREES.size();
    }

    /** The organisations received so far, and the placement built from them once they are complete. */
    static final class Entry {
        private final LocalDate asOf;
        private final Map<String, Organization> orgs = new ConcurrentHashMap<>();
        private int users;
        private Placement placement;

        private Entry(LocalDate asOf) {
            this.asOf = asOf;
        }

        /** An organisation received by a task (every task receives all of them: parsed by the first only). */
        void add(String id, Supplier<Organization> parse) {
            orgs.computeIfAbsent(id, k -> parse.get());
        }

        /** The placement of the whole tree; call only once the caller has received every organisation. */
        synchronized Placement placement() {
            if (placement == null) {
                placement = new Placement(orgs.values(), asOf).shared();
                BUILT.incrementAndGet();
            }
            return placement;
        }
    }
}

package org.lifeline.engine;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs rule work on one daemon worker thread and waits for it at most a budget. {@code KieSession.halt()} only
 * stops between firings, and Java has no usable {@code Thread.stop}: a consequence that never returns can only be
 * abandoned. When the budget runs out the caller gets an exception at once; the worker is interrupted and
 * abandoned (a new one serves the next call), and it keeps its CPU until its consequence returns, if ever.
 *
 * <p>One watchdog serves one owner (a monitor, an evaluation); calls are not concurrent.
 */
final class Watchdog implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Watchdog.class);
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final String name;
    private ExecutorService executor;

    Watchdog(String name) {
        this.name = name;
    }

    /**
     * Runs the task on the worker and returns its result.
     *
     * @param onTimeout halts the work and gives the exception to throw when the budget runs out
     * @throws EvaluationStoppedException when the budget runs out, the caller is interrupted, or the task
     *                                    throws an {@link Error} (out of memory...)
     */
    <T> T call(Callable<T> task, Duration budget, Supplier<? extends RuntimeException> onTimeout) {
        Future<T> future = executor().submit(task);
        try {
            return future.get(budget.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            RuntimeException stop = onTimeout.get();
            abandon(future);
            throw stop;
        } catch (InterruptedException e) {
            onTimeout.get();
            abandon(future);
            Thread.currentThread().interrupt();
            throw EvaluationStoppedException.interrupted();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof OutOfMemoryError) {
                throw EvaluationStoppedException.outOfMemory(null);
            }
            throw EvaluationStoppedException.error(null, cause);
        }
    }

    private ExecutorService executor() {
        if (executor == null) {
            executor = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, name + "-" + THREADS.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
        }
        return executor;
    }

    private void abandon(Future<?> future) {
        future.cancel(true);
        executor.shutdownNow();
        executor = null;
        LOG.warn("{}: rule work abandoned after its budget; its thread is interrupted and left to end by itself", name);
    }

    @Override
    public void close() {
        if (executor != null) {
            executor.shutdown();
            executor = null;
        }
    }
}

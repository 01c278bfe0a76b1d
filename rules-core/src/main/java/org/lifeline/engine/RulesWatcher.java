package org.lifeline.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hot reload for a live {@link Monitor}: watches a rules directory and, when its files change, compiles and checks
 * the new set. If it is sound the monitor swaps to it keeping every fact ({@link Monitor#reload}); if not, the
 * monitor keeps running on the old rules and the errors go to the error callback. {@link #checkNow()} does the
 * same synchronously (for tests and for hosts that poll).
 */
public final class RulesWatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RulesWatcher.class);

    private final Path dir;
    private final Monitor monitor;
    private final Consumer<List<RuleError>> onErrors;
    private final WatchService watch;
    private final Thread thread;
    private volatile String loadedVersion;

    private RulesWatcher(Path dir, Monitor monitor, Consumer<List<RuleError>> onErrors, boolean background) {
        this.dir = dir;
        this.monitor = monitor;
        this.onErrors = onErrors;
        try {
            this.watch = background ? FileSystems.getDefault().newWatchService() : null;
            if (background) {
                try (Stream<Path> dirs = Files.walk(dir)) {
                    for (Path d : dirs.filter(Files::isDirectory).toList()) {
                        d.register(watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                                StandardWatchEventKinds.ENTRY_DELETE);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot watch " + dir + ": " + e.getMessage(), e);
        }
        this.thread = background ? new Thread(this::loop, "lifeline-rules-watcher") : null;
        if (thread != null) {
            thread.setDaemon(true);
            thread.start();
        }
    }

    /** Watches {@code dir} in a background thread; the monitor should run on the rules of that directory. */
    public static RulesWatcher watch(Path dir, Monitor monitor, Consumer<List<RuleError>> onErrors) {
        return new RulesWatcher(dir, monitor, onErrors, true);
    }

    /** No thread: the host calls {@link #checkNow()} when it wants the directory looked at. */
    public static RulesWatcher polling(Path dir, Monitor monitor, Consumer<List<RuleError>> onErrors) {
        return new RulesWatcher(dir, monitor, onErrors, false);
    }

    /**
     * Compiles the directory now; swaps the monitor to it when it is sound and differs from what was loaded.
     *
     * @return true when the monitor now runs on the directory's rules
     */
    public synchronized boolean checkNow() {
        Lifeline next;
        try {
            next = Lifeline.fromDirectory(dir);
        } catch (RuleCompilationException e) {
            LOG.warn("rules in {} not loaded, {} error(s); the monitor keeps its rules", dir, e.errors().size());
            onErrors.accept(e.errors());
            return false;
        } catch (RuntimeException e) {
            onErrors.accept(List.of(new RuleError(dir.toString(), 0, 0, String.valueOf(e.getMessage()))));
            return false;
        }
        if (!next.rulesVersion().equals(loadedVersion)) {
            monitor.reload(next);
            loadedVersion = next.rulesVersion();
        }
        return true;
    }

    private void loop() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                WatchKey key = watch.take();
                // let an editor finish writing, then take every event of the burst at once
                TimeUnit.MILLISECONDS.sleep(300);
                key.pollEvents();
                key.reset();
                WatchKey more;
                while ((more = watch.poll()) != null) {
                    more.pollEvents();
                    more.reset();
                }
                checkNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.nio.file.ClosedWatchServiceException e) {
            // closed
        }
    }

    @Override
    public void close() throws IOException {
        if (thread != null) {
            thread.interrupt();
        }
        if (watch != null) {
            watch.close();
        }
    }
}

package org.lifeline.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hot reload for a live {@link Monitor}: watches a rules directory and, when its files change (rule files, calendar,
 * {@code waivers.yaml}), compiles and checks
 * the new set. If it is sound the monitor swaps to it keeping every fact ({@link Monitor#reload}); if not, the
 * monitor keeps running on the old rules and the errors go to the error callback. {@link #checkNow()} does the
 * same synchronously (for tests and for hosts that poll).
 *
 * <p>The watcher survives anything a reload throws, {@link Error}s included (a rule that overflows the stack, a
 * reload that runs past its budget): each goes to the error callback and the watcher keeps watching. A directory
 * that is deleted and created again (copied back) is watched again and reloaded: the watcher also watches its
 * parent, and looks every second while the directory is missing or no longer watched.
 */
public final class RulesWatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RulesWatcher.class);
    private static final long QUIET_MS = 300;
    private static final long POLL_MS = 1000;

    private final Path dir;
    private final Monitor monitor;
    private final Consumer<List<RuleError>> onErrors;
    private final Function<Path, Lifeline> compiler;
    private final WatchService watch;
    private final Set<Path> watched = new HashSet<>();
    private final Thread thread;
    private volatile String loadedVersion;
    private volatile boolean closed;

    private RulesWatcher(Path dir, Monitor monitor, Consumer<List<RuleError>> onErrors, Function<Path, Lifeline> compiler,
                         boolean background) {
        this.dir = dir.toAbsolutePath().normalize();
        this.monitor = monitor;
        this.onErrors = onErrors;
        this.compiler = compiler;
        try {
            this.watch = background ? FileSystems.getDefault().newWatchService() : null;
            if (background) {
                register();
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
        return watch(dir, monitor, onErrors, Lifeline::fromDirectory);
    }

    /**
     * As {@link #watch(Path, Monitor, Consumer)}, compiling the directory with {@code compiler} (e.g.
     * {@code d -> Lifeline.builder().rulesDirectory(d).failFast(true).build()}) instead of
     * {@link Lifeline#fromDirectory}.
     */
    public static RulesWatcher watch(Path dir, Monitor monitor, Consumer<List<RuleError>> onErrors,
                                     Function<Path, Lifeline> compiler) {
        return new RulesWatcher(dir, monitor, onErrors, compiler, true);
    }

    /** No thread: the host calls {@link #checkNow()} when it wants the directory looked at. */
    public static RulesWatcher polling(Path dir, Monitor monitor, Consumer<List<RuleError>> onErrors) {
        return polling(dir, monitor, onErrors, Lifeline::fromDirectory);
    }

    /** As {@link #polling(Path, Monitor, Consumer)}, compiling the directory with {@code compiler}. */
    public static RulesWatcher polling(Path dir, Monitor monitor, Consumer<List<RuleError>> onErrors,
                                       Function<Path, Lifeline> compiler) {
        return new RulesWatcher(dir, monitor, onErrors, compiler, false);
    }

    /**
     * Compiles the directory now; swaps the monitor to it when it is sound and differs from what was loaded.
     * Never throws: whatever goes wrong (errors in the files, a reload that does not finish, an {@link Error})
     * goes to the error callback.
     *
     * @return true when the monitor now runs on the directory's rules
     */
    public synchronized boolean checkNow() {
        try {
            Lifeline next;
            try {
                next = compiler.apply(dir);
            } catch (RuleCompilationException e) {
                LOG.warn("rules in {} not loaded, {} error(s); the monitor keeps its rules", dir, e.errors().size());
                report(e.errors());
                return false;
            }
            if (!next.fingerprint().equals(loadedVersion)) { // rules, calendar or waivers changed
                monitor.reload(next);
                loadedVersion = next.fingerprint();
            }
            return true;
        } catch (Throwable e) { // NOPMD: a rule set must never end the watcher, not even with an Error
            if (e instanceof VirtualMachineError && !(e instanceof StackOverflowError) && !(e instanceof OutOfMemoryError)) {
                LOG.error("rules in {} not loaded: {}", dir, e.toString());
            } else {
                LOG.warn("rules in {} not loaded, the monitor keeps its rules: {}", dir, oneLine(e));
            }
            report(List.of(new RuleError(dir.toString(), 0, 0, oneLine(e))));
            return false;
        }
    }

    private static String oneLine(Throwable e) {
        if (e instanceof StackOverflowError) {
            return "StackOverflowError while compiling or loading the rules (a rule or an expression nests too deep)";
        }
        if (e instanceof OutOfMemoryError) {
            return "OutOfMemoryError while compiling or loading the rules";
        }
        String m = e.getMessage();
        return m == null ? e.toString() : m.lines().findFirst().orElse(e.toString());
    }

    private void report(List<RuleError> errors) {
        try {
            onErrors.accept(errors);
        } catch (RuntimeException e) {
            LOG.warn("the rules error callback threw: {}", e.toString());
        }
    }

    /**
     * Watches the directory, each folder below it and its parent (to see it deleted and created again); already
     * watched folders keep their key.
     *
     * @return true when the directory itself is watched
     */
    private boolean register() throws IOException {
        Path parent = dir.getParent();
        if (parent != null && Files.isDirectory(parent) && watched.add(parent)) {
            parent.register(watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE);
        }
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> dirs = Files.walk(dir)) {
            for (Path d : dirs.filter(Files::isDirectory).toList()) {
                d.register(watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                        StandardWatchEventKinds.ENTRY_DELETE);
                watched.add(d);
            }
        }
        return true;
    }

    private void loop() {
        boolean dirWatched = true;
        while (!closed && !Thread.currentThread().isInterrupted()) {
            try {
                WatchKey key = watch.poll(POLL_MS, TimeUnit.MILLISECONDS);
                if (key == null) {
                    if (!dirWatched && Files.isDirectory(dir)) { // the fallback: it came back unseen
                        dirWatched = register();
                        checkNow();
                    }
                    continue;
                }
                // let an editor (or a copy) finish writing, then take every event of the burst at once
                TimeUnit.MILLISECONDS.sleep(QUIET_MS);
                boolean relevant = drain(key);
                WatchKey more;
                while ((more = watch.poll()) != null) {
                    relevant |= drain(more);
                }
                if (!relevant) { // something else beside the directory in its parent
                    continue;
                }
                dirWatched = register();
                if (dirWatched) {
                    checkNow();
                } else {
                    LOG.warn("rules directory {} is gone; the monitor keeps its rules until it is back", dir);
                }
            } catch (InterruptedException | ClosedWatchServiceException e) {
                return;
            } catch (Throwable e) { // NOPMD: keep watching whatever happens
                LOG.warn("rules watcher on {}: {}; still watching", dir, oneLine(e));
                dirWatched = false;
            }
        }
    }

    /** Takes a key's events; true when they concern the rules directory (not only its siblings). */
    private boolean drain(WatchKey key) {
        Path where = (Path) key.watchable();
        boolean relevant = !where.equals(dir.getParent());
        for (java.nio.file.WatchEvent<?> e : key.pollEvents()) {
            relevant |= e.kind() == StandardWatchEventKinds.OVERFLOW || dir.getFileName().equals(e.context());
        }
        if (!key.reset()) { // the folder was deleted: its key is gone, a new one is made when it is back
            watched.remove(where);
        }
        return relevant;
    }

    @Override
    public void close() throws IOException {
        closed = true;
        if (thread != null) {
            thread.interrupt();
        }
        if (watch != null) {
            watch.close();
        }
    }
}

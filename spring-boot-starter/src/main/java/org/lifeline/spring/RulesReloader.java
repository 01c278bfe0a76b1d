package org.lifeline.spring;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Function;
import org.lifeline.engine.Lifeline;
import org.lifeline.engine.Monitor;
import org.lifeline.engine.RuleError;
import org.lifeline.engine.RulesWatcher;
import org.lifeline.engine.Violation;
import org.lifeline.engine.ViolationListener;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Hot reload ({@code lifeline.watch=true}): a {@link RulesWatcher} on {@code lifeline.rules-dir} that reloads the
 * monitor bean and puts the new rules in use in {@link LifelineService}. Without a monitor bean the watcher reloads an
 * empty monitor of its own (it needs one; with no facts its reload is immediate).
 *
 * <p>The service takes new rules as soon as they compile; if the monitor then cannot run them (they do not finish on
 * its facts), the service goes back to the rules it had, and the failure is reported like a file that does not
 * compile. Closed with the application context.
 */
final class RulesReloader implements AutoCloseable {

    private final LifelineService service;
    private final ObjectProvider<LifelineObserver> observers;
    private final Function<Path, Lifeline> compiler;
    private final Monitor ownMonitor;
    private final RulesWatcher watcher;
    /** Set while a check runs (the watcher runs one at a time): the rules the service had before this check. */
    private Lifeline replaced;

    RulesReloader(Path dir, Monitor monitor, LifelineService service, Function<Path, Lifeline> compiler,
                  ObjectProvider<LifelineObserver> observers) {
        this.service = service;
        this.observers = observers;
        this.compiler = compiler;
        this.ownMonitor = monitor == null ? service.lifeline().monitor(LocalDate.now(), new ViolationListener() {
            @Override
            public void raised(Violation violation) {
            }

            @Override
            public void resolved(Violation violation) {
            }
        }) : null;
        this.watcher = RulesWatcher.watch(dir, monitor != null ? monitor : ownMonitor, this::failed, this::compile);
    }

    /** Compiles the directory; when its rules are new, the service uses them from now on. */
    private Lifeline compile(Path dir) {
        replaced = null;
        Lifeline next = compiler.apply(dir);
        if (!next.rulesVersion().equals(service.lifeline().rulesVersion())) {
            replaced = service.swap(next);
            observers.orderedStream().forEach(o -> o.reloaded(next));
        }
        return next;
    }

    /** The directory did not compile, or the monitor could not run its rules: the rules in use stay. */
    private void failed(List<RuleError> errors) {
        if (replaced != null) {
            Lifeline back = replaced;
            replaced = null;
            service.swap(back);
        }
        observers.orderedStream().forEach(o -> o.reloadFailed(errors));
    }

    @Override
    public void close() throws IOException {
        try {
            watcher.close();
        } finally {
            if (ownMonitor != null) {
                ownMonitor.close();
            }
        }
    }
}

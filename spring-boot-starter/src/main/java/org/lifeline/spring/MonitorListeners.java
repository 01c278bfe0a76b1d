package org.lifeline.spring;

import java.util.function.Consumer;
import org.lifeline.engine.Violation;
import org.lifeline.engine.ViolationListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;

/**
 * The listener of the auto-configured monitor: tells the starter's observers (metrics, health), then every
 * {@link ViolationListener} bean in their order, then publishes the application event. A listener that throws is
 * logged and reported in health, and the others are still called. Beans are looked up at each callback, so a listener
 * bean may itself depend on the monitor.
 */
final class MonitorListeners implements ViolationListener {

    private static final Logger LOG = LoggerFactory.getLogger(MonitorListeners.class);

    private final ObjectProvider<ViolationListener> listeners;
    private final ObjectProvider<LifelineObserver> observers;
    private final ApplicationEventPublisher events;

    MonitorListeners(ObjectProvider<ViolationListener> listeners, ObjectProvider<LifelineObserver> observers,
                     ApplicationEventPublisher events) {
        this.listeners = listeners;
        this.observers = observers;
        this.events = events;
    }

    @Override
    public void raised(Violation v) {
        observers.orderedStream().forEach(o -> o.raised(v));
        each(l -> l.raised(v));
        publish(new ViolationRaisedEvent(v));
    }

    @Override
    public void resolved(Violation v) {
        observers.orderedStream().forEach(o -> o.resolved(v));
        each(l -> l.resolved(v));
        publish(new ViolationResolvedEvent(v));
    }

    @Override
    public void changed(Violation before, Violation after) {
        observers.orderedStream().forEach(o -> o.changed(before, after));
        each(l -> l.changed(before, after));
        publish(new ViolationChangedEvent(before, after));
    }

    private void each(Consumer<ViolationListener> call) {
        listeners.orderedStream().forEach(l -> {
            try {
                call.accept(l);
            } catch (RuntimeException e) {
                failed(l.getClass().getName(), e);
            }
        });
    }

    private void publish(Object event) {
        try {
            events.publishEvent(event);
        } catch (RuntimeException e) {
            failed("an @EventListener of " + event.getClass().getSimpleName(), e);
        }
    }

    private void failed(String listener, RuntimeException e) {
        LOG.warn("a violation listener ({}) threw {}; the other listeners were called", listener, e.toString());
        observers.orderedStream().forEach(o -> o.listenerFailed(listener, e));
    }
}

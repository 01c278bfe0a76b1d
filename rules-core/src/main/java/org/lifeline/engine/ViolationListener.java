package org.lifeline.engine;

/**
 * Callbacks of a live {@link Monitor}. They run on the thread that made the change, after the change is fully
 * applied, in a deterministic order (resolved before raised, each sorted by {@link Violation#ORDER}).
 * A callback must not call back into the monitor.
 */
public interface ViolationListener {

    /** A violation that did not hold before the change holds now. */
    void raised(Violation violation);

    /** A violation that held before the change holds no more. */
    void resolved(Violation violation);

    /**
     * The same rule and subject still hold, but what is reported changed (severity WARNING → VIOLATION, a
     * share, the members concerned). By default reported as resolved then raised.
     */
    default void changed(Violation before, Violation after) {
        resolved(before);
        raised(after);
    }
}

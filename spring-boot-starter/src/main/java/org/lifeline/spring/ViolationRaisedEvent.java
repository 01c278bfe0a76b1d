package org.lifeline.spring;

import java.util.Objects;
import org.lifeline.engine.Violation;

/**
 * Published (as an application event) when the auto-configured monitor raises a violation: it did not hold before
 * the change and holds now. Listen with {@code @EventListener}; it arrives on the thread that made the change, after
 * the {@link org.lifeline.engine.ViolationListener} beans, and must not call back into the monitor.
 *
 * @param violation the violation now holding
 */
public record ViolationRaisedEvent(Violation violation) {

    public ViolationRaisedEvent {
        Objects.requireNonNull(violation, "violation");
    }
}

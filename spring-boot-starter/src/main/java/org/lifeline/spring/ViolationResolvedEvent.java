package org.lifeline.spring;

import java.util.Objects;
import org.lifeline.engine.Violation;

/**
 * Published (as an application event) when a violation of the auto-configured monitor is resolved: it held before
 * the change and holds no more. Same thread and order rules as {@link ViolationRaisedEvent}.
 *
 * @param violation the violation as it was last reported
 */
public record ViolationResolvedEvent(Violation violation) {

    public ViolationResolvedEvent {
        Objects.requireNonNull(violation, "violation");
    }
}

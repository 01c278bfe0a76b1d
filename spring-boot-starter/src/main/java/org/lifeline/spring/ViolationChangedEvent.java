package org.lifeline.spring;

import java.util.Objects;
import org.lifeline.engine.Violation;

/**
 * Published (as an application event) when a violation of the auto-configured monitor still holds for the same rule
 * and subject but what is reported changed (a warning became a violation, a share moved, other members are
 * concerned). Same thread and order rules as {@link ViolationRaisedEvent}.
 *
 * @param before the violation as it was last reported
 * @param after  the violation as it holds now
 */
public record ViolationChangedEvent(Violation before, Violation after) {

    public ViolationChangedEvent {
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
    }
}

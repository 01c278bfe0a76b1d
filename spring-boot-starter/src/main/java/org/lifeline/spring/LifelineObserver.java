package org.lifeline.spring;

import java.time.LocalDate;
import java.util.List;
import org.lifeline.engine.Evaluation;
import org.lifeline.engine.Lifeline;
import org.lifeline.engine.RuleError;
import org.lifeline.engine.Violation;

/**
 * What the starter watches happen, for health ({@link LifelineStatus}) and metrics ({@link LifelineMetrics}):
 * evaluations through {@link LifelineService}, reloads, and the auto-configured monitor's changes. Callbacks must be
 * quick and must not throw.
 */
interface LifelineObserver {

    /** An evaluation finished (its rule failures, if any, in {@link Evaluation#failures()}). */
    default void evaluated(Evaluation evaluation, long nanos) {
    }

    /** An evaluation gave no result: it did not finish, or a rule failed fast. */
    default void evaluationFailed(LocalDate asOf, RuntimeException e, long nanos) {
    }

    /** New rules were compiled from the rules directory and are now in use. */
    default void reloaded(Lifeline rules) {
    }

    /** The rules directory changed but was not loaded; the rules in use stay. */
    default void reloadFailed(List<RuleError> errors) {
    }

    /** The monitor raised a violation. */
    default void raised(Violation violation) {
    }

    /** The monitor resolved a violation. */
    default void resolved(Violation violation) {
    }

    /** A violation of the monitor changed. */
    default void changed(Violation before, Violation after) {
    }

    /** A host's violation listener threw; the other listeners were still called. */
    default void listenerFailed(String listener, RuntimeException e) {
    }
}

package org.lifeline.flink;

import org.lifeline.engine.Violation;

/**
 * What a live feed ({@link LifelineJob#live}) reports: a finding raised (it holds now and did not before) or
 * resolved (it held and holds no more), the callbacks of a {@link org.lifeline.engine.ViolationListener}. A finding
 * that still holds but reads differently (its members, its measure) is resolved as it was, then raised as it is, as
 * the listener's default {@code changed} does. Folding the events (raised adds, resolved removes) gives the
 * findings of {@link org.lifeline.engine.Lifeline#evaluate} on the facts as they stand.
 *
 * <p>Public with public fields and a no-argument constructor only because Flink's POJO serializer requires it.
 */
public final class FindingEvent {

    /** True: raised; false: resolved. */
    public boolean raised;
    /** The top unit's key that owns the finding (its {@code topUnitId}, or {@code -} for findings without one). */
    public String key;
    /** The finding, as it was when resolved, as it is when raised. */
    public ViolationRow violation;

    /** For Flink. */
    public FindingEvent() {
    }

    static FindingEvent of(boolean raised, String key, ViolationRow violation) {
        FindingEvent e = new FindingEvent();
        e.raised = raised;
        e.key = key;
        e.violation = violation;
        return e;
    }

    /** Whether the finding was raised (else resolved). */
    public boolean raised() {
        return raised;
    }

    /** The finding. */
    public Violation violation() {
        return violation.violation();
    }

    @Override
    public String toString() {
        return (raised ? "raised " : "resolved ") + violation.ruleId + " " + violation.subjectType + " "
                + violation.subjectId;
    }
}

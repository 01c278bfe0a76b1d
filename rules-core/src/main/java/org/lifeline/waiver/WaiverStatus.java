package org.lifeline.waiver;

/**
 * What became of one waiver on one evaluation: whether it applied, and to how many findings.
 *
 * @param findings     how many findings it waived on this evaluation
 * @param expiringSoon true when it is in force today and expires within {@link #EXPIRING_DAYS} days: {@code expires ≤
 *                     asOf + 14}
 * @param problem      why it does not apply although in force (INVALID), or why it matched nothing it could
 *                     (an unknown subject), Chinese then English; null otherwise
 */
public record WaiverStatus(Waiver waiver, State state, int findings, boolean expiringSoon, String problem) {

    /** A waiver expiring within this many days of the evaluation date is listed as expiring. */
    public static final int EXPIRING_DAYS = 14;

    /** The state of a waiver on an evaluation date. */
    public enum State {
        /** In force and waiving at least one finding. */
        APPLIED("已生效"),
        /** In force but matching no finding (the finding is resolved, or the waiver names the wrong one). */
        UNUSED("未使用"),
        /** Past its expiry: its findings are open again. */
        EXPIRED("已过期"),
        /** Granted after the evaluation date. */
        NOT_YET("尚未生效"),
        /** In force, but its approver does not sit above the subject: it waives nothing. */
        INVALID("无效");

        private final String label;

        State(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** True when a report lists it for attention: expiring soon, expired, unused or invalid. */
    public boolean needsAttention() {
        return expiringSoon || state == State.EXPIRED || state == State.UNUSED || state == State.INVALID;
    }
}

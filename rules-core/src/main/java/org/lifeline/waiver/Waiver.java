package org.lifeline.waiver;

import java.time.LocalDate;
import java.util.Objects;

/**
 * An accepted exception (豁免): one finding, named by its rule (or every rule of a task) and its subject, that the
 * office has agreed to leave open for a while, with a reason, who asked and who approved, and a mandatory expiry.
 * A waived finding is not dropped: it is reported with status {@code WAIVED} and this waiver's id, counted apart.
 *
 * <p><b>When it applies</b>: on every evaluation date {@code d} with {@code granted ≤ d ≤ expires} (both days
 * included); the day after {@code expires} the finding is open again. It applies only when its approver sits above
 * the subject in the organisation tree (an ancestor of the subject's organisation) or is the provincial office.
 *
 * @param id          unique within the file
 * @param ruleId      the rule waived (e.g. {@code T04.HOLLOW_BRANCH}), or null when {@code task} is given
 * @param task        every rule of this task (1–14, 0 for anomalies), or null when {@code ruleId} is given
 * @param subjectId   the finding's subject: an organisation, an enterprise, or the smallest member id of a group
 *                    ({@code Violation.subjectId})
 * @param reason      the category of the reason
 * @param reasonText  the reason in the office's words
 * @param requestedBy the organisation that asked for it
 * @param approvedBy  the organisation that approved it
 * @param granted     the first day it applies
 * @param expires     the last day it applies
 * @param line        the line of the waiver in its file (0 when not read from a file)
 */
public record Waiver(String id, String ruleId, Integer task, String subjectId, Reason reason, String reasonText,
                     String requestedBy, String approvedBy, LocalDate granted, LocalDate expires, int line) {

    public Waiver {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(subjectId, "subjectId");
        Objects.requireNonNull(granted, "granted");
        Objects.requireNonNull(expires, "expires");
        if ((ruleId == null) == (task == null)) {
            throw new IllegalArgumentException("waiver " + id + ": give either ruleId or task");
        }
    }

    /** The categories of reasons, with the labels staff read and write. */
    public enum Reason {
        /** 组织待组建: the unit cannot set up the organisation yet (e.g. too few members until autumn). */
        ORGANIZATION_PENDING("组织待组建"),
        /** 数据已书面更正: the figure was corrected by letter and the system is not yet updated. */
        DATA_CORRECTED("数据已书面更正"),
        /** 单位改制重组: the unit is being restructured, merged or closed. */
        RESTRUCTURING("单位改制重组"),
        /** 系统故障待修复: the 智慧团建 system keeps the unit from entering the data. */
        SYSTEM_FAULT("系统故障待修复"),
        /** 其他: anything else; the text says what. */
        OTHER("其他");

        private final String label;

        Reason(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        /** The category named by its constant ({@code RESTRUCTURING}) or its label ({@code 单位改制重组}), or null. */
        public static Reason parse(String s) {
            for (Reason r : values()) {
                if (r.name().equals(s) || r.label.equals(s)) {
                    return r;
                }
            }
            return null;
        }
    }

    /** True on the days it applies: {@code granted ≤ date ≤ expires}. */
    public boolean appliesOn(LocalDate date) {
        return !date.isBefore(granted) && !date.isAfter(expires);
    }

    /** True when it names this finding: its rule (or the rule's task) and its subject. */
    public boolean covers(String findingRuleId, int findingTask, String findingSubjectId) {
        return subjectId.equals(findingSubjectId) && (ruleId != null ? ruleId.equals(findingRuleId) : task == findingTask);
    }

    /** What it waives, for messages: {@code T04.HOLLOW_BRANCH B1} or {@code 任务4 B1}. */
    public String target() {
        return (ruleId != null ? ruleId : "任务" + task) + " " + subjectId;
    }
}

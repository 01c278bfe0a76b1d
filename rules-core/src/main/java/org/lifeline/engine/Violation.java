package org.lifeline.engine;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import org.lifeline.fact.Nullable;

/**
 * What a host receives: one finding of one rule about one subject (docs/violations.md).
 *
 * @param task            1–14, or 0 for data anomalies
 * @param topUnitId       the subject's top unit (city committee, provincial system, provincially managed school)
 * @param responsible     id of the responsible organisation, or {@code DEPT_SCHOOLS} (团省委学校部) /
 *                        {@code DEPT_YOUNG_PIONEERS} (团省委少年部)
 * @param liaisonGroup    1–6, the office group that follows the top unit (attachment 2)
 * @param measured        the measured share (0–1, unrounded) for percentage milestones
 * @param required        the required share (0–1) for percentage milestones
 * @param memberIds       sorted: the members concerned, or the spot-check list of an anomaly
 * @param relatedIds      sorted: ids of the other facts concerned (cadres, transfers, payments, entries…)
 * @param message         Chinese, in the notice's own terms
 * @param messageEn       the same in English
 * @param status          {@link Status#OPEN}, or {@link Status#WAIVED} when a waiver in force covers it (whatever
 *                        its severity): a waived finding keeps every field but is not counted as a violation
 * @param waiverId        the id of the waiver that covers it, or null when open
 * @param explain         the finding explained, readable: the rule's description (metadata), the facts concerned
 *                        by kind and id (never a field's value), and the thresholds (deadline, required,
 *                        measured), in Chinese, then a line in English; "" for findings made outside the engine
 */
public record Violation(
        String ruleId,
        int task,
        Severity severity,
        SubjectType subjectType,
        String subjectId,
        @Nullable String topUnitId,
        String responsible,
        String responsibleName,
        @Nullable Integer liaisonGroup,
        @Nullable LocalDate deadline,
        @Nullable Double measured,
        @Nullable Double required,
        List<String> memberIds,
        List<String> relatedIds,
        String message,
        String messageEn,
        Status status,
        @Nullable String waiverId,
        String explain) {

    /** The order of every list of violations Lifeline returns: task, rule, subject. */
    public static final Comparator<Violation> ORDER = Comparator.comparingInt(Violation::task)
            .thenComparing(Violation::ruleId)
            .thenComparing(Violation::subjectType)
            .thenComparing(Violation::subjectId);

    /** Whether a finding stands or is covered by a waiver; independent of its severity. */
    public enum Status {
        /** It stands: counted as a violation (or warning, anomaly) in every total. */
        OPEN,
        /** A waiver in force covers it: listed apart and never counted as a violation. */
        WAIVED
    }

    public Violation {
        memberIds = List.copyOf(memberIds);
        relatedIds = List.copyOf(relatedIds);
        java.util.Objects.requireNonNull(status, "status");
        if ((status == Status.WAIVED) != (waiverId != null)) {
            throw new IllegalArgumentException("a waived violation, and only one, names its waiver");
        }
        explain = explain == null ? "" : explain;
    }

    /** An open violation with no explanation (findings made outside the engine, e.g. by the history module). */
    public Violation(String ruleId, int task, Severity severity, SubjectType subjectType, String subjectId,
                     @Nullable String topUnitId, String responsible, String responsibleName,
                     @Nullable Integer liaisonGroup, @Nullable LocalDate deadline, @Nullable Double measured,
                     @Nullable Double required, List<String> memberIds, List<String> relatedIds, String message,
                     String messageEn) {
        this(ruleId, task, severity, subjectType, subjectId, topUnitId, responsible, responsibleName, liaisonGroup,
                deadline, measured, required, memberIds, relatedIds, message, messageEn, Status.OPEN, null, "");
    }

    /** True when it stands (not waived). */
    public boolean open() {
        return status == Status.OPEN;
    }

    /** The same finding, waived by a waiver (or open again with null). */
    Violation withWaiver(String id) {
        return new Violation(ruleId, task, severity, subjectType, subjectId, topUnitId, responsible, responsibleName,
                liaisonGroup, deadline, measured, required, memberIds, relatedIds, message, messageEn,
                id == null ? Status.OPEN : Status.WAIVED, id, explain);
    }

    /** The identity of a violation across evaluations: rule and subject. */
    public String key() {
        return ruleId + "/" + subjectType + "/" + subjectId;
    }
}

package org.lifeline.engine;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import org.lifeline.fact.Nullable;

/**
 * What a host receives: one finding of one rule about one subject (CONTRACT §4).
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
        String messageEn) {

    /** The order of every list of violations Lifeline returns: task, rule, subject. */
    public static final Comparator<Violation> ORDER = Comparator.comparingInt(Violation::task)
            .thenComparing(Violation::ruleId)
            .thenComparing(Violation::subjectType)
            .thenComparing(Violation::subjectId);

    public Violation {
        memberIds = List.copyOf(memberIds);
        relatedIds = List.copyOf(relatedIds);
    }

    /** The identity of a violation across evaluations: rule and subject. */
    public String key() {
        return ruleId + "/" + subjectType + "/" + subjectId;
    }
}

package org.lifeline.flink;

import java.time.LocalDate;
import java.util.List;
import org.lifeline.engine.Severity;
import org.lifeline.engine.SubjectType;
import org.lifeline.engine.Violation;

/**
 * A {@link Violation} as a Flink POJO (the record's lists as string arrays, which Flink serialises without Kryo);
 * {@link #violation()} gives the record back, equal field for field.
 *
 * <p>Public with public fields and a no-argument constructor only because Flink's POJO serializer requires it.
 */
public final class ViolationRow {

    public String ruleId;
    public int task;
    public Severity severity;
    public SubjectType subjectType;
    public String subjectId;
    public String topUnitId;
    public String responsible;
    public String responsibleName;
    public Integer liaisonGroup;
    /** ISO date or null: Flink's POJO analysis would treat a LocalDate field as a generic (Kryo) type. */
    public String deadline;
    public Double measured;
    public Double required;
    public String[] memberIds;
    public String[] relatedIds;
    public String message;
    public String messageEn;
    public Violation.Status status;
    public String waiverId;
    public String explain;

    /** For Flink. */
    public ViolationRow() {
    }

    static ViolationRow of(Violation v) {
        ViolationRow r = new ViolationRow();
        r.ruleId = v.ruleId();
        r.task = v.task();
        r.severity = v.severity();
        r.subjectType = v.subjectType();
        r.subjectId = v.subjectId();
        r.topUnitId = v.topUnitId();
        r.responsible = v.responsible();
        r.responsibleName = v.responsibleName();
        r.liaisonGroup = v.liaisonGroup();
        r.deadline = v.deadline() == null ? null : v.deadline().toString();
        r.measured = v.measured();
        r.required = v.required();
        r.memberIds = v.memberIds().toArray(String[]::new);
        r.relatedIds = v.relatedIds().toArray(String[]::new);
        r.message = v.message();
        r.messageEn = v.messageEn();
        r.status = v.status();
        r.waiverId = v.waiverId();
        r.explain = v.explain();
        return r;
    }

    /** The violation this row carries. */
    public Violation violation() {
        return new Violation(ruleId, task, severity, subjectType, subjectId, topUnitId, responsible, responsibleName,
                liaisonGroup, deadline == null ? null : LocalDate.parse(deadline), measured, required, List.of(memberIds), List.of(relatedIds), message, messageEn,
                status, waiverId, explain);
    }
}

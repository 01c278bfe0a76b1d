package org.lifeline.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.lifeline.engine.Evaluation;
import org.lifeline.engine.RuleFailure;
import org.lifeline.engine.SpotCheckPlan;
import org.lifeline.engine.Violation;

/**
 * The JSON report: {@code {asOf, rulesVersion, status, summary: {total, waived, failures, bySeverity, byTask,
 * byTopUnit}, violations: [...], failures: [{ruleId, facts, error}], spotCheckPlan: {group: [...]}, shares: [...],
 * coverage: [...], waivers: [...]}}, each violation with the fields of docs/violations.md plus {@code status}
 * ({@code OPEN}/{@code WAIVED}) and {@code waiverId} (absent values as null). {@code summary} counts open findings
 * only; waived ones are in {@code violations} with their status and counted in {@code waived}. {@code failures} lists the rules whose
 * consequence threw (empty when none): their findings are missing from {@code violations}. Strings are written
 * as standard JSON (Jackson escapes quotes, backslashes and control characters), so any name round-trips.
 */
public final class JsonReport {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    private JsonReport() {
    }

    public static void write(Evaluation e, Writer out) throws IOException {
        write(e, null, out);
    }

    /**
     * With a timeline (a check recorded into a history), two more fields follow {@code rulesVersion}:
     * {@code sinceLast: {previousAsOf, asOf, new: [...], resolved: [...], persisting, counts: [{unitId, task, before,
     * after, change}]}} (null for a first snapshot) and {@code atRisk: [...]}, the forecasts at risk with the fields of
     * a violation (severity {@code AT_RISK}; never counted in {@code summary}). The sudden jumps are among the
     * violations.
     */
    public static void write(Evaluation e, Timeline timeline, Writer out) throws IOException {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("asOf", e.asOf().toString());
        doc.put("rulesVersion", e.rulesVersion());
        doc.put("status", e.status().name());
        if (timeline != null) {
            doc.put("sinceLast", sinceLast(timeline.sinceLast()));
            List<Map<String, Object>> atRisk = new ArrayList<>();
            timeline.atRisk().forEach(v -> atRisk.add(fields(v)));
            doc.put("atRisk", atRisk);
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("total", e.open().size());
        summary.put("waived", e.waived().size());
        summary.put("failures", e.failures().size());
        Map<String, Long> bySeverity = new TreeMap<>();
        Map<String, Long> byTask = new TreeMap<>();
        Map<String, Long> byTopUnit = new TreeMap<>();
        for (Violation v : e.open()) {
            bySeverity.merge(v.severity().name(), 1L, Long::sum);
            byTask.merge(String.valueOf(v.task()), 1L, Long::sum);
            byTopUnit.merge(v.topUnitId() == null ? "" : v.topUnitId(), 1L, Long::sum);
        }
        summary.put("bySeverity", bySeverity);
        summary.put("byTask", byTask);
        summary.put("byTopUnit", byTopUnit);
        doc.put("summary", summary);
        List<Map<String, Object>> list = new ArrayList<>();
        e.violations().forEach(v -> list.add(fields(v)));
        doc.put("violations", list);
        List<Map<String, Object>> failures = new ArrayList<>();
        for (RuleFailure f : e.failures()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("ruleId", f.ruleId());
            m.put("facts", f.facts());
            m.put("error", f.error());
            failures.add(m);
        }
        doc.put("failures", failures);
        Map<String, Object> plan = new TreeMap<>();
        for (Map.Entry<Integer, List<SpotCheckPlan.Call>> g : e.spotCheckPlan().byGroup().entrySet()) {
            List<Map<String, Object>> calls = new ArrayList<>();
            for (SpotCheckPlan.Call c : g.getValue()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("memberId", c.memberId());
                m.put("orgId", c.orgId());
                m.put("orgName", c.orgName());
                m.put("ruleId", c.ruleId());
                m.put("subjectId", c.subjectId());
                m.put("reason", c.reason());
                calls.add(m);
            }
            plan.put(String.valueOf(g.getKey()), calls);
        }
        doc.put("spotCheckPlan", plan);
        List<Map<String, Object>> shares = new ArrayList<>();
        for (org.lifeline.engine.Share sh : e.shares()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("key", sh.key());
            m.put("subjectId", sh.subjectId());
            m.put("month", sh.month() == null ? null : sh.month().toString());
            m.put("done", sh.done());
            m.put("total", sh.total());
            m.put("share", sh.share());
            shares.add(m);
        }
        doc.put("shares", shares);
        doc.put("coverage", coverage(e));
        doc.put("waivers", waivers(e));
        MAPPER.writeValue(out, doc);
        out.write('\n');
        out.flush();
    }

    private static Map<String, Object> sinceLast(org.lifeline.history.SinceLast s) {
        if (s == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("previousAsOf", s.previousAsOf().toString());
        m.put("asOf", s.asOf().toString());
        m.put("new", changes(s.added()));
        m.put("resolved", changes(s.resolved()));
        m.put("persisting", s.persisting());
        List<Map<String, Object>> counts = new ArrayList<>();
        for (org.lifeline.history.SinceLast.UnitTask u : s.counts()) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("unitId", u.unitId());
            c.put("task", u.task());
            c.put("before", u.before());
            c.put("after", u.after());
            c.put("change", u.change());
            counts.add(c);
        }
        m.put("counts", counts);
        return m;
    }

    private static List<Map<String, Object>> changes(List<org.lifeline.history.SinceLast.Change> list) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (org.lifeline.history.SinceLast.Change c : list) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("ruleId", c.ruleId());
            m.put("task", c.task());
            m.put("severity", c.severity());
            m.put("subjectType", c.subjectType());
            m.put("subjectId", c.subjectId());
            m.put("topUnitId", c.topUnitId());
            out.add(m);
        }
        return out;
    }

    /** Per rule id: matches (the times its conditions held), fired, open and waived findings, never fired, failed. */
    private static List<Map<String, Object>> coverage(Evaluation e) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (org.lifeline.engine.RuleCoverage c : e.coverage()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("ruleId", c.ruleId());
            m.put("task", c.task());
            m.put("matches", c.matches());
            m.put("fired", c.fired());
            m.put("violations", c.violations());
            m.put("waived", c.waived());
            m.put("neverFired", c.neverFired());
            m.put("failed", c.failed());
            out.add(m);
        }
        return out;
    }

    /** Every waiver with what became of it on this evaluation. */
    private static List<Map<String, Object>> waivers(Evaluation e) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (org.lifeline.waiver.WaiverStatus s : e.waivers()) {
            org.lifeline.waiver.Waiver w = s.waiver();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", w.id());
            m.put("ruleId", w.ruleId());
            m.put("task", w.task());
            m.put("subjectId", w.subjectId());
            m.put("reason", w.reason().name());
            m.put("reasonLabel", w.reason().label());
            m.put("reasonText", w.reasonText());
            m.put("requestedBy", w.requestedBy());
            m.put("approvedBy", w.approvedBy());
            m.put("granted", w.granted().toString());
            m.put("expires", w.expires().toString());
            m.put("state", s.state().name());
            m.put("findings", s.findings());
            m.put("expiringSoon", s.expiringSoon());
            m.put("needsAttention", s.needsAttention());
            m.put("problem", s.problem());
            out.add(m);
        }
        return out;
    }

    /** The violation's fields, in contract order. */
    public static Map<String, Object> fields(Violation v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ruleId", v.ruleId());
        m.put("task", v.task());
        m.put("severity", v.severity().name());
        m.put("subjectType", v.subjectType().name());
        m.put("subjectId", v.subjectId());
        m.put("topUnitId", v.topUnitId());
        m.put("responsible", v.responsible());
        m.put("responsibleName", v.responsibleName());
        m.put("liaisonGroup", v.liaisonGroup());
        m.put("deadline", v.deadline() == null ? null : v.deadline().toString());
        m.put("measured", v.measured());
        m.put("required", v.required());
        m.put("memberIds", v.memberIds());
        m.put("relatedIds", v.relatedIds());
        m.put("status", v.status().name());
        m.put("waiverId", v.waiverId());
        m.put("message", v.message());
        m.put("messageEn", v.messageEn());
        return m;
    }
}

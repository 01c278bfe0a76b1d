package org.lifeline.report;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lifeline.engine.Evaluation;
import org.lifeline.engine.RuleFailure;
import org.lifeline.engine.Severity;
import org.lifeline.engine.SubjectType;
import org.lifeline.engine.Violation;

/**
 * One CSV row per violation, with the fields of docs/violations.md as header and a last column {@code record}
 * ({@code violation}), then one row per rule that failed ({@code record} = {@code failure}: {@code ruleId}, the
 * facts it had matched in {@code relatedIds}, the error in {@code message}/{@code messageEn}, the other cells
 * empty), then one row per waiver needing attention ({@code record} = {@code waiver}: expiring within 14 days,
 * expired, unused or invalid; {@code waiverId}, {@code ruleId} or {@code task}, {@code subjectId}, the expiry in
 * {@code deadline}, the waiver's state in {@code status}, why in {@code message}/{@code messageEn}). Violation rows
 * carry {@code status} ({@code OPEN}/{@code WAIVED}) and {@code waiverId}. The table stays rectangular: a reader that wants only violations keeps the rows whose {@code record}
 * is {@code violation}. Lists are {@code ;}-separated.
 *
 * <p>Cells are written by {@link Escape#csvCell} (text) and {@link Escape#csvNumber} ({@code task},
 * {@code liaisonGroup}, {@code measured}, {@code required}): every text cell that a spreadsheet could take as a
 * formula ({@code = + - @}, tab, CR first) is prefixed with {@code '} and quoted; see {@link Escape}.
 */
public final class CsvReport {

    /** The last column: what the row is. */
    public static final String RECORD = "record";
    public static final String VIOLATION = "violation";
    public static final String FAILURE = "failure";
    public static final String WAIVER = "waiver";

    private static final List<String> HEADER = header();

    private CsvReport() {
    }

    /** Writes the report with a UTF-8 byte order mark (see {@link #write(Evaluation, Writer, boolean)}). */
    public static void write(Evaluation e, Writer out) throws IOException {
        write(e, out, true);
    }

    /**
     * Writes the report.
     *
     * @param bom whether to start with a byte order mark: Excel on Chinese Windows then reads the file as UTF-8
     *            (without it, Excel takes the file for GBK and the Chinese comes out garbled); leave it out for a
     *            program that does not expect one
     */
    public static void write(Evaluation e, Writer out, boolean bom) throws IOException {
        if (bom) {
            out.write('\ufeff');
        }
        row(out, new ArrayList<>(HEADER));
        for (Violation v : e.violations()) {
            Map<String, Object> f = JsonReport.fields(v);
            f.put(RECORD, VIOLATION);
            row(out, new ArrayList<>(f.values()));
        }
        for (RuleFailure rf : e.failures()) {
            Map<String, Object> f = new LinkedHashMap<>();
            HEADER.forEach(h -> f.put(h, null));
            f.put("ruleId", rf.ruleId());
            f.put("relatedIds", rf.facts());
            f.put("message", ReportModel.failureZh(rf));
            f.put("messageEn", ReportModel.failureEn(rf));
            f.put(RECORD, FAILURE);
            row(out, new ArrayList<>(f.values()));
        }
        for (org.lifeline.waiver.WaiverStatus s : e.waiversNeedingAttention()) {
            org.lifeline.waiver.Waiver w = s.waiver();
            Map<String, Object> f = new LinkedHashMap<>();
            HEADER.forEach(h -> f.put(h, null));
            f.put("ruleId", w.ruleId());
            f.put("task", w.task());
            f.put("subjectId", w.subjectId());
            f.put("deadline", w.expires().toString());
            f.put("message", "豁免" + ReportModel.attentionZh(s));
            f.put("messageEn", "waiver " + s.state().name().toLowerCase(java.util.Locale.ROOT)
                    + (s.expiringSoon() ? ", expires " + w.expires() : "") + (s.problem() == null ? "" : ": " + s.problem()));
            f.put("status", s.state().name());
            f.put("waiverId", w.id());
            f.put(RECORD, WAIVER);
            row(out, new ArrayList<>(f.values()));
        }
        out.flush();
    }

    private static void row(Writer out, List<Object> values) throws IOException {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            Object o = values.get(i);
            if (o instanceof Number n) {
                b.append(Escape.csvNumber(n));
            } else if (o instanceof List<?> l) {
                b.append(Escape.csvCell(String.join(";", l.stream().map(String::valueOf).toList())));
            } else {
                b.append(Escape.csvCell(o == null ? null : String.valueOf(o)));
            }
        }
        out.write(b.append('\n').toString());
    }

    private static List<String> header() {
        List<String> h = new ArrayList<>(JsonReport.fields(new Violation("", 0, Severity.WARNING, SubjectType.ORGANIZATION,
                "", null, "", "", null, null, null, null, List.of(), List.of(), "", "")).keySet());
        h.add(RECORD);
        return List.copyOf(h);
    }
}

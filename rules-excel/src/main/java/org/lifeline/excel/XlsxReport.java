package org.lifeline.excel;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.SXSSFCell;
import org.apache.poi.xssf.streaming.SXSSFRow;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFColor;
import org.lifeline.engine.Evaluation;
import org.lifeline.engine.Severity;
import org.lifeline.engine.SpotCheckPlan;
import org.lifeline.engine.SubjectType;
import org.lifeline.engine.Violation;
import org.lifeline.report.ReportModel;

/**
 * The report as the provincial office mails it to the cities: an {@code .xlsx} workbook with
 * <ul>
 * <li>a summary sheet {@value #SUMMARY}: top units × tasks, each cell the number of findings, coloured by the worst
 * (逾期未完成 red, 数据异常 orange, 临近截止 yellow), task short names in the header;</li>
 * <li>one sheet per responsible top unit with its findings in Chinese: task, severity, rule description, subject
 * and its organisation path, the unit responsible, deadline, measured and required (percentages where they are
 * shares), members;</li>
 * <li>one sheet per liaison group with its spot-check list: member, organisation and path, rule, reason.</li>
 * </ul>
 * Written as a stream (SXSSF: 100 rows in memory per sheet). Every value from the data is a text cell (ids stay
 * text, a name starting with {@code =} stays text: no cell is ever a formula); header rows are frozen and filtered;
 * column widths fit Chinese (a CJK character counts as two); sheet names are unique, at most 31 characters,
 * without the characters Excel forbids.
 */
public final class XlsxReport {

    /** The summary sheet's name. */
    public static final String SUMMARY = "汇总";
    /** The sheet of the waived findings and the waivers needing attention. */
    public static final String WAIVERS = "豁免";
    private static final int MAX_MEMBERS_SHOWN = 200;
    private static final int MAX_WIDTH = 60;

    private XlsxReport() {
    }

    /** Writes the workbook; the stream is left open. */
    public static void write(ReportModel model, OutputStream out) throws IOException {
        SXSSFWorkbook wb = new SXSSFWorkbook(100);
        wb.setCompressTempFiles(true);
        try {
            new Writer(wb, model).write();
            wb.write(out);
        } finally {
            wb.close(); // also deletes the temporary files
        }
    }

    private static final class Writer {
        private final SXSSFWorkbook wb;
        private final ReportModel model;
        private final Evaluation e;
        private final Set<String> sheetNames = new HashSet<>();
        private final CellStyle header;
        private final CellStyle text;
        private final CellStyle title;
        private final CellStyle percent;
        private final CellStyle integer;
        private final Map<Severity, CellStyle> severity = new HashMap<>();

        Writer(SXSSFWorkbook wb, ReportModel model) {
            this.wb = wb;
            this.model = model;
            this.e = model.evaluation();
            Font bold = wb.createFont();
            bold.setBold(true);
            header = wb.createCellStyle();
            header.setFont(bold);
            header.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
            header.setFillPattern(FillPatternType.SOLID_FOREGROUND);
            header.setBorderBottom(BorderStyle.THIN);
            header.setWrapText(true);
            text = wb.createCellStyle();
            text.setDataFormat(wb.createDataFormat().getFormat("@"));
            Font big = wb.createFont();
            big.setBold(true);
            big.setFontHeightInPoints((short) 14);
            title = wb.createCellStyle();
            title.setFont(big);
            percent = wb.createCellStyle();
            percent.setDataFormat(wb.createDataFormat().getFormat("0.0%"));
            integer = wb.createCellStyle();
            integer.setDataFormat(wb.createDataFormat().getFormat("0"));
            severity.put(Severity.VIOLATION, fill(0xE7, 0x4C, 0x3C, true));
            // the HTML report's colours (report.css), so the office sees one legend in both
            severity.put(Severity.ANOMALY, fill(0x8E, 0x44, 0xAD, true));
            severity.put(Severity.WARNING, fill(0xF5, 0xB0, 0x41, false));
            severity.put(Severity.AT_RISK, fill(0xAE, 0xD6, 0xF1, false));
        }

        private CellStyle fill(int r, int g, int b, boolean whiteText) {
            XSSFCellStyle s = (XSSFCellStyle) wb.createCellStyle();
            if (whiteText) {
                Font f = wb.createFont();
                f.setColor(IndexedColors.WHITE.getIndex());
                s.setFont(f);
            }
            s.setFillForegroundColor(new XSSFColor(new byte[] {(byte) r, (byte) g, (byte) b}, null));
            s.setFillPattern(FillPatternType.SOLID_FOREGROUND);
            s.setAlignment(HorizontalAlignment.CENTER);
            for (var edge : List.<java.util.function.Consumer<BorderStyle>>of(s::setBorderTop, s::setBorderBottom,
                    s::setBorderLeft, s::setBorderRight)) {
                edge.accept(BorderStyle.THIN); // white lines between neighbouring cells of one colour
            }
            XSSFColor white = new XSSFColor(new byte[] {(byte) 255, (byte) 255, (byte) 255}, null);
            s.setTopBorderColor(white);
            s.setBottomBorderColor(white);
            s.setLeftBorderColor(white);
            s.setRightBorderColor(white);
            return s;
        }

        void write() {
            summary();
            for (Map.Entry<String, Map<Integer, List<Violation>>> unit : model.byUnit().entrySet()) {
                unit(unit.getKey(), unit.getValue());
            }
            waivers();
            spotChecks();
        }

        private static final String[] WAIVED_HEADER = {"豁免编号", "任务", "程度", "规则", "问题说明", "对象", "所在组织路径",
            "责任主体", "批准单位", "到期日期"};
        private static final String[] ATTENTION_HEADER = {"豁免编号", "规则/任务", "对象", "原因", "批准单位", "到期日期", "提醒"};

        /**
         * The waived findings (never counted: each with its waiver, approver and expiry) and below them the waivers
         * needing attention, on a sheet of their own; none when the evaluation has neither.
         */
        private void waivers() {
            List<org.lifeline.waiver.WaiverStatus> attention = e.waiversNeedingAttention();
            if (e.waived().isEmpty() && attention.isEmpty()) {
                return;
            }
            Map<String, org.lifeline.waiver.Waiver> byId = new HashMap<>();
            e.waivers().forEach(st -> byId.put(st.waiver().id(), st.waiver()));
            Sheet t = new Sheet(sheet(WAIVERS));
            Row h = t.row(0);
            for (int i = 0; i < WAIVED_HEADER.length; i++) {
                h.text(i, WAIVED_HEADER[i], header);
            }
            int r = 1;
            for (Violation v : e.waived()) {
                org.lifeline.waiver.Waiver w = byId.get(v.waiverId());
                boolean org = v.subjectType() == SubjectType.ORGANIZATION;
                Row row = t.row(r++);
                row.text(0, v.waiverId(), text);
                row.text(1, ReportModel.TASKS.getOrDefault(v.task(), "任务" + v.task()), null);
                row.text(2, ReportModel.severityZh(v.severity()), null);
                row.text(3, v.ruleId(), null);
                row.text(4, v.message(), null);
                row.text(5, org ? model.orgName(v.subjectId()) : v.subjectId(), text);
                row.text(6, model.orgPath(org ? v.subjectId() : v.responsible()), null);
                row.text(7, v.responsibleName(), null);
                row.text(8, w == null ? "" : model.orgName(w.approvedBy()), null);
                row.text(9, w == null ? "" : w.expires().toString(), null);
            }
            int table = r - 1;
            if (!attention.isEmpty()) {
                r++;
                t.row(r++).text(0, ReportModel.WAIVERS_ZH, null);
                Row a = t.row(r++);
                for (int i = 0; i < ATTENTION_HEADER.length; i++) {
                    a.text(i, ATTENTION_HEADER[i], header);
                }
                for (org.lifeline.waiver.WaiverStatus st : attention) {
                    org.lifeline.waiver.Waiver w = st.waiver();
                    Row row = t.row(r++);
                    row.text(0, w.id(), text);
                    row.text(1, w.ruleId() != null ? w.ruleId() : "任务" + w.task(), null);
                    row.text(2, model.orgName(w.subjectId()), text);
                    row.text(3, w.reason().label() + "：" + w.reasonText(), null);
                    row.text(4, model.orgName(w.approvedBy()), null);
                    row.text(5, w.expires().toString(), null);
                    row.text(6, ReportModel.attentionZh(st), null);
                }
            }
            t.finish(0, WAIVED_HEADER.length, table, 0);
        }

        // ---- the summary ----

        private void summary() {
            SXSSFSheet s = sheet(SUMMARY);
            Map<Severity, Long> counts = e.countBySeverity();
            Sheet t = new Sheet(s);
            t.row(0).text(0, "命脉工程攻坚阶段检查报告", title);
            t.row(1).text(0, String.format("截至 %s · 规则版本 %s · 共 %d 项：逾期未完成 %d，临近截止 %d，数据异常 %d%s%s", e.asOf(),
                    e.rulesVersion(), e.open().size(), counts.getOrDefault(Severity.VIOLATION, 0L),
                    counts.getOrDefault(Severity.WARNING, 0L), counts.getOrDefault(Severity.ANOMALY, 0L),
                    e.waived().isEmpty() ? "" : "；已豁免 " + e.waived().size() + " 项（不计入）",
                    e.failures().isEmpty() ? "" : "；" + ReportModel.incompleteZh(e.failures().size())), null);
            Row legend = t.row(2);
            legend.text(0, "图例：", null);
            legend.text(1, ReportModel.severityZh(Severity.VIOLATION), severity.get(Severity.VIOLATION));
            legend.text(2, ReportModel.severityZh(Severity.ANOMALY), severity.get(Severity.ANOMALY));
            legend.text(3, ReportModel.severityZh(Severity.WARNING), severity.get(Severity.WARNING));
            int headerAt = 4;
            Row h = t.row(headerAt);
            h.text(0, "单位", header);
            h.text(1, "联络组", header);
            int c = 2;
            for (Integer task : ReportModel.TASKS.keySet()) {
                h.text(c++, (task == 0 ? "" : task + " ") + ReportModel.TASKS_SHORT.get(task), header);
            }
            h.text(c, "合计", header);
            int r = headerAt + 1;
            for (Map.Entry<String, Map<Integer, List<Violation>>> unit : model.byUnit().entrySet()) {
                Row row = t.row(r++);
                Integer group = unit.getValue().values().iterator().next().get(0).liaisonGroup();
                row.text(0, model.unitName(unit.getKey()), null);
                row.text(1, group == null ? "" : String.valueOf(group), null);
                int col = 2;
                int total = 0;
                for (Integer task : ReportModel.TASKS.keySet()) {
                    List<Violation> cell = unit.getValue().get(task);
                    if (cell != null) {
                        row.number(col, cell.size(), severity.get(ReportModel.worst(cell)));
                        total += cell.size();
                    }
                    col++;
                }
                row.number(col, total, null);
            }
            t.finish(headerAt, 2 + ReportModel.TASKS.size() + 1, r - 1, 1);
        }

        // ---- one sheet per responsible unit ----

        private static final String[] UNIT_HEADER = {"任务", "程度", "规则", "问题说明", "对象", "所在组织路径", "责任主体",
            "截止日期", "完成", "要求", "涉及团员数", "涉及团员"};

        private void unit(String unitId, Map<Integer, List<Violation>> tasks) {
            String name = model.unitName(unitId);
            SXSSFSheet s = sheet(name);
            Sheet t = new Sheet(s);
            Row h = t.row(0);
            for (int i = 0; i < UNIT_HEADER.length; i++) {
                h.text(i, UNIT_HEADER[i], header);
            }
            int r = 1;
            for (Map.Entry<Integer, List<Violation>> task : tasks.entrySet()) {
                for (Violation v : task.getValue()) {
                    Row row = t.row(r++);
                    row.text(0, ReportModel.TASKS.getOrDefault(v.task(), "任务" + v.task()), null);
                    row.text(1, ReportModel.severityZh(v.severity()), severity.get(v.severity()));
                    row.text(2, v.ruleId(), null);
                    row.text(3, v.message(), null);
                    // the subject: an organisation by its name and path; a member or an enterprise by its id, found
                    // at the organisation responsible
                    boolean org = v.subjectType() == SubjectType.ORGANIZATION;
                    row.text(4, org ? model.orgName(v.subjectId()) : v.subjectId(), text);
                    row.text(5, model.orgPath(org ? v.subjectId() : v.responsible()), null);
                    row.text(6, v.responsibleName(), null);
                    row.text(7, v.deadline() == null ? "" : v.deadline().toString(), null);
                    boolean share = isShare(v);
                    measure(row, 8, v.measured(), share);
                    measure(row, 9, v.required(), share);
                    row.number(10, v.memberIds().size(), null);
                    List<String> shown = v.memberIds().size() > MAX_MEMBERS_SHOWN
                            ? v.memberIds().subList(0, MAX_MEMBERS_SHOWN) : v.memberIds();
                    row.text(11, String.join("、", shown) + (v.memberIds().size() > MAX_MEMBERS_SHOWN
                            ? " …（共 " + v.memberIds().size() + " 名）" : ""), null);
                }
            }
            t.finish(0, UNIT_HEADER.length, r - 1, 0);
        }

        private void measure(Row row, int col, Double value, boolean share) {
            if (value == null) {
                row.text(col, "", null);
            } else if (share) {
                row.number(col, value, percent);
            } else {
                row.number(col, Math.round(value), integer);
            }
        }

        /** Whether a finding's numbers are shares (shown as percentages) rather than counts, as in the HTML report. */
        static boolean isShare(Violation v) {
            if (v.measured() == null) {
                return false;
            }
            boolean count = v.deadline() == null && v.severity() == Severity.ANOMALY && v.required() != null
                    && (v.required() >= 1 || v.required() == 0 || v.measured() > 1);
            return !count;
        }

        // ---- one sheet per liaison group: the spot checks ----

        private static final String[] CALL_HEADER = {"团员ID", "所在组织", "所在组织路径", "规则", "规则说明", "抽查原因"};

        private void spotChecks() {
            SpotCheckPlan plan = e.spotCheckPlan();
            Map<String, String> describe = new HashMap<>();
            Map<String, String> byRule = new HashMap<>();
            for (Violation v : e.violations()) {
                describe.putIfAbsent(v.ruleId() + "\u0000" + v.subjectId(), v.message());
                byRule.putIfAbsent(v.ruleId(), v.message());
            }
            plan.byGroup().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(g -> {
                SXSSFSheet s = sheet("抽查-" + (g.getKey() == 0 ? "未归属" : "联络组" + g.getKey()));
                Sheet t = new Sheet(s);
                Row h = t.row(0);
                for (int i = 0; i < CALL_HEADER.length; i++) {
                    h.text(i, CALL_HEADER[i], header);
                }
                int r = 1;
                for (SpotCheckPlan.Call call : g.getValue()) {
                    Row row = t.row(r++);
                    row.text(0, call.memberId(), text);
                    row.text(1, call.orgName() == null ? "" : call.orgName(), null);
                    row.text(2, call.orgId() == null ? "" : model.orgPath(call.orgId()), null);
                    row.text(3, call.ruleId(), null);
                    row.text(4, describe.getOrDefault(call.ruleId() + "\u0000" + call.subjectId(),
                            byRule.getOrDefault(call.ruleId(), "")), null);
                    row.text(5, call.reason(), null);
                }
                t.finish(0, CALL_HEADER.length, r - 1, 1);
            });
        }

        // ---- sheets ----

        private SXSSFSheet sheet(String wanted) {
            String name = sheetName(wanted, sheetNames);
            sheetNames.add(name.toLowerCase(Locale.ROOT));
            return wb.createSheet(name);
        }
    }

    /** The most characters Excel keeps in a cell. */
    static final int MAX_CELL_TEXT = 32_767;

    /**
     * A name Excel accepts and no other sheet has (compared without case): the forbidden characters
     * {@code []:*?/\} and characters XML forbids replaced by {@code _}, no leading or trailing {@code '}, at most 31
     * characters, a {@code (2)}, {@code (3)}… suffix when taken or reserved ({@code History}).
     */
    static String sheetName(String wanted, Set<String> takenLowerCase) {
        StringBuilder b = new StringBuilder();
        wanted.codePoints().forEach(c -> b.appendCodePoint(
                ColumnMap.SHEET_FORBIDDEN.indexOf(c) >= 0 || Character.isISOControl(c) || !xmlChar(c) ? '_' : c));
        String base = b.toString().replaceAll("^'+|'+$", "").strip();
        if (base.isEmpty()) {
            base = "单位";
        }
        String name = cut(base, 31);
        // Excel reserves the name History (it repairs a workbook that uses it)
        for (int n = 2; takenLowerCase.contains(name.toLowerCase(Locale.ROOT)) || name.equalsIgnoreCase("History"); n++) {
            String suffix = "(" + n + ")";
            name = cut(base, 31 - suffix.length()) + suffix;
        }
        return name;
    }

    /** Whether XML 1.0 allows a character (a lone surrogate, U+FFFE and U+FFFF it does not): a workbook is XML. */
    static boolean xmlChar(int c) {
        return c == 0x9 || c == 0xA || c == 0xD || c >= 0x20 && c <= 0xD7FF || c >= 0xE000 && c <= 0xFFFD
                || c >= 0x10000 && c <= 0x10FFFF;
    }

    private static String cut(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        int end = max;
        if (Character.isHighSurrogate(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end);
    }

    /** Display width of a text in Excel's character units: a CJK (full-width) character counts as two. */
    static int width(String s) {
        int w = 0;
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            w += wide(c) ? 2 : 1;
        }
        return w;
    }

    private static boolean wide(int c) {
        Character.UnicodeScript script = Character.UnicodeScript.of(c);
        return script == Character.UnicodeScript.HAN || (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF00 && c <= 0xFFEF)
                || script == Character.UnicodeScript.HIRAGANA || script == Character.UnicodeScript.KATAKANA
                || script == Character.UnicodeScript.HANGUL;
    }

    /** A sheet being written: tracks the widest text per column for the widths. */
    private static final class Sheet {
        private final SXSSFSheet sheet;
        private final List<Integer> widths = new ArrayList<>();

        Sheet(SXSSFSheet sheet) {
            this.sheet = sheet;
        }

        Row row(int r) {
            return new Row(sheet.createRow(r), this);
        }

        void seen(int col, int width) {
            while (widths.size() <= col) {
                widths.add(4);
            }
            widths.set(col, Math.max(widths.get(col), width));
        }

        /** Frozen header row(s) and first columns, an auto filter over the table, the widths; prints landscape, one page wide. */
        void finish(int headerRow, int columns, int lastRow, int frozenColumns) {
            sheet.setFitToPage(true);
            sheet.getPrintSetup().setLandscape(true);
            sheet.getPrintSetup().setPaperSize(org.apache.poi.ss.usermodel.PrintSetup.A4_PAPERSIZE);
            sheet.getPrintSetup().setFitWidth((short) 1);
            sheet.getPrintSetup().setFitHeight((short) 0);
            sheet.setRepeatingRows(new CellRangeAddress(headerRow, headerRow, -1, -1));
            sheet.createFreezePane(frozenColumns, headerRow + 1);
            sheet.setAutoFilter(new CellRangeAddress(headerRow, Math.max(headerRow, lastRow), 0, columns - 1));
            for (int c = 0; c < widths.size(); c++) {
                sheet.setColumnWidth(c, Math.min(MAX_WIDTH, widths.get(c) + 2) * 256);
            }
        }
    }

    /** A row being written. */
    private static final class Row {
        private final SXSSFRow row;
        private final Sheet sheet;

        Row(SXSSFRow row, Sheet sheet) {
            this.row = row;
            this.sheet = sheet;
        }

        /** A text cell: never a formula, whatever the text starts with; past Excel's 32,767 characters, cut with …. */
        void text(int col, String value, CellStyle style) {
            SXSSFCell c = row.createCell(col);
            if (value != null && value.length() > MAX_CELL_TEXT) {
                value = cut(value, MAX_CELL_TEXT - 1) + "…";
            }
            c.setCellValue(value == null ? "" : value);
            if (style != null) {
                c.setCellStyle(style);
            }
            if (row.getRowNum() > 1 || col > 0) { // the title lines span the sheet: they do not size column A
                sheet.seen(col, width(value == null ? "" : value));
            }
        }

        void number(int col, double value, CellStyle style) {
            SXSSFCell c = row.createCell(col);
            c.setCellValue(value);
            if (style != null) {
                c.setCellStyle(style);
            }
            sheet.seen(col, 6);
        }
    }
}

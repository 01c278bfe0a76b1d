package org.lifeline.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lifeline.calendar.CampaignCalendar;
import org.lifeline.engine.Evaluation;
import org.lifeline.engine.RuleFailure;
import org.lifeline.engine.Share;
import org.lifeline.engine.Severity;
import org.lifeline.engine.SpotCheckPlan;
import org.lifeline.engine.Violation;
import org.lifeline.history.SinceLast;

/**
 * The office's report as one self-contained HTML file: Apache ECharts, the page's style sheet and its small script
 * ({@code report.css}, {@code report.js} next to this class) are inlined, so the file opens without network
 * access. It shows a filter by top unit (city, provincial system or school: the matrix rows, the charts' bars,
 * the violations and the spot-check calls of that unit only, also when printed), the matrix of top units × tasks
 * coloured by the worst severity (task short names in the header, each cell linking to its violations), a chart
 * per percentage milestone (horizontal bars worst first with the milestone that judged them and the next one; the
 * 40 worst at first, a button shows all, the chart growing with its bars), every violation with its responsible
 * unit, liaison group, deadline, numbers, members and message, and the spot-check plan per liaison group (each
 * member's organisation, its path and the finding in Chinese). When rules failed, a banner at the top says the
 * evaluation is incomplete and a last section lists the failures.
 *
 * <p>Chinese needs a CJK font: the page names the fonts offices have (Microsoft YaHei, PingFang SC, Noto Sans CJK
 * SC, Source Han Sans SC, WenQuanYi Micro Hei). A font cannot be inlined at a reasonable size (several megabytes
 * even subset to the characters used), so a machine without any of them shows boxes. It prints to A4 landscape:
 * no controls, a page break before each major section, rows kept whole, colours kept.
 *
 * <p>Every value from the data is escaped for where it is written, by {@link Escape}: {@link Escape#html} for
 * text and attribute values, {@link Escape#scriptJson} for the chart data inside {@code <script>},
 * {@link Escape#fragmentId} for ids, {@code href="#…"} targets and the filter's keys. A name can therefore neither
 * end the chart's script nor add markup, and everything after the charts renders whatever the names are. The
 * page's script writes data only as text.
 */
public final class HtmlReport {

    static final String ECHARTS = "META-INF/resources/webjars/echarts/5.3.1/dist/echarts.min.js";
    static final String STYLE = "org/lifeline/report/report.css";
    static final String SCRIPT = "org/lifeline/report/report.js";
    /** The percentage milestones charted (calendar keys), with their titles. */
    static final Map<String, String> CHARTS = charts();

    private static Map<String, String> charts() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("T10.REGISTRATION", "任务10 各地市\"两新\"团组织注册登记比例");
        m.put("T12.TRANSFER", "任务12 各学校应届毕业生组织关系转出完成比例");
        m.put("T13.ONLINE_PAYMENT", "任务13 各单位按时在线交纳团费比例");
        return m;
    }

    private HtmlReport() {
    }

    public static void write(ReportModel model, PrintWriter out) {
        Evaluation e = model.evaluation();
        Map<Severity, Long> counts = e.countBySeverity();
        out.println("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">");
        out.println("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        out.println("<title>命脉工程攻坚阶段检查报告 " + e.asOf() + "</title>");
        out.println("<style>" + inline(STYLE, "style") + "</style>");
        out.println("<script>" + inline(ECHARTS, "script") + "</script>");
        out.println("<script>" + inline(SCRIPT, "script") + "</script></head><body>");
        out.printf("<h1>命脉工程攻坚阶段检查报告</h1><p>截至 %s · 规则版本 %s · 共 %d 项：逾期未完成 %d，临近截止 %d，数据异常 %d%s</p>%n",
                e.asOf(), Escape.html(e.rulesVersion()), e.open().size(), counts.getOrDefault(Severity.VIOLATION, 0L),
                counts.getOrDefault(Severity.WARNING, 0L), counts.getOrDefault(Severity.ANOMALY, 0L),
                e.waived().isEmpty() ? "" : " · <a href=\"#waived\">已豁免 " + e.waived().size() + " 项（不计入）</a>");
        if (!e.failures().isEmpty()) {
            out.printf("<div id=\"incomplete\" class=\"banner\" role=\"alert\">%s <a href=\"#rule-failures\">查看%s</a></div>%n",
                    Escape.html(ReportModel.incompleteZh(e.failures().size())), ReportModel.FAILURES_ZH);
        }
        out.println("<p class=\"legend\"><span class=\"VIOLATION\">逾期未完成</span><span class=\"WARNING\">临近截止</span>"
                + "<span class=\"ANOMALY\">数据异常</span></p>");
        filter(model, out);
        Timeline timeline = model.timeline();
        if (timeline != null) {
            sinceLast(model, timeline, out);
        }
        matrix(model, out);
        shareCharts(model, out);
        if (timeline != null) {
            trends(model, timeline, out);
        }
        violations(model, out);
        waivers(model, out);
        spotChecks(model, out);
        failures(e, out);
        out.println("</body></html>");
        out.flush();
    }

    /** The filter's key of a top unit ("" for none): ASCII, the same wherever the unit is named. */
    static String unitKey(String topUnitId) {
        return Escape.fragmentId("unit", topUnitId == null ? "" : topUnitId);
    }

    /**
     * The select box of top units: those with violations in the matrix's order, then those that appear only in a
     * chart or the spot-check plan, by name.
     */
    private static void filter(ReportModel model, PrintWriter out) {
        Map<String, String> units = new LinkedHashMap<>();
        model.byUnit().keySet().forEach(u -> units.put(u, model.unitLabel(u)));
        java.util.TreeMap<String, String> others = new java.util.TreeMap<>();
        for (Share sh : model.evaluation().shares()) {
            String u = model.topUnitOf(sh.subjectId());
            if (!units.containsKey(u)) {
                others.put(model.unitLabel(u) + "\u0000" + u, u);
            }
        }
        for (SpotCheckPlan.Call c : model.evaluation().spotCheckPlan().all()) {
            String u = model.topUnitOf(c.orgId());
            if (!units.containsKey(u)) {
                others.put(model.unitLabel(u) + "\u0000" + u, u);
            }
        }
        others.values().forEach(u -> units.putIfAbsent(u, model.unitLabel(u)));
        out.println("<div class=\"controls\"><label for=\"unit-filter\">按地市 / 直属单位筛选：</label>"
                + "<select id=\"unit-filter\"><option value=\"\">全部单位</option>");
        units.forEach((id, name) -> out.printf("<option value=\"%s\">%s</option>", Escape.html(unitKey(id)), Escape.html(name)));
        out.println("</select><span id=\"filter-note\"></span></div>");
    }

    /** Top units × tasks, the short task name in the header and the full one on hover. */
    private static void matrix(ReportModel model, PrintWriter out) {
        out.println("<h2>各单位任务完成情况</h2><table id=\"matrix\"><thead><tr><th>单位</th><th>联络组</th>");
        for (Map.Entry<Integer, String> t : ReportModel.TASKS.entrySet()) {
            out.printf("<th class=\"task\" title=\"%s\">%s%s</th>", Escape.html(t.getValue()),
                    t.getKey() == 0 ? "" : "<small>任务" + t.getKey() + "</small>", Escape.html(ReportModel.TASKS_SHORT.get(t.getKey())));
        }
        out.println("</tr></thead><tbody>");
        for (Map.Entry<String, Map<Integer, List<Violation>>> unit : model.byUnit().entrySet()) {
            Integer group = unit.getValue().values().iterator().next().get(0).liaisonGroup();
            out.printf("<tr data-unit=\"%s\"><td>%s</td><td>%s</td>", Escape.html(unitKey(unit.getKey())),
                    Escape.html(model.unitName(unit.getKey())), group == null ? "" : group);
            for (Integer task : ReportModel.TASKS.keySet()) {
                List<Violation> cell = unit.getValue().get(task);
                if (cell == null) {
                    out.print("<td></td>");
                } else {
                    out.printf("<td class=\"cell %s\"><a href=\"#%s\">%d%s</a></td>", ReportModel.worst(cell).name(),
                            Escape.html(ReportModel.cellAnchor(unit.getKey(), task)), cell.size(),
                            waivedMark(model, unit.getKey(), task));
                }
            }
            out.println("</tr>");
        }
        out.println("</tbody></table>");
    }

    /**
     * A chart per percentage milestone (and per month judged, for a monthly duty): every measured unit's share as a
     * horizontal bar, worst first, red when below the milestone that judged it, with that milestone and the next
     * one as lines. The page's script draws it ({@code lifeline.chart}) from the data written here.
     */
    private static void shareCharts(ReportModel model, PrintWriter out) {
        Evaluation e = model.evaluation();
        out.println("<h2 class=\"major\" id=\"shares\">百分比节点完成情况</h2>");
        int n = 0;
        for (Map.Entry<String, String> chart : CHARTS.entrySet()) {
            java.util.TreeMap<String, List<Share>> byMonth = new java.util.TreeMap<>();
            for (Share sh : e.sharesOf(chart.getKey())) {
                byMonth.computeIfAbsent(sh.month() == null ? "" : sh.month().toString(), k -> new ArrayList<>()).add(sh);
            }
            for (Map.Entry<String, List<Share>> month : byMonth.entrySet()) {
                String title = month.getKey().isEmpty() ? chart.getValue()
                        : chart.getValue() + "（" + month.getKey().replace("-", "年").replaceFirst("年0?", "年") + "月）";
                shareChart(model, "chart-" + (n++), chart.getKey(), title, month.getValue(), out);
            }
        }
    }

    private static void shareChart(ReportModel model, String id, String key, String title, List<Share> list, PrintWriter out) {
        List<Share> shares = new ArrayList<>(list);
        shares.sort(java.util.Comparator.comparingDouble(Share::share).thenComparing(Share::subjectId));
        CampaignCalendar.Step passed = null;
        CampaignCalendar.Step next = null;
        java.time.YearMonth month = shares.get(0).month();
        for (CampaignCalendar.Step step : model.calendar().steps(key)) {
            if (month != null) { // the month's own deadline: its last day
                step = new CampaignCalendar.Step(month.atEndOfMonth(), step.required());
            }
            if (model.evaluation().asOf().isAfter(step.deadline())) {
                passed = step;
            } else if (next == null) {
                next = step;
            }
        }
        List<String> names = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        List<String> units = new ArrayList<>();
        List<Boolean> below = new ArrayList<>();
        for (Share sh : shares) {
            names.add(Escape.visible(model.orgName(sh.subjectId())));
            values.add(Math.round(sh.share() * 1000) / 10.0);
            units.add(unitKey(model.topUnitOf(sh.subjectId())));
            below.add(passed != null && passed.required() != null && sh.below(passed.required()));
        }
        List<Object> milestones = new ArrayList<>();
        if (passed != null && passed.required() != null) {
            milestones.add(Map.of("name", "已过节点 " + md(passed) + " " + pct(passed.required()), "value",
                    Math.round(passed.required() * 1000) / 10.0, "passed", true));
        }
        if (next != null && next.required() != null) {
            milestones.add(Map.of("name", "下一节点 " + md(next) + " " + pct(next.required()), "value",
                    Math.round(next.required() * 1000) / 10.0, "passed", false));
        }
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("title", title);
        spec.put("names", names);
        spec.put("values", values);
        spec.put("units", units);
        spec.put("below", below);
        spec.put("milestones", milestones);
        out.printf("<figure class=\"chart-box\"><div class=\"chart\" id=\"%s\" data-key=\"%s\" data-units=\"%d\"></div>"
                        + "<figcaption class=\"chart-note\"><span id=\"%s-note\"></span><button type=\"button\" class=\"chart-all\" "
                        + "id=\"%s-all\" hidden></button></figcaption></figure>%n",
                Escape.html(id), Escape.html(key), shares.size(), Escape.html(id), Escape.html(id));
        out.printf("<script>lifeline.chart(%s,%s);</script>%n", Escape.scriptJson(id), Escape.scriptJson(spec));
    }

    /** Every violation, by top unit and task. */
    private static void violations(ReportModel model, PrintWriter out) {
        out.println("<h2 class=\"major\" id=\"violations\">问题明细</h2>");
        for (Map.Entry<String, Map<Integer, List<Violation>>> unit : model.byUnit().entrySet()) {
            out.printf("<section class=\"unit\" data-unit=\"%s\"><h3>%s</h3>%n", Escape.html(unitKey(unit.getKey())),
                    Escape.html(model.unitName(unit.getKey())));
            for (Map.Entry<Integer, List<Violation>> task : unit.getValue().entrySet()) {
                out.printf("<h4 id=\"%s\">%s</h4>%n", Escape.html(ReportModel.cellAnchor(unit.getKey(), task.getKey())), Escape.html(ReportModel.TASKS.get(task.getKey())));
                out.println("<table><thead><tr><th>程度</th><th>规则</th><th>说明</th><th>责任主体</th><th>联络组</th><th>截止</th>"
                        + "<th>完成/要求</th><th>团员</th></tr></thead><tbody>");
                for (Violation v : task.getValue()) {
                    out.printf("<tr id=\"%s\"><td class=\"%s\">%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>%n",
                            Escape.html(ReportModel.anchor(v)), v.severity().name(), ReportModel.severityZh(v.severity()), Escape.html(v.ruleId()),
                            Escape.html(v.message()), Escape.html(v.responsibleName()), v.liaisonGroup() == null ? "" : v.liaisonGroup(),
                            v.deadline() == null ? "" : v.deadline(),
                            measure(v),
                            Escape.html(String.join(", ", v.memberIds().size() > 30 ? v.memberIds().subList(0, 30) : v.memberIds())
                                    + (v.memberIds().size() > 30 ? " …（共 " + v.memberIds().size() + " 名）" : "")));
                }
                out.println("</tbody></table>");
            }
            out.println("</section>");
        }
    }

    /**
     * The spot-check plan per liaison group: each member with the organisation that holds it and that
     * organisation's path (where to call), its top unit, and the finding in Chinese (the violation's message,
     * linked to its row; the rule id only as a reference).
     */
    private static void spotChecks(ReportModel model, PrintWriter out) {
        SpotCheckPlan plan = model.evaluation().spotCheckPlan();
        if (plan.isEmpty()) {
            return;
        }
        Map<String, Violation> findings = new java.util.HashMap<>();
        for (Violation v : model.evaluation().violations()) {
            findings.putIfAbsent(v.ruleId() + "\u0000" + v.subjectId(), v);
        }
        out.println("<h2 class=\"major\" id=\"spot-check\">抽查名单（按联络组）</h2>");
        plan.byGroup().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(g -> {
            out.printf("<div class=\"group\"><h3>联络组 %s</h3><table><thead><tr><th>团员</th><th>所在组织</th><th>所属单位</th>"
                    + "<th>核实事项</th></tr></thead><tbody>%n", g.getKey() == 0 ? "（未归属）" : g.getKey());
            for (SpotCheckPlan.Call c : g.getValue()) {
                String unit = model.topUnitOf(c.orgId());
                Violation v = findings.get(c.ruleId() + "\u0000" + c.subjectId());
                String finding = v == null ? Escape.html(c.reason())
                        : "<a href=\"#" + Escape.html(ReportModel.anchor(v)) + "\">" + Escape.html(v.message()) + "</a>"
                        + (c.reason() == null || c.reason().equals(v.message()) ? "" : "<br>" + Escape.html(c.reason()));
                out.printf("<tr class=\"call\" data-unit=\"%s\"><td>%s</td><td>%s<div class=\"path\">%s</div></td><td>%s</td>"
                                + "<td>%s<span class=\"rule\">%s</span></td></tr>%n",
                        Escape.html(unitKey(unit)), Escape.html(c.memberId()),
                        Escape.html(c.orgName() == null ? model.orgName(c.orgId()) : c.orgName()), Escape.html(model.orgPath(c.orgId())),
                        Escape.html(model.unitLabel(unit)), finding, Escape.html(c.ruleId()));
            }
            out.println("</tbody></table></div>");
        });
    }

    /** The rules that failed: their findings are missing above. */
    private static void failures(Evaluation e, PrintWriter out) {
        if (e.failures().isEmpty()) {
            return;
        }
        out.printf("<h2 class=\"major\" id=\"rule-failures\">%s（%d 条，评估不完整）</h2>%n", ReportModel.FAILURES_ZH, e.failures().size());
        out.println("<table id=\"failures\"><thead><tr><th>规则</th><th>错误</th><th>涉及事实</th></tr></thead><tbody>");
        for (RuleFailure f : e.failures()) {
            out.printf("<tr><td>%s</td><td>%s</td><td>%s</td></tr>%n", Escape.html(f.ruleId()), Escape.html(f.error()),
                    Escape.html(String.join(", ", f.facts())));
        }
        out.println("</tbody></table>");
    }

    /** The mark of a matrix cell whose findings are partly waived: {@code <sup class="waived">免2</sup>}, or "". */
    static String waivedMark(ReportModel model, String unitId, int task) {
        String mark = model.waivedMark(unitId, task);
        return mark.isEmpty() ? "" : "<sup class=\"waived\" title=\"已豁免 " + model.waivedIn(unitId, task) + " 项\">"
                + Escape.html(mark) + "</sup>";
    }

    /**
     * The waivers' own section (self-contained, with its style): the waived findings, which are never counted as
     * violations, and the waivers needing attention (expiring within 14 days, expired, unused, invalid).
     */
    static void waivers(ReportModel model, PrintWriter out) {
        Evaluation e = model.evaluation();
        if (e.waived().isEmpty() && e.waivers().isEmpty()) {
            return;
        }
        out.println("<section id=\"waivers\"><style>#waivers .WAIVED{background:#d5dbdb}#waivers .attention{background:#fcf3cf}"
                + "sup.waived{font-size:10px;margin-left:2px}</style>");
        out.printf("<h2 class=\"major\" id=\"waived\">%s：%d 项</h2><p>%s</p>%n", Escape.html(ReportModel.WAIVED_ZH), e.waived().size(),
                Escape.html(ReportModel.waiversSummaryZh(e)));
        if (!e.waived().isEmpty()) {
            out.println("<table id=\"waived-findings\"><tr><th>豁免</th><th>程度</th><th>规则</th><th>说明</th><th>责任主体</th>"
                    + "<th>单位</th><th>截止</th></tr>");
            for (Violation v : e.waived()) {
                out.printf("<tr class=\"WAIVED\" id=\"%s\"><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td>"
                                + "<td>%s</td></tr>%n", Escape.html(ReportModel.anchor(v)), Escape.html(v.waiverId()),
                        ReportModel.severityZh(v.severity()), Escape.html(v.ruleId()), Escape.html(v.message()),
                        Escape.html(v.responsibleName()), Escape.html(model.unitLabel(v.topUnitId())),
                        v.deadline() == null ? "" : v.deadline());
            }
            out.println("</table>");
        }
        List<org.lifeline.waiver.WaiverStatus> attention = e.waiversNeedingAttention();
        out.printf("<h2 id=\"waiver-attention\">%s：%d 条</h2>%n", Escape.html(ReportModel.WAIVERS_ZH), attention.size());
        if (!attention.isEmpty()) {
            out.println("<table id=\"waivers-attention\"><tr><th>豁免</th><th>规则/任务</th><th>对象</th><th>原因</th>"
                    + "<th>申请</th><th>审批</th><th>批准日</th><th>到期日</th><th>状态</th></tr>");
            for (org.lifeline.waiver.WaiverStatus st : attention) {
                org.lifeline.waiver.Waiver w = st.waiver();
                out.printf("<tr class=\"attention\"><td>%s</td><td>%s</td><td>%s</td><td>%s：%s</td><td>%s</td><td>%s</td>"
                                + "<td>%s</td><td>%s</td><td>%s</td></tr>%n", Escape.html(w.id()),
                        Escape.html(w.ruleId() != null ? w.ruleId() : "任务" + w.task()), Escape.html(model.orgName(w.subjectId())),
                        Escape.html(w.reason().label()), Escape.html(w.reasonText()), Escape.html(model.orgName(w.requestedBy())),
                        Escape.html(model.orgName(w.approvedBy())), w.granted(), w.expires(), Escape.html(ReportModel.attentionZh(st)));
            }
            out.println("</table>");
        }
        out.println("</section>");
    }

    /** At most this many new or resolved violations are listed row by row; the rest are counted. */
    static final int MAX_CHANGES_SHOWN = 200;

    /** The changes since the last snapshot and the forecasts at risk, first thing after the summary. */
    private static void sinceLast(ReportModel model, Timeline timeline, PrintWriter out) {
        SinceLast s = timeline.sinceLast();
        out.println("<section id=\"since-last\">");
        if (s == null) {
            out.printf("<h2>历史记录</h2><p>首次记录（共 %d 次快照），暂无可比较的上次检查。</p>%n", timeline.snapshots().size());
        } else {
            out.printf("<h2>%s</h2><p>新增 <b class=\"added\">%d</b> 项，已解决 <b class=\"resolved\">%d</b> 项，仍未解决 "
                    + "<b class=\"persisting\">%d</b> 项</p>%n", Escape.html(ReportModel.sinceLastZh(s.previousAsOf())),
                    s.added().size(), s.resolved().size(), s.persisting());
            changes(model, "新增", "since-last-new", s.added(), out);
            changes(model, "已解决", "since-last-resolved", s.resolved(), out);
            if (!s.counts().isEmpty()) {
                out.println("<h3>各单位各任务问题数变化</h3><table id=\"since-last-counts\"><tr><th>单位</th><th>任务</th>"
                        + "<th>上次</th><th>本次</th><th>变化</th></tr>");
                for (SinceLast.UnitTask u : s.counts()) {
                    out.printf("<tr><td>%s</td><td>%s</td><td>%d</td><td>%d</td><td>%+d</td></tr>%n",
                            Escape.html(model.unitLabel(u.unitId())),
                            Escape.html(ReportModel.TASKS.getOrDefault(u.task(), "任务" + u.task())), u.before(), u.after(), u.change());
                }
                out.println("</table>");
            }
        }
        out.println("</section>");
        out.printf("<section id=\"at-risk\"><h2>%s：%d 项</h2>%n", Escape.html(ReportModel.AT_RISK_ZH), timeline.atRisk().size());
        if (!timeline.atRisk().isEmpty()) {
            out.println("<table><tr><th>程度</th><th>规则</th><th>说明</th><th>责任主体</th><th>联络组</th><th>截止</th>"
                    + "<th>预计/要求</th></tr>");
            for (Violation v : timeline.atRisk()) {
                out.printf("<tr class=\"at-risk\"><td class=\"%s\">%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>%n",
                        v.severity().name(), ReportModel.severityZh(v.severity()), Escape.html(v.ruleId()), Escape.html(v.message()),
                        Escape.html(v.responsibleName()), v.liaisonGroup() == null ? "" : v.liaisonGroup(),
                        v.deadline() == null ? "" : v.deadline(), measure(v));
            }
            out.println("</table>");
        }
        out.println("</section>");
    }

    private static void changes(ReportModel model, String title, String id, List<SinceLast.Change> list, PrintWriter out) {
        if (list.isEmpty()) {
            return;
        }
        out.printf("<h3>%s（%d 项）</h3><table id=\"%s\"><tr><th>规则</th><th>对象</th><th>单位</th><th>程度</th></tr>%n",
                title, list.size(), id);
        for (SinceLast.Change c : list.size() > MAX_CHANGES_SHOWN ? list.subList(0, MAX_CHANGES_SHOWN) : list) {
            out.printf("<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>%n", Escape.html(c.ruleId()),
                    Escape.html(model.orgName(c.subjectId())), Escape.html(model.unitLabel(c.topUnitId())), Escape.html(c.severity()));
        }
        if (list.size() > MAX_CHANGES_SHOWN) {
            out.printf("<tr><td colspan=\"4\">…… 另有 %d 项</td></tr>%n", list.size() - MAX_CHANGES_SHOWN);
        }
        out.println("</table>");
    }

    /**
     * Per percentage milestone, each unit's share over the snapshots (a line per unit), the milestones marked, and
     * each forecast dashed from the last snapshot to the deadline.
     */
    private static void trends(ReportModel model, Timeline timeline, PrintWriter out) {
        out.println("<h2 class=\"major\" id=\"trends\">百分比节点完成情况（历次检查）</h2>");
        int n = 0;
        for (Map.Entry<String, Map<String, List<org.lifeline.history.History.Point>>> key : timeline.series().entrySet().stream()
                .sorted(Map.Entry.comparingByKey()).toList()) {
            if (key.getValue().isEmpty()) {
                continue;
            }
            String title = CHARTS.getOrDefault(key.getKey(), key.getKey()) + "（历次检查）";
            List<Object> series = new ArrayList<>();
            Map<String, org.lifeline.history.Forecast> forecasts = new LinkedHashMap<>();
            timeline.forecasts().stream().filter(f -> f.key().equals(key.getKey())).forEach(f -> forecasts.put(f.unitId(), f));
            for (Map.Entry<String, List<org.lifeline.history.History.Point>> unit : key.getValue().entrySet()) {
                String name = Escape.visible(model.orgName(unit.getKey()));
                List<Object> data = new ArrayList<>();
                for (org.lifeline.history.History.Point p : unit.getValue()) {
                    data.add(List.of(p.asOf().toString(), Math.round(p.share() * 1000) / 10.0));
                }
                series.add(Map.of("name", name, "type", "line", "data", data, "symbolSize", 5));
                org.lifeline.history.Forecast f = forecasts.get(unit.getKey());
                if (f != null) {
                    series.add(Map.of("name", name, "type", "line", "symbol", "none",
                            "lineStyle", Map.of("type", "dashed"),
                            "data", List.of(List.of(f.lastAsOf().toString(), Math.round(f.current() * 1000) / 10.0),
                                    List.of(f.deadline().toString(), Math.round(f.projected() * 1000) / 10.0))));
                }
            }
            List<Object> milestones = new ArrayList<>();
            for (CampaignCalendar.Step step : model.calendar().steps(key.getKey())) {
                if (step.required() != null) {
                    milestones.add(List.of(step.deadline().toString(), Math.round(step.required() * 1000) / 10.0));
                }
            }
            series.add(Map.of("name", "时间节点", "type", "scatter", "symbol", "diamond", "symbolSize", 12,
                    "itemStyle", Map.of("color", "#c0392b"), "data", milestones));
            Map<String, Object> option = new LinkedHashMap<>();
            option.put("title", Map.of("text", title));
            option.put("tooltip", Map.of("trigger", "item"));
            option.put("legend", Map.of("type", "scroll", "top", 28));
            option.put("grid", Map.of("top", 70, "bottom", 40));
            option.put("xAxis", Map.of("type", "time"));
            option.put("yAxis", Map.of("type", "value", "max", 100, "axisLabel", Map.of("formatter", "{value}%")));
            option.put("series", series);
            String id = "trend-" + (n++);
            out.printf("<div class=\"trend\" id=\"%s\" data-key=\"%s\" data-units=\"%d\"></div>%n", Escape.html(id),
                    Escape.html(key.getKey()), key.getValue().size());
            out.printf("<script>lifeline.trend(%s,%s);</script>%n", Escape.scriptJson(id), Escape.scriptJson(option));
        }
    }

    private static String md(CampaignCalendar.Step step) {
        return step.deadline().getMonthValue() + "月" + step.deadline().getDayOfMonth() + "日";
    }

    /**
     * Measured against required: shares as percentages; a count (A.GRADUATE_COUNT_MISMATCH compares the graduates in
     * the system with the reported number, contract v2) as whole numbers. Milestones and the anomalies' thresholds
     * (strictly between 0 and 1) are shares.
     */
    static String measure(Violation v) {
        if (v.measured() == null) {
            return "";
        }
        boolean count = v.deadline() == null && v.severity() == org.lifeline.engine.Severity.ANOMALY && v.required() != null
                && (v.required() >= 1 || v.required() == 0 || v.measured() > 1);
        boolean share = !count;
        return share ? pct(v.measured()) + " / " + pct(v.required())
                : Math.round(v.measured()) + " / " + Math.round(v.required());
    }

    private static String pct(Double d) {
        return d == null ? "" : Math.round(d * 1000) / 10.0 + "%";
    }

    /**
     * A resource inlined in a {@code <script>} or {@code <style>} element. Its text cannot be rewritten safely:
     * one that would end or change the state of that element is refused.
     */
    private static String inline(String resource, String element) {
        try (InputStream in = HtmlReport.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("not on the classpath: " + resource);
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String lower = text.toLowerCase(java.util.Locale.ROOT);
            for (String bad : List.of("</" + element, "<" + element, "<!--")) {
                if (lower.contains(bad)) {
                    throw new IllegalStateException(resource + " contains '" + bad + "': it cannot be inlined in <" + element + ">");
                }
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

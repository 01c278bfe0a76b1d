package org.lifeline.report;

import com.fasterxml.jackson.databind.ObjectMapper;
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
import org.lifeline.engine.Share;
import org.lifeline.engine.Severity;
import org.lifeline.engine.SpotCheckPlan;
import org.lifeline.engine.Violation;

/**
 * The office's report as one self-contained HTML file: Apache ECharts is inlined from its webjar, so the file
 * opens without network access. It shows the matrix of top units × tasks coloured by the worst severity (each
 * cell links to its violations), a chart per percentage milestone of measured share against the required line,
 * every violation with its responsible unit, liaison group, deadline, numbers, members and message, and the
 * spot-check plan per liaison group.
 */
public final class HtmlReport {

    static final String ECHARTS = "META-INF/resources/webjars/echarts/5.3.1/dist/echarts.min.js";
    /** The percentage milestones charted (calendar keys), with their titles. */
    static final Map<String, String> CHARTS = charts();

    private static Map<String, String> charts() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("T10.REGISTRATION", "任务10 各地市\"两新\"团组织注册登记比例");
        m.put("T12.TRANSFER", "任务12 各学校应届毕业生组织关系转接完成比例");
        m.put("T13.ONLINE_PAYMENT", "任务13 各单位按时在线交纳团费比例");
        return m;
    }
    private static final ObjectMapper JSON = new ObjectMapper();

    private HtmlReport() {
    }

    public static void write(ReportModel model, PrintWriter out) {
        Evaluation e = model.evaluation();
        Map<Severity, Long> counts = e.countBySeverity();
        out.println("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">");
        out.println("<title>命脉工程攻坚阶段检查报告 " + e.asOf() + "</title>");
        out.println("<style>body{font-family:sans-serif;margin:24px;color:#222}table{border-collapse:collapse;margin:8px 0}"
                + "td,th{border:1px solid #ccc;padding:4px 6px;font-size:13px;vertical-align:top}th{background:#f4f4f4}"
                + ".VIOLATION{background:#e74c3c;color:#fff}.WARNING{background:#f5b041}.ANOMALY{background:#8e44ad;color:#fff}"
                + ".cell a{color:inherit;text-decoration:none;display:block}.chart{width:900px;height:320px;margin:12px 0}"
                + ".legend span{padding:2px 8px;margin-right:8px}</style>");
        out.println("<script>" + echarts() + "</script></head><body>");
        out.printf("<h1>命脉工程攻坚阶段检查报告</h1><p>截至 %s · 规则版本 %s · 共 %d 项：逾期未完成 %d，临近截止 %d，数据异常 %d</p>%n",
                e.asOf(), esc(e.rulesVersion()), e.violations().size(), counts.getOrDefault(Severity.VIOLATION, 0L),
                counts.getOrDefault(Severity.WARNING, 0L), counts.getOrDefault(Severity.ANOMALY, 0L));
        out.println("<p class=\"legend\"><span class=\"VIOLATION\">逾期未完成</span><span class=\"WARNING\">临近截止</span>"
                + "<span class=\"ANOMALY\">数据异常</span></p>");

        // matrix
        out.println("<h2>各单位任务完成情况</h2><table id=\"matrix\"><tr><th>单位</th><th>联络组</th>");
        for (Map.Entry<Integer, String> t : ReportModel.TASKS.entrySet()) {
            out.printf("<th title=\"%s\">%s</th>", esc(t.getValue()), t.getKey() == 0 ? "异常" : "任务" + t.getKey());
        }
        out.println("</tr>");
        for (Map.Entry<String, Map<Integer, List<Violation>>> unit : model.byUnit().entrySet()) {
            Integer group = unit.getValue().values().iterator().next().get(0).liaisonGroup();
            out.printf("<tr><td>%s</td><td>%s</td>", esc(model.unitName(unit.getKey())), group == null ? "" : group);
            for (Integer task : ReportModel.TASKS.keySet()) {
                List<Violation> cell = unit.getValue().get(task);
                if (cell == null) {
                    out.print("<td></td>");
                } else {
                    out.printf("<td class=\"cell %s\"><a href=\"#%s\">%d</a></td>", ReportModel.worst(cell).name(),
                            cellAnchor(unit.getKey(), task), cell.size());
                }
            }
            out.println("</tr>");
        }
        out.println("</table>");

        // charts: every measured unit against the milestone that judged it and the next one
        out.println("<h2>百分比节点完成情况</h2>");
        int n = 0;
        for (Map.Entry<String, String> chart : CHARTS.entrySet()) {
            List<Share> shares = new ArrayList<>(e.sharesOf(chart.getKey()));
            if (shares.isEmpty()) {
                continue;
            }
            shares.sort(java.util.Comparator.comparingDouble(Share::share).thenComparing(Share::subjectId));
            CampaignCalendar.Step passed = null;
            CampaignCalendar.Step next = null;
            for (CampaignCalendar.Step step : model.calendar().steps(chart.getKey())) {
                if (e.asOf().isAfter(step.deadline())) {
                    passed = step;
                } else if (next == null) {
                    next = step;
                }
            }
            String id = "chart-" + (n++);
            List<String> labels = new ArrayList<>();
            List<Object> bars = new ArrayList<>();
            for (Share sh : shares) {
                labels.add(model.orgName(sh.subjectId()));
                double pct = Math.round(sh.share() * 1000) / 10.0;
                boolean below = passed != null && sh.below(passed.required());
                bars.add(Map.of("value", pct, "itemStyle", Map.of("color", below ? "#e74c3c" : "#5470c6")));
            }
            List<Object> series = new ArrayList<>();
            series.add(Map.of("name", "实际完成 %", "type", "bar", "data", bars));
            if (passed != null) {
                series.add(line("已过节点 " + md(passed) + " " + pct(passed.required()), passed.required(), shares.size(), "solid"));
            }
            if (next != null) {
                series.add(line("下一节点 " + md(next) + " " + pct(next.required()), next.required(), shares.size(), "dashed"));
            }
            Map<String, Object> option = new LinkedHashMap<>();
            option.put("title", Map.of("text", chart.getValue()));
            option.put("tooltip", Map.of("trigger", "axis"));
            option.put("legend", Map.of("top", 28));
            option.put("grid", Map.of("top", 70, "bottom", 110));
            option.put("xAxis", Map.of("type", "category", "data", labels, "axisLabel", Map.of("rotate", 40, "interval", 0)));
            option.put("yAxis", Map.of("type", "value", "max", 100, "axisLabel", Map.of("formatter", "{value}%")));
            option.put("series", series);
            out.printf("<div class=\"chart\" id=\"%s\" data-key=\"%s\"></div>%n", id, chart.getKey());
            out.printf("<script>echarts.init(document.getElementById('%s'),null,{renderer:'svg'}).setOption(%s);</script>%n",
                    id, json(option));
        }

        // violations
        out.println("<h2>问题明细</h2>");
        for (Map.Entry<String, Map<Integer, List<Violation>>> unit : model.byUnit().entrySet()) {
            out.printf("<h3>%s</h3>%n", esc(model.unitName(unit.getKey())));
            for (Map.Entry<Integer, List<Violation>> task : unit.getValue().entrySet()) {
                out.printf("<h4 id=\"%s\">%s</h4>%n", cellAnchor(unit.getKey(), task.getKey()), esc(ReportModel.TASKS.get(task.getKey())));
                out.println("<table><tr><th>程度</th><th>规则</th><th>说明</th><th>责任主体</th><th>联络组</th><th>截止</th>"
                        + "<th>完成/要求</th><th>团员</th></tr>");
                for (Violation v : task.getValue()) {
                    out.printf("<tr id=\"%s\"><td class=\"%s\">%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>%n",
                            ReportModel.anchor(v), v.severity().name(), ReportModel.severityZh(v.severity()), esc(v.ruleId()),
                            esc(v.message()), esc(v.responsibleName()), v.liaisonGroup() == null ? "" : v.liaisonGroup(),
                            v.deadline() == null ? "" : v.deadline(),
                            v.measured() == null ? "" : pct(v.measured()) + " / " + pct(v.required()),
                            esc(String.join(", ", v.memberIds().size() > 30 ? v.memberIds().subList(0, 30) : v.memberIds())
                                    + (v.memberIds().size() > 30 ? " …（共 " + v.memberIds().size() + " 名）" : "")));
                }
                out.println("</table>");
            }
        }

        // spot-check plan
        SpotCheckPlan plan = e.spotCheckPlan();
        if (!plan.isEmpty()) {
            out.println("<h2 id=\"spot-check\">抽查名单（按联络组）</h2>");
            plan.byGroup().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(g -> {
                out.printf("<h3>联络组 %s</h3><table><tr><th>团员</th><th>所在组织</th><th>规则</th><th>原因</th></tr>%n",
                        g.getKey() == 0 ? "（未归属）" : g.getKey());
                for (SpotCheckPlan.Call c : g.getValue()) {
                    out.printf("<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>%n", esc(c.memberId()),
                            esc(c.orgName() == null ? "" : c.orgName()), esc(c.ruleId()), esc(c.reason()));
                }
                out.println("</table>");
            });
        }
        out.println("</body></html>");
        out.flush();
    }

    private static Map<String, Object> line(String name, Double required, int points, String type) {
        double pct = required == null ? 0 : Math.round(required * 1000) / 10.0;
        return Map.of("name", name, "type", "line", "symbol", "none", "data", java.util.Collections.nCopies(points, pct),
                "lineStyle", Map.of("type", type, "color", type.equals("solid") ? "#c0392b" : "#7f8c8d"));
    }

    private static String md(CampaignCalendar.Step step) {
        return step.deadline().getMonthValue() + "月" + step.deadline().getDayOfMonth() + "日";
    }

    private static String cellAnchor(String unit, int task) {
        return "u-" + (unit.isEmpty() ? "none" : unit.replaceAll("[^A-Za-z0-9_-]", "_")) + "-t" + task;
    }

    private static String pct(Double d) {
        return d == null ? "" : Math.round(d * 1000) / 10.0 + "%";
    }

    private static String json(Object o) {
        try {
            return JSON.writeValueAsString(o).replace("</", "<\\/");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String echarts() {
        try (InputStream in = HtmlReport.class.getClassLoader().getResourceAsStream(ECHARTS)) {
            if (in == null) {
                throw new IllegalStateException("ECharts is not on the classpath: " + ECHARTS);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("</script", "<\\/script");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}

package org.lifeline.report;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import org.lifeline.engine.Evaluation;
import org.lifeline.engine.Severity;
import org.lifeline.engine.SpotCheckPlan;
import org.lifeline.engine.Violation;

/** The plain-text report: per top unit and task, what is late, who is responsible, which members to phone. */
public final class TextReport {

    private TextReport() {
    }

    public static void write(ReportModel model, PrintWriter out) {
        Evaluation e = model.evaluation();
        Map<Severity, Long> counts = e.countBySeverity();
        out.printf("命脉工程攻坚阶段检查报告  截至 %s  规则版本 %s%n", e.asOf(), e.rulesVersion());
        out.printf("共 %d 项：逾期未完成 %d，临近截止 %d，数据异常 %d%n", e.violations().size(),
                counts.getOrDefault(Severity.VIOLATION, 0L), counts.getOrDefault(Severity.WARNING, 0L),
                counts.getOrDefault(Severity.ANOMALY, 0L));
        for (Map.Entry<String, Map<Integer, List<Violation>>> unit : model.byUnit().entrySet()) {
            List<Violation> any = unit.getValue().values().iterator().next();
            Integer group = any.get(0).liaisonGroup();
            out.println();
            out.printf("== %s%s ==%n", model.unitName(unit.getKey()), group == null ? "" : "（联络组 " + group + "）");
            for (Map.Entry<Integer, List<Violation>> task : unit.getValue().entrySet()) {
                out.printf("  %s%n", ReportModel.TASKS.get(task.getKey()));
                for (Violation v : task.getValue()) {
                    out.printf("    [%s] %s  %s%n", ReportModel.severityZh(v.severity()), v.ruleId(), v.message());
                    out.printf("      责任主体：%s%s%n", v.responsibleName(),
                            v.deadline() == null ? "" : "  截止：" + v.deadline());
                    if (!v.memberIds().isEmpty()) {
                        out.printf("      %s：%s%n", v.severity() == Severity.ANOMALY ? "抽查团员" : "涉及团员",
                                abbreviate(v.memberIds()));
                    }
                }
            }
        }
        SpotCheckPlan plan = e.spotCheckPlan();
        if (!plan.isEmpty()) {
            out.println();
            out.println("== 抽查名单（按联络组） ==");
            plan.byGroup().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(g -> {
                out.printf("  联络组 %s%n", g.getKey() == 0 ? "（未归属）" : g.getKey());
                for (SpotCheckPlan.Call c : g.getValue()) {
                    out.printf("    %s  %s  %s%n", c.memberId(), c.orgName() == null ? "" : c.orgName(), c.ruleId());
                }
            });
        }
        out.flush();
    }

    private static String abbreviate(List<String> ids) {
        if (ids.size() <= 20) {
            return String.join(", ", ids);
        }
        return String.join(", ", ids.subList(0, 20)) + " …（共 " + ids.size() + " 名）";
    }
}

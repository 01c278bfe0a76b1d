package org.lifeline.report;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import org.lifeline.engine.Evaluation;
import org.lifeline.engine.RuleFailure;
import org.lifeline.engine.Severity;
import org.lifeline.engine.SpotCheckPlan;
import org.lifeline.engine.Violation;
import org.lifeline.history.SinceLast;

/**
 * The plain-text report: per top unit and task, what is late, who is responsible, which members to phone; the
 * rules that failed, if any, are announced under the summary and listed in a block at the end. Every value from
 * the data is written through {@link Escape#visible}: a name holding a newline or another control character
 * cannot start a line of its own, so each violation's first line stays one line.
 */
public final class TextReport {

    private TextReport() {
    }

    public static void write(ReportModel model, PrintWriter out) {
        Evaluation e = model.evaluation();
        Map<Severity, Long> counts = e.countBySeverity();
        out.printf("命脉工程攻坚阶段检查报告  截至 %s  规则版本 %s%n", e.asOf(), t(e.rulesVersion()));
        // one line: the counts of open findings, the overall status, and (when there are waivers) the waived findings
        out.printf("共 %d 项：逾期未完成 %d，临近截止 %d，数据异常 %d；总体结果：%s（%s）%s%n", e.open().size(),
                counts.getOrDefault(Severity.VIOLATION, 0L), counts.getOrDefault(Severity.WARNING, 0L),
                counts.getOrDefault(Severity.ANOMALY, 0L), ReportModel.statusZh(e.status()), e.status(),
                e.waivers().isEmpty() && e.waived().isEmpty() ? "" : "；" + ReportModel.waiversSummaryZh(e));
        if (!e.failures().isEmpty()) {
            out.printf("！！ %s（见文末“%s”）%n", ReportModel.incompleteZh(e.failures().size()), ReportModel.FAILURES_ZH);
        }
        Timeline timeline = model.timeline();
        if (timeline != null) {
            timeline(model, timeline, out);
        }
        for (Map.Entry<String, Map<Integer, List<Violation>>> unit : model.byUnit().entrySet()) {
            List<Violation> any = unit.getValue().values().iterator().next();
            Integer group = any.get(0).liaisonGroup();
            out.println();
            out.printf("== %s%s ==%n", t(model.unitName(unit.getKey())), group == null ? "" : "（联络组 " + group + "）");
            for (Map.Entry<Integer, List<Violation>> task : unit.getValue().entrySet()) {
                out.printf("  %s%n", ReportModel.TASKS.get(task.getKey()));
                for (Violation v : task.getValue()) {
                    out.printf("    [%s] %s  %s%n", ReportModel.severityZh(v.severity()), t(v.ruleId()), t(v.message()));
                    out.printf("      责任主体：%s%s%n", t(v.responsibleName()),
                            v.deadline() == null ? "" : "  截止：" + v.deadline());
                    if (!v.memberIds().isEmpty()) {
                        out.printf("      %s：%s%n", v.severity() == Severity.ANOMALY ? "抽查团员" : "涉及团员",
                                t(abbreviate(v.memberIds())));
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
                    out.printf("    %s  %s  %s%n", t(c.memberId()), t(c.orgName()), t(c.ruleId()));
                }
            });
        }
        waivers(model, out);
        coverage(e, out);
        if (!e.failures().isEmpty()) {
            out.println();
            out.printf("== %s（%d 条，评估不完整） ==%n", ReportModel.FAILURES_ZH, e.failures().size());
            for (RuleFailure f : e.failures()) {
                out.printf("  %s  错误：%s%n", t(f.ruleId()), t(f.error()));
                if (!f.facts().isEmpty()) {
                    out.printf("    涉及事实：%s%n", t(String.join(", ", f.facts())));
                }
            }
        }
        out.flush();
    }

    /** The waived findings, then the waivers needing attention (expiring, expired, unused, invalid). */
    private static void waivers(ReportModel model, PrintWriter out) {
        Evaluation e = model.evaluation();
        if (!e.waived().isEmpty()) {
            out.println();
            out.printf("== %s：%d 项 ==%n", ReportModel.WAIVED_ZH, e.waived().size());
            for (Violation v : e.waived()) {
                out.printf("    [%s·已豁免 %s] %s  %s%n", ReportModel.severityZh(v.severity()), t(v.waiverId()), t(v.ruleId()),
                        t(v.message()));
                out.printf("      责任主体：%s  单位：%s%n", t(v.responsibleName()), t(model.unitLabel(v.topUnitId())));
            }
        }
        if (!e.waiversNeedingAttention().isEmpty()) {
            out.println();
            out.printf("== %s：%d 条 ==%n", ReportModel.WAIVERS_ZH, e.waiversNeedingAttention().size());
            for (org.lifeline.waiver.WaiverStatus s : e.waiversNeedingAttention()) {
                org.lifeline.waiver.Waiver w = s.waiver();
                out.printf("    %s  %s  %s–%s  审批：%s  %s%n", t(w.id()), t(w.target()), w.granted(), w.expires(),
                        t(model.orgName(w.approvedBy())), t(ReportModel.attentionZh(s)));
            }
        }
    }

    /** What each rule did: the rules that never fired are named; the counts are in the JSON report. */
    private static void coverage(Evaluation e, PrintWriter out) {
        if (e.coverage().isEmpty()) {
            return;
        }
        List<org.lifeline.engine.RuleCoverage> never = e.coverage().stream().filter(org.lifeline.engine.RuleCoverage::neverFired).toList();
        out.println();
        out.printf("== 规则覆盖（条件成立次数 / 问题 / 豁免）：%d 条规则，%d 条本次未触发 ==%n", e.coverage().size(), never.size());
        for (org.lifeline.engine.RuleCoverage c : e.coverage()) {
            out.printf("    %-40s %6d  %5d  %3d%s%n", t(c.ruleId()), c.matches(), c.violations(), c.waived(),
                    c.failed() ? "  执行失败" : c.neverFired() ? "  未触发" : "");
        }
    }

    /** At most this many new or resolved violations are listed one by one; the rest are counted. */
    static final int MAX_CHANGES_SHOWN = 50;

    /** The changes since the last snapshot, then the forecasts at risk. */
    private static void timeline(ReportModel model, Timeline timeline, PrintWriter out) {
        out.println();
        SinceLast s = timeline.sinceLast();
        if (s == null) {
            out.printf("== 历史记录：首次记录（共 %d 次快照），暂无可比较的上次检查 ==%n", timeline.snapshots().size());
        } else {
            out.printf("== %s ==%n", ReportModel.sinceLastZh(s.previousAsOf()));
            out.printf("  新增 %d 项，已解决 %d 项，仍未解决 %d 项%n", s.added().size(), s.resolved().size(), s.persisting());
            changes(model, "新增", s.added(), out);
            changes(model, "已解决", s.resolved(), out);
            if (!s.counts().isEmpty()) {
                out.println("  各单位各任务问题数变化：");
                s.counts().stream().limit(MAX_CHANGES_SHOWN).forEach(u -> out.printf("    %s  %s  %d → %d（%+d）%n",
                        t(model.unitLabel(u.unitId())), ReportModel.TASKS.getOrDefault(u.task(), "任务" + u.task()),
                        u.before(), u.after(), u.change()));
                if (s.counts().size() > MAX_CHANGES_SHOWN) {
                    out.printf("    …… 另有 %d 项变化%n", s.counts().size() - MAX_CHANGES_SHOWN);
                }
            }
        }
        if (!timeline.atRisk().isEmpty()) {
            out.println();
            out.printf("== %s：%d 项 ==%n", ReportModel.AT_RISK_ZH, timeline.atRisk().size());
            for (Violation v : timeline.atRisk()) {
                out.printf("    [%s] %s  %s%n", ReportModel.severityZh(v.severity()), t(v.ruleId()), t(v.message()));
                out.printf("      责任主体：%s  截止：%s%n", t(v.responsibleName()), v.deadline());
            }
        }
    }

    private static void changes(ReportModel model, String what, List<SinceLast.Change> list, PrintWriter out) {
        if (list.isEmpty()) {
            return;
        }
        out.printf("  %s：%n", what);
        list.stream().limit(MAX_CHANGES_SHOWN).forEach(c -> out.printf("    %s  %s  %s%n", t(c.ruleId()),
                t(model.orgName(c.subjectId())), t(model.unitLabel(c.topUnitId()))));
        if (list.size() > MAX_CHANGES_SHOWN) {
            out.printf("    …… 另有 %d 项%n", list.size() - MAX_CHANGES_SHOWN);
        }
    }

    /** A value from the data, as text (see {@link Escape#visible}). */
    private static String t(String s) {
        return Escape.visible(s);
    }

    private static String abbreviate(List<String> ids) {
        if (ids.size() <= 20) {
            return String.join(", ", ids);
        }
        return String.join(", ", ids.subList(0, 20)) + " …（共 " + ids.size() + " 名）";
    }
}

package org.lifeline.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.lifeline.engine.Evaluation;
import org.lifeline.engine.RuleFailure;
import org.lifeline.engine.Severity;
import org.lifeline.engine.Violation;
import org.lifeline.fact.FactSet;
import org.lifeline.fact.Organization;

/**
 * What every report format shows, computed once: the violations grouped by top unit (ordered by liaison group,
 * then name) and task, the worst severity per cell, and the names of the units.
 */
public final class ReportModel {

    /** Display names of the tasks of attachment 1 (0: data anomalies). */
    public static final Map<Integer, String> TASKS = taskNames();

    /** Short names of the tasks, for column headers and sheet cells (0: data anomalies). */
    public static final Map<Integer, String> TASKS_SHORT = Map.ofEntries(
            Map.entry(1, "毕业生统计"), Map.entry(2, "流动团支部"), Map.entry(3, "临时团支部"),
            Map.entry(4, "空心团组织"), Map.entry(5, "学校入驻报到"), Map.entry(6, "机关企事业入驻报到"),
            Map.entry(7, "省属企业建团"), Map.entry(8, "主题团日"), Map.entry(9, "团费留存权限"),
            Map.entry(10, "两新登记"), Map.entry(11, "团员编号"), Map.entry(12, "关系转接"),
            Map.entry(13, "在线交团费"), Map.entry(14, "奖惩录入"), Map.entry(0, "数据异常"));

    private final Evaluation evaluation;
    private final Timeline timeline;
    private final org.lifeline.calendar.CampaignCalendar calendar;
    private final Map<String, String> orgNames = new java.util.HashMap<>();
    private final Map<String, String> orgParents = new java.util.HashMap<>();
    private final Map<String, String> names = new LinkedHashMap<>();
    private final Map<String, Map<Integer, List<Violation>>> byUnit = new LinkedHashMap<>();
    private final Map<String, Integer> waivedByCell = new java.util.HashMap<>();

    public ReportModel(Evaluation evaluation, FactSet facts, org.lifeline.calendar.CampaignCalendar calendar) {
        this(evaluation, facts, calendar, null);
    }

    /**
     * A report with the campaign over time.
     *
     * @param evaluation the evaluation, with the timeline's sudden jumps among its violations ({@link Timeline#withJumps})
     * @param timeline   what the history adds, or null for a check without history
     */
    public ReportModel(Evaluation evaluation, FactSet facts, org.lifeline.calendar.CampaignCalendar calendar,
                       Timeline timeline) {
        this.evaluation = evaluation;
        this.timeline = timeline;
        this.calendar = calendar;
        Map<String, Organization> orgs = new LinkedHashMap<>();
        facts.all(Organization.class).forEach(o -> orgs.put(o.id(), o));
        orgs.values().forEach(o -> {
            orgNames.put(o.id(), o.name());
            if (o.parentId() != null) {
                orgParents.put(o.id(), o.parentId());
            }
        });
        Map<String, Integer> groups = new LinkedHashMap<>();
        for (Violation v : evaluation.waived()) {
            waivedByCell.merge(cellKey(v.topUnitId() == null ? "" : v.topUnitId(), v.task()), 1, Integer::sum);
        }
        for (Violation v : evaluation.open()) {
            String unit = v.topUnitId() == null ? "" : v.topUnitId();
            groups.putIfAbsent(unit, v.liaisonGroup() == null ? 99 : v.liaisonGroup());
            Organization o = orgs.get(unit);
            names.putIfAbsent(unit, o == null ? "团省委（未归属）" : o.name());
        }
        List<String> units = new ArrayList<>(groups.keySet());
        units.sort(Comparator.comparing((String u) -> groups.get(u)).thenComparing(names::get));
        for (String u : units) {
            byUnit.put(u, new TreeMap<>());
        }
        for (Violation v : evaluation.open()) {
            String unit = v.topUnitId() == null ? "" : v.topUnitId();
            byUnit.get(unit).computeIfAbsent(v.task(), t -> new ArrayList<>()).add(v);
        }
    }

    public Evaluation evaluation() {
        return evaluation;
    }

    /** The campaign over time, or null when the check recorded no history. */
    public Timeline timeline() {
        return timeline;
    }

    /** Top unit id ("" for none) → task → open violations (waived ones are listed apart), in display order. */
    public Map<String, Map<Integer, List<Violation>>> byUnit() {
        return byUnit;
    }

    /** How many waived findings a top unit ("" for none) has in a task: the matrix cell's mark. */
    public int waivedIn(String unitId, int task) {
        return waivedByCell.getOrDefault(cellKey(unitId, task), 0);
    }

    /** The mark a matrix cell shows beside its count when findings of it are waived, e.g. {@code 免2}; "" for none. */
    public String waivedMark(String unitId, int task) {
        int n = waivedIn(unitId, task);
        return n == 0 ? "" : WAIVED_MARK + n;
    }

    private static String cellKey(String unitId, int task) {
        return unitId + "\u0000" + task;
    }

    /** The mark of waived findings in a matrix cell (豁免). */
    public static final String WAIVED_MARK = "免";

    /** The heading of the waived findings, in every format: they are never counted as violations. */
    public static final String WAIVED_ZH = "已豁免（经批准的例外，不计入问题数）";

    /** The heading of the waivers that need attention, in every format. */
    public static final String WAIVERS_ZH = "豁免提醒：即将到期、已过期、未使用或无效的豁免";

    /** The summary of the waived findings and the waivers needing attention, one Chinese line. */
    public static String waiversSummaryZh(Evaluation e) {
        long expiring = e.waivers().stream().filter(org.lifeline.waiver.WaiverStatus::expiringSoon).count();
        return "已豁免 " + e.waived().size() + " 项（不计入问题数）；豁免共 " + e.waivers().size() + " 条，其中 "
                + expiring + " 条将在 " + org.lifeline.waiver.WaiverStatus.EXPIRING_DAYS + " 天内到期，需关注 "
                + e.waiversNeedingAttention().size() + " 条";
    }

    /** One waiver needing attention as a Chinese phrase: why it is listed. */
    public static String attentionZh(org.lifeline.waiver.WaiverStatus s) {
        StringBuilder b = new StringBuilder(s.state().label());
        if (s.expiringSoon()) {
            b.append("，将于 ").append(s.waiver().expires()).append(" 到期");
        }
        if (s.problem() != null) {
            b.append("：").append(s.problem());
        }
        return b.toString();
    }

    /** The overall status in Chinese. */
    public static String statusZh(Evaluation.Status s) {
        return switch (s) {
            case PASS -> "通过（无逾期未完成或数据异常）";
            case FAIL -> "未通过（有逾期未完成或数据异常）";
            case INCOMPLETE -> "不完整（有规则执行失败）";
        };
    }

    public String unitName(String unitId) {
        return names.getOrDefault(unitId, unitId);
    }

    /** A top unit's display name, whether or not it has violations now ("" or null: none). */
    public String unitLabel(String unitId) {
        return unitId == null || unitId.isEmpty() ? "团省委（未归属）" : orgName(unitId);
    }

    /** Any organisation's display name. */
    public String orgName(String orgId) {
        return orgNames.getOrDefault(orgId, orgId);
    }

    /**
     * An organisation's path below the provincial committee, names joined by " / " (the 团省委 itself left out,
     * at most {@code FactSet.MAX_DEPTH} steps): where a spot-check officer finds the member.
     */
    public String orgPath(String orgId) {
        java.util.ArrayDeque<String> path = new java.util.ArrayDeque<>();
        String id = orgId;
        for (int i = 0; id != null && orgNames.containsKey(id) && i <= FactSet.MAX_DEPTH; i++) {
            if (orgParents.get(id) == null && i > 0) {
                break;
            }
            path.addFirst(orgNames.get(id));
            id = orgParents.get(id);
        }
        return path.isEmpty() ? orgName(orgId) : String.join(" / ", path);
    }

    /**
     * The top unit an organisation belongs to: its ancestor directly below the 团省委 (itself when it is one), or
     * "" for the 团省委, an unknown id or a chain longer than {@code FactSet.MAX_DEPTH}. The key of
     * {@link #byUnit()} its violations fall under, for filtering a report by city.
     */
    public String topUnitOf(String orgId) {
        String id = orgId;
        for (int i = 0; id != null && orgNames.containsKey(id) && i <= FactSet.MAX_DEPTH; i++) {
            String parent = orgParents.get(id);
            if (parent == null) {
                return "";
            }
            if (orgParents.get(parent) == null) {
                return id;
            }
            id = parent;
        }
        return "";
    }

    public org.lifeline.calendar.CampaignCalendar calendar() {
        return calendar;
    }

    /** The worst severity of a cell (of open violations): VIOLATION, then ANOMALY, then WARNING. */
    public static Severity worst(List<Violation> cell) {
        Severity worst = null;
        for (Violation v : cell) {
            if (worst == null || rank(v.severity()) > rank(worst)) {
                worst = v.severity();
            }
        }
        return worst;
    }

    private static int rank(Severity s) {
        return switch (s) {
            case VIOLATION -> 3;
            case ANOMALY -> 2;
            case WARNING -> 1;
            case AT_RISK -> 0;
        };
    }

    public static String severityZh(Severity s) {
        return switch (s) {
            case VIOLATION -> "逾期未完成";
            case WARNING -> "临近截止";
            case ANOMALY -> "数据异常";
            case AT_RISK -> "预计未达标";
        };
    }

    /** The HTML id of a violation's row (see {@link Escape#fragmentId}). */
    public static String anchor(Violation v) {
        return Escape.fragmentId("v", v.ruleId(), v.subjectType().name(), v.subjectId());
    }

    /** The HTML id of the violations of one top unit ("" for none) and task. */
    public static String cellAnchor(String unitId, int task) {
        return Escape.fragmentId("u", unitId, "t" + task);
    }

    /** The heading of the changes since the previous snapshot, in every format. */
    public static String sinceLastZh(java.time.LocalDate previous) {
        return "与上次检查（截至 " + previous + "）相比";
    }

    /** The heading of the forecasts at risk, in every format: they are not violations and are never counted. */
    public static final String AT_RISK_ZH = "预计未能按期达标（趋势预测，不计入问题数）";

    /** The heading of the failures, in every format. */
    public static final String FAILURES_ZH = "规则执行失败";

    /** The warning shown first when rules failed: their findings may be missing. */
    public static String incompleteZh(int failures) {
        return "评估不完整：" + failures + " 条规则执行失败，这些规则的检查结果可能缺失，其余规则的结果不受影响。";
    }

    /** A rule failure as one Chinese sentence (its fields as they are; the caller escapes for its format). */
    public static String failureZh(RuleFailure f) {
        return FAILURES_ZH + "，该规则的检查结果不完整：" + f.error();
    }

    /** The same in English. */
    public static String failureEn(RuleFailure f) {
        return "rule failed, its findings are incomplete: " + f.error();
    }

    private static Map<Integer, String> taskNames() {
        Map<Integer, String> m = new LinkedHashMap<>();
        m.put(1, "任务1 毕业生人数报送");
        m.put(2, "任务2 流动团员团支部");
        m.put(3, "任务3 新入职公职人员临时团支部");
        m.put(4, "任务4 空心团委、空心团支部、支部无团干");
        m.put(5, "任务5 学校团干入驻、团员报到");
        m.put(6, "任务6 机关企事业团干入驻、团员报到");
        m.put(7, "任务7 省属企业应建全建");
        m.put(8, "任务8 毕业生主题团日");
        m.put(9, "任务9 团费留存权限");
        m.put(10, "任务10 \"两新\"团组织登记");
        m.put(11, "任务11 团员编号");
        m.put(12, "任务12 毕业生组织关系转接");
        m.put(13, "任务13 在线收缴团费");
        m.put(14, "任务14 奖惩信息录入");
        m.put(0, "数据异常 抽查核实");
        return m;
    }
}

package org.lifeline.engine;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.lifeline.calendar.Milestone;
import org.lifeline.fact.Enterprise;
import org.lifeline.fact.Member;
import org.lifeline.fact.Organization;
import org.lifeline.fact.Sector;
import org.lifeline.waiver.Waiver;
import org.lifeline.waiver.WaiverStatus;
import org.lifeline.waiver.Waivers;

/**
 * Turns the findings a rule holds about one subject into the one {@link Violation} a host sees (reading 2:
 * one finding per rule and subject), adding what CONTRACT §2 and §4 say every violation carries: severity,
 * top unit, responsible unit, liaison group and the messages filled from the rule's metadata.
 */
final class Decorator {

    static final String DEPT_SCHOOLS = "DEPT_SCHOOLS";
    static final String DEPT_YOUNG_PIONEERS = "DEPT_YOUNG_PIONEERS";

    /** VIOLATION before WARNING; among violations the latest deadline, among warnings the nearest. */
    private static final Comparator<Finding> PRIORITY = Comparator
            .comparing((Finding f) -> f.milestone() == null ? Severity.ANOMALY : f.milestone().severity())
            .thenComparing((a, b) -> {
                if (a.milestone() == null || b.milestone() == null) {
                    return 0;
                }
                int byDate = a.milestone().deadline().compareTo(b.milestone().deadline());
                return a.milestone().severity() == Severity.VIOLATION ? -byDate : byDate;
            })
            .thenComparing(Finding::toString);

    private final RuleSet rules;
    private final OrgTree tree;
    private final Function<String, Member> members;
    private final Function<String, Enterprise> enterprises;
    private final java.util.function.Supplier<LocalDate> asOf;
    private final Function<String, String> kindOf;
    private Waivers waivers = Waivers.NONE;
    /** The waivers by subject id: a violation looks only at its own subject's. */
    private Map<String, List<Waiver>> waiversBySubject = Map.of();

    /**
     * @param kindOf the kind of a fact named among a finding's related ids ({@code Cadre}, {@code Transfer}…), or
     *               null when no fact has that id
     */
    Decorator(RuleSet rules, OrgTree tree, Function<String, Member> members, Function<String, Enterprise> enterprises,
              java.util.function.Supplier<LocalDate> asOf, Function<String, String> kindOf) {
        this.rules = rules;
        this.tree = tree;
        this.members = members;
        this.enterprises = enterprises;
        this.asOf = asOf;
        this.kindOf = kindOf;
    }

    /** The waivers applied from now on. */
    void waivers(Waivers w) {
        Map<String, List<Waiver>> index = new java.util.HashMap<>();
        w.list().forEach(x -> index.computeIfAbsent(x.subjectId(), k -> new java.util.ArrayList<>()).add(x));
        this.waivers = w;
        this.waiversBySubject = index;
    }

    Waivers waivers() {
        return waivers;
    }

    /** Whether the evaluation date lies before the campaign's start, when no WARNING is given (contract v2, 10). */
    boolean beforeCampaign() {
        LocalDate start = rules.calendar().campaignStart();
        return start != null && asOf.get().isBefore(start);
    }

    /** The violation for a group of findings of the same rule and subject, or null when there are none. */
    Violation decorate(Collection<Finding> findings) {
        if (findings == null || findings.isEmpty()) {
            return null;
        }
        Finding f = findings.stream().min(PRIORITY).orElseThrow();
        RuleMeta meta = rules.meta(f.ruleId());
        Milestone m = f.milestone();
        Severity severity = m != null ? m.severity() : meta.severity();
        if (severity == Severity.WARNING && m == null && beforeCampaign()) {
            return null; // a rule whose own severity is WARNING says nothing before the campaign (milestones: inForce)
        }

        Organization org = null;
        Organization top;
        String subjectName;
        switch (f.subjectType()) {
            case ORGANIZATION -> {
                org = tree.get(f.subjectId());
                subjectName = org == null ? f.subjectId() : org.name();
            }
            case MEMBER -> {
                Member member = members.apply(f.subjectId());
                org = member == null ? null : tree.get(member.orgId());
                subjectName = "团员" + f.subjectId();
            }
            default -> {
                Enterprise e = enterprises.apply(f.subjectId());
                subjectName = e == null ? f.subjectId() : e.name();
            }
        }
        if (f.subjectType() == SubjectType.ENTERPRISE) {
            Enterprise e = enterprises.apply(f.subjectId());
            top = e == null ? null : tree.enterpriseCommitteeOf(tree.provinceOf(e, enterprises));
        } else {
            OrgInfo info = org == null ? null : tree.info(org.id());
            top = info == null ? null : tree.get(info.topUnitId());
        }

        String responsible;
        String responsibleName;
        Organization school = schoolOf(org);
        if (meta.schoolResponsibility() && school != null) {
            if (school.provinciallyManaged() || (top != null && top.provinciallyManaged())) {
                boolean middle = school.sector() == Sector.MIDDLE_SCHOOL;
                responsible = middle ? DEPT_YOUNG_PIONEERS : DEPT_SCHOOLS;
                responsibleName = middle ? "团省委少年部" : "团省委学校部";
            } else {
                Organization city = tree.cityOf(school.id());
                if (city == null) {
                    city = tree.cityOfRegion(school.region(), tree.provinceOf(school.id()));
                }
                Organization r = city != null ? city : top;
                responsible = r == null ? school.id() : r.id();
                responsibleName = r == null ? school.name() : r.name();
            }
        } else {
            Organization r = top != null ? top : org;
            responsible = r == null ? f.subjectId() : r.id();
            responsibleName = r == null ? subjectName : r.name();
        }

        Double required = m == null || m.required() == null ? f.required() : m.required();
        LocalDate deadline = m == null ? null : m.deadline();
        int count = !f.memberIds().isEmpty() ? f.memberIds().size() : f.relatedIds().size();
        Map<String, String> zh = Map.of(
                "subject", subjectName,
                "deadline", deadline == null ? "" : deadline.getMonthValue() + "月" + deadline.getDayOfMonth() + "日",
                "measured", percent(f.measured()),
                "required", percent(required),
                "count", String.valueOf(count),
                "detail", f.detail() == null ? "" : f.detail(),
                "responsible", responsibleName,
                "month", deadline == null ? "" : deadline.getYear() + "年" + deadline.getMonthValue() + "月");
        Map<String, String> en = new java.util.HashMap<>(zh);
        en.put("deadline", deadline == null ? "" : deadline.toString());
        en.put("month", deadline == null ? "" : java.time.YearMonth.from(deadline).toString());
        List<String> memberIds = f.memberIds();
        if (severity == Severity.ANOMALY) {
            memberIds = SpotCheck.draw(memberIds, setting("spotCheckSize", 5), setting("spotCheckSeed", 0),
                    f.ruleId(), f.subjectId());
        }
        String subjectOrg = org != null ? org.id() : subjectOrgOf(f.subjectType(), f.subjectId());
        Violation v = new Violation(f.ruleId(), meta.task(), severity, f.subjectType(), f.subjectId(),
                top == null ? null : top.id(), responsible, responsibleName, rules.liaison().groupOf(top),
                deadline, f.measured(), required, memberIds, f.relatedIds(),
                fill(meta.message(), zh), fill(meta.messageEn(), en), Violation.Status.OPEN, null,
                explain(meta, f, severity, deadline, required, memberIds, fill(meta.messageEn(), en)));
        return waive(v, subjectOrg);
    }

    // ---------------------------------------------------------------- waivers

    /** The violation waived by the first waiver (latest expiry, then smallest id) that covers it today, if any. */
    private Violation waive(Violation v, String subjectOrg) {
        List<Waiver> candidates = waiversBySubject.get(v.subjectId());
        if (candidates == null) {
            return v;
        }
        if (v.subjectType() != subjectKindOf(v.subjectId())) {
            return v; // an id shared by kinds of subject names the organisation first: a waiver never covers more
        }
        LocalDate today = asOf.get();
        Waiver best = null;
        for (Waiver w : candidates) {
            if (w.covers(v.ruleId(), v.task(), v.subjectId()) && w.appliesOn(today) && approverProblem(w, subjectOrg) == null
                    && (best == null || w.expires().isAfter(best.expires())
                        || w.expires().equals(best.expires()) && w.id().compareTo(best.id()) < 0)) {
                best = w;
            }
        }
        return best == null ? v : v.withWaiver(best.id());
    }

    /**
     * The kind of subject a waiver's subject id names: an organisation, else an enterprise, else a member (the
     * smallest member id of a group); null when it names none. A waiver covers findings about that subject only, so
     * an enterprise that shares an organisation's id is never waived by the organisation's waiver.
     */
    private SubjectType subjectKindOf(String id) {
        if (tree.get(id) != null) {
            return SubjectType.ORGANIZATION;
        }
        if (enterprises.apply(id) != null) {
            return SubjectType.ENTERPRISE;
        }
        return members.apply(id) != null ? SubjectType.MEMBER : null;
    }

    private String approverProblem(Waiver w, String subjectOrg) {
        return Waivers.approverProblem(w, subjectOrg, id -> {
            Organization o = tree.get(id);
            return o == null ? null : o.parentId();
        }, id -> tree.get(id) != null);
    }

    /** The organisation a subject sits in: itself, a member's organisation, an enterprise's League organisation. */
    private String subjectOrgOf(SubjectType type, String subjectId) {
        if (type == null || type == SubjectType.ORGANIZATION) {
            if (tree.get(subjectId) != null) {
                return subjectId;
            }
        }
        if (type == null || type == SubjectType.MEMBER) {
            Member m = members.apply(subjectId);
            if (m != null) {
                return m.orgId();
            }
        }
        if (type == null || type == SubjectType.ENTERPRISE) {
            Enterprise e = enterprises.apply(subjectId);
            if (e != null) {
                // no League organisation: the root of its province (null: of unknown place, a 团省委 approves)
                return e.leagueOrgId() != null ? e.leagueOrgId() : tree.provinceOf(e, enterprises);
            }
        }
        return null;
    }

    /** What became of each waiver on this evaluation, in file order. */
    List<WaiverStatus> waiverStatuses(List<Violation> violations) {
        if (waivers.list().isEmpty()) {
            return List.of();
        }
        LocalDate today = asOf.get();
        Map<String, Integer> used = new java.util.HashMap<>();
        for (Violation v : violations) {
            if (v.waiverId() != null) {
                used.merge(v.waiverId(), 1, Integer::sum);
            }
        }
        List<WaiverStatus> out = new java.util.ArrayList<>();
        for (Waiver w : waivers.list()) {
            int n = used.getOrDefault(w.id(), 0);
            if (today.isBefore(w.granted())) {
                out.add(new WaiverStatus(w, WaiverStatus.State.NOT_YET, 0, false, null));
                continue;
            }
            if (today.isAfter(w.expires())) {
                out.add(new WaiverStatus(w, WaiverStatus.State.EXPIRED, 0, false, null));
                continue;
            }
            boolean soon = !w.expires().isAfter(today.plusDays(WaiverStatus.EXPIRING_DAYS));
            if (n > 0) {
                out.add(new WaiverStatus(w, WaiverStatus.State.APPLIED, n, soon, null));
                continue;
            }
            SubjectType type = violations.stream().filter(v -> w.covers(v.ruleId(), v.task(), v.subjectId()))
                    .map(Violation::subjectType).findFirst().orElse(null);
            String subjectOrg = subjectOrgOf(type, w.subjectId());
            if (subjectOrg == null) {
                out.add(new WaiverStatus(w, WaiverStatus.State.UNUSED, 0, soon, "豁免对象不存在 / no organisation, member "
                        + "or enterprise " + w.subjectId() + " among the facts (waiver " + w.id() + ")"));
                continue;
            }
            String problem = approverProblem(w, subjectOrg);
            out.add(problem != null ? new WaiverStatus(w, WaiverStatus.State.INVALID, 0, soon, problem)
                    : new WaiverStatus(w, WaiverStatus.State.UNUSED, 0, soon, null));
        }
        return out;
    }

    /** Whether moving the evaluation date from one day to another starts or ends a waiver. */
    boolean waiversChangeBetween(LocalDate from, LocalDate to) {
        for (Waiver w : waivers.list()) {
            if (w.appliesOn(from) != w.appliesOn(to)) {
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- explanation

    private static final int MAX_IDS_EXPLAINED = 20;

    /**
     * The rule's description, the facts concerned by kind and id (never a field's value) and the thresholds, in
     * Chinese, then the same in English.
     */
    private String explain(RuleMeta meta, Finding f, Severity severity, LocalDate deadline, Double required,
                           List<String> memberIds, String messageEn) {
        String subjectKind = switch (f.subjectType()) {
            case ORGANIZATION -> "Organization";
            case MEMBER -> "Member";
            case ENTERPRISE -> "Enterprise";
        };
        List<String> facts = new java.util.ArrayList<>();
        facts.add(subjectKind + " " + f.subjectId());
        if (!memberIds.isEmpty()) {
            facts.add("Member " + ids(memberIds));
        }
        Map<String, List<String>> related = new java.util.TreeMap<>();
        for (String id : f.relatedIds()) {
            String kind = kindOf.apply(id);
            related.computeIfAbsent(kind == null ? "?" : kind, k -> new java.util.ArrayList<>()).add(id);
        }
        related.forEach((kind, list) -> facts.add(kind + " " + ids(list)));
        String description = meta.description() == null ? meta.ruleId() : meta.description();
        StringBuilder zh = new StringBuilder();
        zh.append("规则 ").append(meta.ruleId()).append("（").append(meta.task() == 0 ? "数据异常" : "任务" + meta.task())
                .append("，").append(severityZh(severity)).append("）：").append(description).append("\n");
        zh.append("涉及事实：").append(String.join("；", facts)).append("\n");
        List<String> limits = new java.util.ArrayList<>();
        List<String> limitsEn = new java.util.ArrayList<>();
        if (deadline != null) {
            limits.add("截止 " + deadline);
            limitsEn.add("deadline " + deadline);
        }
        if (required != null) {
            limits.add("要求 " + number(required));
            limitsEn.add("required " + number(required));
        }
        if (f.measured() != null) {
            limits.add("实际 " + number(f.measured()));
            limitsEn.add("measured " + number(f.measured()));
        }
        zh.append("阈值：").append(limits.isEmpty() ? "无（条件成立即报告）" : String.join("，", limits)).append("\n");
        zh.append("Rule ").append(meta.ruleId()).append(" (").append(meta.task() == 0 ? "data anomaly" : "task " + meta.task())
                .append(", ").append(severity).append("): ").append(messageEn)
                .append("; facts: ").append(String.join("; ", facts)).append("; thresholds: ")
                .append(limitsEn.isEmpty() ? "none (reported when the condition holds)" : String.join(", ", limitsEn));
        return zh.toString();
    }

    /** A share (0–1) as a percentage, a count as itself. */
    private static String number(double d) {
        return d <= 1.0 ? percent(d) : BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }

    private static String ids(List<String> ids) {
        return ids.size() <= MAX_IDS_EXPLAINED ? String.join(", ", ids)
                : String.join(", ", ids.subList(0, MAX_IDS_EXPLAINED)) + " … (" + ids.size() + ")";
    }

    private static String severityZh(Severity s) {
        return switch (s) {
            case VIOLATION -> "逾期未完成";
            case WARNING -> "临近截止";
            case ANOMALY -> "数据异常";
            case AT_RISK -> "预计未达标";
        };
    }

    private int setting(String name, int fallback) {
        Object v = rules.calendar().settings().get(name);
        return v instanceof Double d ? d.intValue() : fallback;
    }

    private Organization schoolOf(Organization org) {
        if (org == null) {
            return null;
        }
        OrgInfo info = tree.info(org.id());
        return info == null ? null : tree.get(info.schoolId());
    }

    static String fill(String template, Map<String, String> values) {
        if (template == null) {
            return "";
        }
        String out = template;
        for (Map.Entry<String, String> e : values.entrySet()) {
            out = out.replace("{" + e.getKey() + "}", e.getValue());
        }
        return out;
    }

    /** 0.41234 → "41.2%", 0.6 → "60%". */
    static String percent(Double share) {
        if (share == null) {
            return "";
        }
        BigDecimal p = BigDecimal.valueOf(share * 100).setScale(1, RoundingMode.HALF_UP).stripTrailingZeros();
        return p.toPlainString() + "%";
    }

}

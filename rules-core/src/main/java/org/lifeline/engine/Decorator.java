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

    Decorator(RuleSet rules, OrgTree tree, Function<String, Member> members, Function<String, Enterprise> enterprises,
              java.util.function.Supplier<LocalDate> asOf) {
        this.rules = rules;
        this.tree = tree;
        this.members = members;
        this.enterprises = enterprises;
        this.asOf = asOf;
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
            top = tree.provincialEnterpriseCommittee();
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
                    city = tree.cityOfRegion(school.region());
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
        return new Violation(f.ruleId(), meta.task(), severity, f.subjectType(), f.subjectId(),
                top == null ? null : top.id(), responsible, responsibleName, rules.liaison().groupOf(top),
                deadline, f.measured(), required, memberIds, f.relatedIds(),
                fill(meta.message(), zh), fill(meta.messageEn(), en));
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

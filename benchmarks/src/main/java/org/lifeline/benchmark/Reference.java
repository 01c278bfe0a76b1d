package org.lifeline.benchmark;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.lifeline.calendar.CampaignCalendar;
import org.lifeline.calendar.Milestone;
import org.lifeline.engine.Severity;
import org.lifeline.fact.Cadre;
import org.lifeline.fact.CadreRole;
import org.lifeline.fact.FactSet;
import org.lifeline.fact.FeePayment;
import org.lifeline.fact.Level;
import org.lifeline.fact.Member;
import org.lifeline.fact.OrgType;
import org.lifeline.fact.Organization;
import org.lifeline.fact.PaymentChannel;
import org.lifeline.fact.Sector;

/**
 * A plain-Java evaluation of a subset of the rules (the three T04 rules, T05/T06 MEMBER_NOT_REPORTED, T11 and
 * T13.ONLINE_PAYMENT_BELOW_TARGET, month by month as in contract v2), written straightforwardly from the contract, to check the DRL against and to
 * time it against.
 */
final class Reference {

    static final Set<String> RULES = Set.of("T04.HOLLOW_COMMITTEE", "T04.HOLLOW_BRANCH", "T04.BRANCH_WITHOUT_SECRETARY",
            "T05.MEMBER_NOT_REPORTED", "T06.MEMBER_NOT_REPORTED", "T11.MEMBER_NUMBER_MISSING", "T13.ONLINE_PAYMENT_BELOW_TARGET");
    /** The rules to load for the comparison: the subset and the measuring rule it reads. */
    static final Set<String> RULES_TO_LOAD = java.util.stream.Stream.concat(RULES.stream(),
            java.util.stream.Stream.of("T13.ONLINE_PAYMENT_SHARE")).collect(java.util.stream.Collectors.toSet());
    private static final Set<Sector> SCHOOLS = EnumSet.of(Sector.UNIVERSITY, Sector.VOCATIONAL_SCHOOL, Sector.MIDDLE_SCHOOL);
    private static final Set<Sector> ORGANS = EnumSet.of(Sector.PARTY_GOVERNMENT_ORGAN, Sector.MASS_ORGANIZATION,
            Sector.PUBLIC_INSTITUTION, Sector.FINANCIAL, Sector.PUBLIC_ENTERPRISE, Sector.PROVINCIAL_ENTERPRISE);

    /** What both evaluations must agree on. */
    record Finding(String ruleId, String subjectId, Severity severity, List<String> memberIds, String measured) {
    }

    private Reference() {
    }

    static Set<Finding> evaluate(FactSet facts, LocalDate asOf, CampaignCalendar calendar) {
        Map<String, Milestone> due = new HashMap<>();
        for (Milestone m : calendar.inForce(asOf)) {
            Milestone before = due.get(m.key());
            if (before == null || m.severity() == Severity.VIOLATION) {
                due.put(m.key(), m);
            }
        }
        Map<String, Organization> orgs = new HashMap<>();
        for (Organization o : facts.all(Organization.class)) {
            if (o.createdOn() == null || !o.createdOn().isAfter(asOf)) {
                orgs.put(o.id(), o);
            }
        }
        Map<String, List<Member>> membersOf = new HashMap<>();
        for (Member m : facts.all(Member.class)) {
            if (m.joinedOn() == null || !m.joinedOn().isAfter(asOf)) {
                membersOf.computeIfAbsent(m.orgId(), k -> new ArrayList<>()).add(m);
            }
        }
        Set<Finding> out = new HashSet<>();
        Milestone t04 = due.get("T04");
        if (t04 != null) {
            Map<String, Integer> branchesBelow = new HashMap<>();
            for (Organization o : orgs.values()) {
                if (o.type() == OrgType.BRANCH) {
                    Organization p = orgs.get(o.parentId());
                    for (int i = 0; p != null && i < 1000; i++) {
                        branchesBelow.merge(p.id(), 1, Integer::sum);
                        p = p.parentId() == null ? null : orgs.get(p.parentId());
                    }
                }
            }
            Set<String> withSecretary = new HashSet<>();
            for (Cadre c : facts.all(Cadre.class)) {
                if (c.role() == CadreRole.SECRETARY) {
                    withSecretary.add(c.orgId());
                }
            }
            for (Organization o : orgs.values()) {
                if (o.type() != OrgType.BRANCH && !branchesBelow.containsKey(o.id())) {
                    out.add(new Finding("T04.HOLLOW_COMMITTEE", o.id(), t04.severity(), List.of(), null));
                }
                if (o.type() == OrgType.BRANCH && o.purpose() == null && !membersOf.containsKey(o.id())) {
                    out.add(new Finding("T04.HOLLOW_BRANCH", o.id(), t04.severity(), List.of(), null));
                }
                if (o.type() == OrgType.BRANCH && !withSecretary.contains(o.id())) {
                    out.add(new Finding("T04.BRANCH_WITHOUT_SECRETARY", o.id(), t04.severity(), List.of(), null));
                }
            }
        }
        for (String task : List.of("T05", "T06")) {
            Milestone m = due.get(task);
            if (m == null) {
                continue;
            }
            Set<Sector> sectors = task.equals("T05") ? SCHOOLS : ORGANS;
            for (Organization o : orgs.values()) {
                if (!sectors.contains(o.sector()) || (task.equals("T06") && levelOf(o, orgs) == Level.TOWNSHIP)) {
                    continue; // T06: 省、市、县三级 only
                }
                TreeSet<String> unreported = new TreeSet<>();
                for (Member mem : membersOf.getOrDefault(o.id(), List.of())) {
                    if (mem.reportedAt() == null || mem.reportedAt().toLocalDate().isAfter(asOf)) {
                        unreported.add(mem.id());
                    }
                }
                if (!unreported.isEmpty()) {
                    out.add(new Finding(task + ".MEMBER_NOT_REPORTED", o.id(), m.severity(), List.copyOf(unreported), null));
                }
            }
        }
        Milestone t11 = due.get("T11");
        if (t11 != null) {
            LocalDate since = (LocalDate) calendar.settings().get("memberNumberRequiredFrom");
            for (Organization o : orgs.values()) {
                TreeSet<String> missing = new TreeSet<>();
                for (Member mem : membersOf.getOrDefault(o.id(), List.of())) {
                    if (mem.memberNumber() == null && mem.joinedOn() != null && !mem.joinedOn().isBefore(since)) {
                        missing.add(mem.id());
                    }
                }
                if (!missing.isEmpty()) {
                    out.add(new Finding("T11.MEMBER_NUMBER_MISSING", o.id(), t11.severity(), List.copyOf(missing), null));
                }
            }
        }
        // T13: month by month; the VIOLATION of the latest month passed if below, else the WARNING of the current month
        List<Milestone> t13 = new ArrayList<>();
        for (Milestone m : calendar.inForce(asOf)) {
            if (m.key().equals("T13.ONLINE_PAYMENT")) {
                t13.add(m);
            }
        }
        t13.sort(java.util.Comparator.comparing(Milestone::severity)); // VIOLATION first
        Map<String, Milestone> judged = new HashMap<>();
        Map<String, String> measured = new HashMap<>();
        for (Milestone m : t13) {
            YearMonth month = m.month();
            LocalDate end = month.atEndOfMonth();
            Set<String> paid = new HashSet<>();
            for (FeePayment p : facts.all(FeePayment.class)) {
                if (p.channel() == PaymentChannel.ONLINE && p.month().equals(month) && !p.paidOn().isAfter(end)
                        && !p.paidOn().isAfter(asOf)) {
                    paid.add(p.memberId());
                }
            }
            Map<String, int[]> perTop = new HashMap<>();
            for (Map.Entry<String, List<Member>> e : membersOf.entrySet()) {
                Organization o = orgs.get(e.getKey());
                String top = o == null ? null : topUnit(o, orgs);
                if (top == null) {
                    continue;
                }
                int[] counts = perTop.computeIfAbsent(top, k -> new int[2]);
                for (Member mem : e.getValue()) {
                    if (mem.joinedOn() != null && mem.joinedOn().isAfter(end)) {
                        continue; // joined after the month: owes nothing for it
                    }
                    counts[0]++;
                    if (paid.contains(mem.id())) {
                        counts[1]++;
                    }
                }
            }
            perTop.forEach((top, c) -> {
                if (c[0] > 0 && c[1] < m.share() * c[0] && !judged.containsKey(top)) {
                    judged.put(top, m);
                    measured.put(top, String.format("%.9f", (double) c[1] / c[0]));
                }
            });
        }
        judged.forEach((top, m) -> out.add(new Finding("T13.ONLINE_PAYMENT_BELOW_TARGET", top, m.severity(), List.of(),
                measured.get(top))));
        return out;
    }

    /** Its own level, or its nearest ancestor's. */
    private static Level levelOf(Organization o, Map<String, Organization> orgs) {
        Organization cur = o;
        for (int i = 0; cur != null && i < 1000; i++) {
            if (cur.level() != null) {
                return cur.level();
            }
            cur = cur.parentId() == null ? null : orgs.get(cur.parentId());
        }
        return null;
    }

    private static String topUnit(Organization o, Map<String, Organization> orgs) {
        Organization cur = o;
        for (int i = 0; i < 1000; i++) {
            Organization parent = cur.parentId() == null ? null : orgs.get(cur.parentId());
            if (parent == null) {
                return null;
            }
            if (parent.type() == OrgType.PROVINCIAL_COMMITTEE) {
                return cur.id();
            }
            cur = parent;
        }
        return null;
    }
}

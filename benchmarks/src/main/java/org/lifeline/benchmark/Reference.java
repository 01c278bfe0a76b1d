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
 * A plain-Java evaluation of a subset of the rules (the three T04 rules, T05/T06 MEMBER_NOT_REPORTED, T11,
 * T13.ONLINE_PAYMENT_BELOW_TARGET month by month as in contract v2, and since issue 17 the heaviest ones:
 * T13.OFFLINE_PAYMENT_AFTER_SWITCH, T12.TRANSFER_BEHIND, A.BULK_REPORTING, A.DUPLICATE_PERSON and
 * A.DUPLICATE_MEMBER_NUMBER), written straightforwardly from the contract, to check the DRL against and to time it
 * against. An anomaly's members are the engine's seeded spot-check draw of the members concerned, drawn here the
 * same way ({@link #draw}).
 */
final class Reference {

    static final Set<String> RULES = Set.of("T04.HOLLOW_COMMITTEE", "T04.HOLLOW_BRANCH", "T04.BRANCH_WITHOUT_SECRETARY",
            "T05.MEMBER_NOT_REPORTED", "T06.MEMBER_NOT_REPORTED", "T11.MEMBER_NUMBER_MISSING", "T13.ONLINE_PAYMENT_BELOW_TARGET",
            "T13.OFFLINE_PAYMENT_AFTER_SWITCH", "T12.TRANSFER_BEHIND", "A.BULK_REPORTING", "A.DUPLICATE_PERSON",
            "A.DUPLICATE_MEMBER_NUMBER");
    /** The rules to load for the comparison: the subset and the measuring rules it reads. */
    static final Set<String> RULES_TO_LOAD = java.util.stream.Stream.concat(RULES.stream(),
            java.util.stream.Stream.of("T13.ONLINE_PAYMENT_SHARE", "T12.TRANSFER_SHARE")).collect(java.util.stream.Collectors.toSet());
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
        Map<String, Object> settings = calendar.settings();
        int drawSize = intSetting(settings, "spotCheckSize");
        long seed = (long) intSetting(settings, "spotCheckSeed");
        // T13.OFFLINE_PAYMENT_AFTER_SWITCH: per organisation in force, its members' payments made offline for the
        // switch month or later (no milestone: a WARNING from the start of the campaign)
        YearMonth onlineFrom = YearMonth.from((LocalDate) settings.get("onlineDuesFrom"));
        Map<String, Member> memberById = new HashMap<>();
        for (List<Member> list : membersOf.values()) {
            for (Member mem : list) {
                memberById.put(mem.id(), mem);
            }
        }
        Map<String, TreeSet<String>> offline = new HashMap<>();
        for (FeePayment p : facts.all(FeePayment.class)) {
            if (p.channel() == PaymentChannel.OFFLINE && !p.month().isBefore(onlineFrom) && !p.paidOn().isAfter(asOf)) {
                Member mem = memberById.get(p.memberId());
                if (mem != null && orgs.containsKey(mem.orgId())) {
                    offline.computeIfAbsent(mem.orgId(), k -> new TreeSet<>()).add(mem.id());
                }
            }
        }
        if (!calendar.inForce(asOf).isEmpty()) {
            offline.forEach((org, ids) -> out.add(new Finding("T13.OFFLINE_PAYMENT_AFTER_SWITCH", org, Severity.WARNING,
                    List.copyOf(ids), null)));
        }
        // T12.TRANSFER_BEHIND: per school (a school committee under no other), the share of its graduates of the year
        // (not staying at school) whose completed transfer applied for from the given day left the school
        t12(facts, asOf, calendar, orgs, membersOf, out);
        // A.BULK_REPORTING: branches of at least N members where a share of them reported within M minutes
        int minMembers = intSetting(settings, "bulkReportingMinMembers");
        double bulkShare = ((Number) settings.get("bulkReportingShare")).doubleValue();
        int minutes = intSetting(settings, "bulkReportingMinutes");
        for (Organization o : orgs.values()) {
            List<Member> list = o.type() == OrgType.BRANCH ? membersOf.get(o.id()) : null;
            if (list == null || list.size() < minMembers) {
                continue;
            }
            List<java.time.LocalDateTime> times = new ArrayList<>();
            List<Member> reported = new ArrayList<>();
            for (Member mem : list) {
                if (mem.reportedAt() != null && !mem.reportedAt().toLocalDate().isAfter(asOf)) {
                    reported.add(mem);
                }
            }
            reported.sort(java.util.Comparator.comparing(Member::reportedAt).thenComparing(Member::id));
            int best = 0;
            int bestFrom = 0;
            for (int from = 0, end = 0; from < reported.size(); from++) {
                java.time.LocalDateTime limit = reported.get(from).reportedAt().plusMinutes(minutes);
                end = Math.max(end, from);
                while (end < reported.size() && reported.get(end).reportedAt().isBefore(limit)) {
                    end++;
                }
                if (end - from > best) {
                    best = end - from;
                    bestFrom = from;
                }
            }
            if (best >= bulkShare * list.size()) {
                List<String> burst = new ArrayList<>();
                for (Member mem : reported.subList(bestFrom, bestFrom + best)) {
                    burst.add(mem.id());
                }
                burst.sort(null);
                out.add(new Finding("A.BULK_REPORTING", o.id(), Severity.ANOMALY,
                        draw(burst, drawSize, seed, "A.BULK_REPORTING", o.id()),
                        String.format("%.9f", (double) best / list.size())));
            }
        }
        // A.DUPLICATE_PERSON / A.DUPLICATE_MEMBER_NUMBER: two or more members (as of the date) with one key
        Map<String, TreeSet<String>> byPerson = new HashMap<>();
        Map<String, TreeSet<String>> byNumber = new HashMap<>();
        for (Member mem : memberById.values()) {
            if (mem.personKey() != null) {
                byPerson.computeIfAbsent(mem.personKey(), k -> new TreeSet<>()).add(mem.id());
            }
            if (mem.memberNumber() != null) {
                byNumber.computeIfAbsent(mem.memberNumber(), k -> new TreeSet<>()).add(mem.id());
            }
        }
        for (var e : List.of(Map.entry("A.DUPLICATE_PERSON", byPerson), Map.entry("A.DUPLICATE_MEMBER_NUMBER", byNumber))) {
            for (TreeSet<String> ids : e.getValue().values()) {
                if (ids.size() >= 2) {
                    out.add(new Finding(e.getKey(), ids.first(), Severity.ANOMALY,
                            draw(List.copyOf(ids), drawSize, seed, e.getKey(), ids.first()), null));
                }
            }
        }
        return out;
    }

    private static void t12(FactSet facts, LocalDate asOf, CampaignCalendar calendar, Map<String, Organization> orgs,
                            Map<String, List<Member>> membersOf, Set<Finding> out) {
        List<Milestone> milestones = new ArrayList<>();
        for (Milestone m : calendar.inForce(asOf)) {
            if (m.key().equals("T12.TRANSFER")) {
                milestones.add(m);
            }
        }
        if (milestones.isEmpty()) {
            return;
        }
        int year = intSetting(calendar.settings(), "graduationYear");
        LocalDate from = (LocalDate) calendar.settings().get("graduateTransfersFrom");
        Map<String, String> schoolOf = new HashMap<>();
        for (Organization o : orgs.values()) {
            String school = null;
            Organization cur = o;
            for (int i = 0; cur != null && i < 1000; i++) {
                if (cur.type() == OrgType.COMMITTEE && cur.sector().isSchool()) {
                    school = cur.id();
                }
                cur = cur.parentId() == null ? null : orgs.get(cur.parentId());
            }
            if (school != null) {
                schoolOf.put(o.id(), school);
            }
        }
        Map<String, Member> graduates = new HashMap<>();
        Map<String, Integer> total = new HashMap<>();
        for (List<Member> list : membersOf.values()) {
            for (Member mem : list) {
                String school = mem.schoolOrgId() == null ? null : schoolOf.get(mem.schoolOrgId());
                if (school != null && mem.graduationYear() != null && mem.graduationYear() == year
                        && !Boolean.TRUE.equals(mem.staysAtSchool())) {
                    graduates.put(mem.id(), mem);
                    total.merge(school, 1, Integer::sum);
                }
            }
        }
        Map<String, Set<String>> done = new HashMap<>();
        for (org.lifeline.fact.Transfer t : facts.all(org.lifeline.fact.Transfer.class)) {
            Member g = graduates.get(t.memberId());
            if (g == null || t.status() != org.lifeline.fact.TransferStatus.COMPLETED || t.appliedOn() == null
                    || t.appliedOn().isBefore(from) || t.appliedOn().isAfter(asOf)
                    || t.completedOn() != null && t.completedOn().isAfter(asOf)) {
                continue;
            }
            String school = schoolOf.get(g.schoolOrgId());
            if (school.equals(schoolOf.get(t.fromOrgId())) && !school.equals(schoolOf.get(t.toOrgId()))) {
                done.computeIfAbsent(school, k -> new HashSet<>()).add(g.id());
            }
        }
        total.forEach((school, n) -> {
            Organization o = orgs.get(school);
            if (o == null || !school.equals(schoolOf.get(school))) {
                return;
            }
            int d = done.getOrDefault(school, Set.of()).size();
            Milestone chosen = null;
            for (Milestone m : milestones) {
                if (d < m.share() * n && (chosen == null || before(m, chosen))) {
                    chosen = m;
                }
            }
            if (chosen != null) {
                out.add(new Finding("T12.TRANSFER_BEHIND", school, chosen.severity(), List.of(),
                        String.format("%.9f", (double) d / n)));
            }
        });
    }

    /** The engine's choice among one subject's findings: VIOLATION first, the latest violation, the nearest warning. */
    private static boolean before(Milestone a, Milestone b) {
        if (a.severity() != b.severity()) {
            return a.severity().compareTo(b.severity()) < 0;
        }
        int byDate = a.deadline().compareTo(b.deadline());
        return a.severity() == Severity.VIOLATION ? byDate > 0 : byDate < 0;
    }

    private static int intSetting(Map<String, Object> settings, String name) {
        return ((Number) settings.get(name)).intValue();
    }

    /** An anomaly's spot-check list: the notice's seeded draw, as every finding of the engine has it. */
    static List<String> draw(List<String> candidates, int size, long seed, String ruleId, String subjectId) {
        return org.lifeline.engine.SpotCheckPlan.draw(candidates, size, seed, ruleId, subjectId);
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

package org.lifeline.history;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.lifeline.engine.Evaluation;
import org.lifeline.engine.Severity;
import org.lifeline.engine.SpotCheckPlan;
import org.lifeline.engine.SubjectType;
import org.lifeline.engine.Violation;
import org.lifeline.fact.FactSet;
import org.lifeline.fact.Member;
import org.lifeline.fact.Transfer;
import org.lifeline.fact.TransferStatus;

/**
 * Turns forecasts at risk and sudden jumps into findings a host reads like violations: rule id, severity, subject,
 * measured and required values, the messages in Chinese (the notice's terms) and English, and for a jump the
 * seeded spot-check list. Top unit, responsible unit and liaison group are those the evaluation gave the same
 * subject (the rules' own reading of who answers for it); a subject the evaluation did not judge answers through
 * its top unit, whose liaison group is the one the evaluation gave that unit.
 */
final class Findings {

    static final String JUMP = "A.SUDDEN_JUMP";

    private final Units units;
    private final Settings settings;
    private final Map<String, Violation> bySubject = new HashMap<>();
    private final Map<String, Integer> groups = new HashMap<>();

    Findings(Evaluation e, Units units, Settings settings) {
        this.units = units;
        this.settings = settings;
        for (Violation v : e.violations()) {
            if (v.subjectType() == SubjectType.ORGANIZATION) {
                bySubject.putIfAbsent(v.subjectId(), v);
            }
            if (v.topUnitId() != null && v.liaisonGroup() != null) {
                groups.putIfAbsent(v.topUnitId(), v.liaisonGroup());
            }
        }
    }

    /** The rule id of a key's forecast: {@code T12.TRANSFER} → {@code T12.TRANSFER_AT_RISK}. */
    static String atRiskRule(String key) {
        return key + "_AT_RISK";
    }

    Violation atRisk(Forecast f) {
        String name = units.name(f.unitId());
        String zh = String.format("%s%s：以目前进度，预计%s达到 %s（%s–%s），低于 %s；需每日提高 %s 个百分点，目前每日 %s",
                name, labelZh(f.key()), md(f.deadline()), pct(f.projected()), pct(f.low()), pct(f.high()), pct(f.required()),
                points(f.neededPerDay()), points(f.pacePerDay()));
        String en = String.format("%s: at the current pace, %s is expected to reach %s (%s–%s) by %s, below %s; "
                        + "it needs %s percentage points a day, currently %s",
                name, labelEn(f.key()), pct(f.projected()), pct(f.low()), pct(f.high()), f.deadline(), pct(f.required()),
                points(f.neededPerDay()), points(f.pacePerDay()));
        return decorate(atRiskRule(f.key()), task(f.key()), Severity.AT_RISK, f.unitId(), f.deadline(), f.projected(),
                f.required(), List.of(), zh, en);
    }

    /** The jumps as anomalies, each with its spot-check list: one pass over members and transfers for all of them. */
    List<Violation> jumps(List<Jumps.Jump> jumps, FactSet facts) {
        Map<String, List<String>> candidates = new TreeMap<>();
        Map<String, Jumps.Jump> byTopUnit = new HashMap<>();
        Map<String, Jumps.Jump> bySchool = new HashMap<>();
        for (Jumps.Jump j : jumps) {
            candidates.put(j.unitId(), new ArrayList<>());
            (j.key().equals(Units.REPORTED) ? byTopUnit : bySchool).put(j.unitId(), j);
        }
        Map<String, Member> graduates = new HashMap<>();
        for (Member m : facts.all(Member.class)) {
            if (!byTopUnit.isEmpty() && m.reportedAt() != null) {
                Jumps.Jump j = byTopUnit.get(units.topUnitOf(m.orgId()));
                LocalDate day = m.reportedAt().toLocalDate();
                if (j != null && day.isAfter(j.from()) && !day.isAfter(j.to())) {
                    candidates.get(j.unitId()).add(m.id());
                }
            }
            if (!bySchool.isEmpty() && m.graduationYear() != null && m.graduationYear() == settings.graduationYear()
                    && m.schoolOrgId() != null && !Boolean.TRUE.equals(m.staysAtSchool())) {
                graduates.put(m.id(), m);
            }
        }
        if (!bySchool.isEmpty()) {
            Map<String, java.util.Set<String>> seen = new HashMap<>();
            for (Transfer t : facts.all(Transfer.class)) {
                Member m = graduates.get(t.memberId());
                if (m == null || t.status() != TransferStatus.COMPLETED || t.completedOn() == null
                        || t.appliedOn().isBefore(settings.graduateTransfersFrom())) {
                    continue;
                }
                String school = units.schoolOf(m.schoolOrgId());
                Jumps.Jump j = school == null ? null : bySchool.get(school);
                if (j == null || !school.equals(units.schoolOf(t.fromOrgId())) || school.equals(units.schoolOf(t.toOrgId()))) {
                    continue;
                }
                if (t.completedOn().isAfter(j.from()) && !t.completedOn().isAfter(j.to())
                        && seen.computeIfAbsent(school, k -> new java.util.HashSet<>()).add(m.id())) {
                    candidates.get(school).add(m.id());
                }
            }
        }
        List<Violation> out = new ArrayList<>();
        for (Jumps.Jump j : jumps) {
            List<String> drawn = SpotCheckPlan.draw(candidates.get(j.unitId()).stream().sorted().toList(),
                    settings.spotCheckSize(), settings.spotCheckSeed(), JUMP, j.unitId());
            String name = units.name(j.unitId());
            String zh = String.format("%s的%s在%d天内从 %s 升至 %s（每日提高 %s 个百分点，超过每日 %s 个），数据异常，请抽查核实",
                    name, labelZh(j.key()), j.days(), pct(j.before()), pct(j.after()), points(j.pointsPerDay() / 100),
                    points(j.threshold() / 100));
            String en = String.format("%s: %s rose from %s to %s in %d days (%s percentage points a day, more than %s): "
                            + "spot-check the members", name, labelEn(j.key()), pct(j.before()), pct(j.after()), j.days(),
                    points(j.pointsPerDay() / 100), points(j.threshold() / 100));
            out.add(decorate(JUMP, 0, Severity.ANOMALY, j.unitId(), null, j.pointsPerDay() / 100, j.threshold() / 100,
                    drawn, zh, en));
        }
        return out;
    }

    private Violation decorate(String ruleId, int task, Severity severity, String unitId, LocalDate deadline,
                               Double measured, Double required, List<String> memberIds, String zh, String en) {
        Violation known = bySubject.get(unitId);
        String top;
        String responsible;
        String responsibleName;
        Integer group;
        if (known != null) {
            top = known.topUnitId();
            responsible = known.responsible();
            responsibleName = known.responsibleName();
            group = known.liaisonGroup();
        } else {
            top = units.topUnitOf(unitId);
            responsible = top == null ? unitId : top;
            responsibleName = units.name(responsible);
            group = top == null ? null : groups.get(top);
        }
        return new Violation(ruleId, task, severity, SubjectType.ORGANIZATION, unitId, top, responsible, responsibleName,
                group, deadline, measured, required, memberIds, List.of(), zh, en);
    }

    private static int task(String key) {
        try {
            return Integer.parseInt(key.substring(1, key.indexOf('.') < 0 ? key.length() : key.indexOf('.')));
        } catch (RuntimeException e) {
            return 0;
        }
    }

    static String labelZh(String key) {
        return switch (key) {
            case "T10.REGISTRATION" -> "“两新”团组织注册登记比例";
            case "T12.TRANSFER" -> "应届毕业生组织关系转出比例";
            case Units.REPORTED -> "团员在线报到比例";
            case Units.ONBOARDED -> "团干入驻比例";
            default -> key + " 完成比例";
        };
    }

    static String labelEn(String key) {
        return switch (key) {
            case "T10.REGISTRATION" -> "the share of \"two new\" league organisations registered";
            case "T12.TRANSFER" -> "the share of graduates transferred out";
            case Units.REPORTED -> "the share of members reported online";
            case Units.ONBOARDED -> "the share of cadres onboarded";
            default -> "the share of " + key;
        };
    }

    /** 7月30日. */
    static String md(LocalDate d) {
        return d.getMonthValue() + "月" + d.getDayOfMonth() + "日";
    }

    /** 0.41234 → "41.2%", 0.6 → "60%". */
    static String pct(double share) {
        return BigDecimal.valueOf(share * 100).setScale(1, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString() + "%";
    }

    /** A pace (share a day) in percentage points: 0.011 → "1.1". */
    static String points(double perDay) {
        return BigDecimal.valueOf(perDay * 100).setScale(1, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }
}

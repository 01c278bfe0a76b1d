package org.lifeline.engine;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.kie.api.runtime.rule.RuleContext;
import org.lifeline.calendar.Milestone;
import org.lifeline.fact.Fact;

/**
 * What a rule asserts (with {@code insertLogical}) when its condition holds: the rule, the subject, and the
 * numbers and members concerned. The engine turns findings into {@link Violation}s: it adds the severity from
 * the milestone or the rule's {@code @severity}, the top unit, the responsible unit, the liaison group and the
 * message from the rule's {@code @message} metadata. Being logical, a finding disappears by itself when its
 * condition stops holding.
 *
 * <p>In a rule's consequence: {@code insertLogical( Finding.of(drools, $branch.id()).at($m).members($ids) );}
 */
public record Finding(
        String ruleId,
        SubjectType subjectType,
        String subjectId,
        Milestone milestone,
        Double measured,
        Double required,
        List<String> memberIds,
        List<String> relatedIds,
        String detail) {

    public Finding {
        memberIds = sortedCopy(memberIds);
        relatedIds = sortedCopy(relatedIds);
    }

    /** A finding of the running rule about an organisation. */
    public static Finding of(RuleContext drools, String orgId) {
        return about(drools, SubjectType.ORGANIZATION, orgId);
    }

    /** A finding of the running rule about an enterprise of the registry. */
    public static Finding ofEnterprise(RuleContext drools, String enterpriseId) {
        return about(drools, SubjectType.ENTERPRISE, enterpriseId);
    }

    /** A finding of the running rule about a member (or a group of members, named by its smallest id). */
    public static Finding ofMember(RuleContext drools, String memberId) {
        return about(drools, SubjectType.MEMBER, memberId);
    }

    /**
     * {@link #of(RuleContext, String)} for rules compiled to the executable model (the bundled rules, compiled at
     * build time), where {@code drools} in a consequence is an {@link org.drools.model.Drools}.
     */
    public static Finding of(org.drools.model.Drools drools, String orgId) {
        return of(context(drools), orgId);
    }

    /** {@link #ofEnterprise(RuleContext, String)} for the executable model. */
    public static Finding ofEnterprise(org.drools.model.Drools drools, String enterpriseId) {
        return ofEnterprise(context(drools), enterpriseId);
    }

    /** {@link #ofMember(RuleContext, String)} for the executable model. */
    public static Finding ofMember(org.drools.model.Drools drools, String memberId) {
        return ofMember(context(drools), memberId);
    }

    /** The executable model's {@code drools} is also the running rule's context. */
    private static RuleContext context(org.drools.model.Drools drools) {
        return (RuleContext) drools;
    }

    static Finding about(RuleContext drools, SubjectType type, String subjectId) {
        return new Finding(drools.getRule().getName(), type, subjectId, null, null, null, List.of(), List.of(), null);
    }

    /** The milestone that is due: gives the deadline, the severity and the required share. */
    public Finding at(Milestone m) {
        return new Finding(ruleId, subjectType, subjectId, m, measured, required, memberIds, relatedIds, detail);
    }

    /** The measured share (0–1) to compare with the milestone's required share, or an anomaly's measure. */
    public Finding measured(double share) {
        return new Finding(ruleId, subjectType, subjectId, milestone, share, required, memberIds, relatedIds, detail);
    }

    /**
     * What the measured value is compared with, where no milestone gives it: an anomaly's threshold (e.g. 0.8 of a
     * branch reporting at once), or a number (the graduate count a school reported).
     */
    public Finding required(double value) {
        return new Finding(ruleId, subjectType, subjectId, milestone, measured, value, memberIds, relatedIds, detail);
    }

    /** The members concerned. */
    public Finding members(Collection<?> ids) {
        return new Finding(ruleId, subjectType, subjectId, milestone, measured, required, strings(ids), relatedIds, detail);
    }

    /** The other facts concerned (cadres, transfers, payments, ledger entries, enterprises). */
    public Finding related(Collection<?> ids) {
        return new Finding(ruleId, subjectType, subjectId, milestone, measured, required, memberIds, strings(ids), detail);
    }

    /** The other facts concerned, given as the facts themselves (their ids are kept). */
    public Finding relatedFacts(Collection<? extends Fact> facts) {
        List<String> ids = new ArrayList<>(facts.size());
        facts.forEach(f -> ids.add(f.id()));
        return related(ids);
    }

    /** A detail for the message's {@code {detail}} placeholder (e.g. the contents an activity missed). */
    public Finding detail(Object text) {
        return new Finding(ruleId, subjectType, subjectId, milestone, measured, required, memberIds, relatedIds,
                text == null ? null : String.valueOf(text));
    }

    private static List<String> strings(Collection<?> ids) {
        List<String> out = new ArrayList<>(ids.size());
        for (Object o : ids) {
            out.add(String.valueOf(o));
        }
        return out;
    }

    private static List<String> sortedCopy(List<String> ids) {
        if (ids == null || ids.isEmpty()) {
            return List.of();
        }
        List<String> copy = new ArrayList<>(ids);
        copy.sort(null);
        return List.copyOf(copy);
    }
}

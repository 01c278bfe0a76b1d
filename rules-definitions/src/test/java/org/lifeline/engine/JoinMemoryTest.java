package org.lifeline.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.drools.core.common.ReteEvaluator;
import org.drools.core.impl.InternalRuleBase;
import org.drools.core.reteoo.AlphaNode;
import org.drools.core.reteoo.BetaMemory;
import org.drools.core.reteoo.BetaNode;
import org.drools.core.reteoo.ObjectSink;
import org.drools.core.reteoo.ObjectTypeNode;
import org.drools.core.reteoo.RightInputAdapterNode;
import org.drools.core.reteoo.TupleImpl;
import org.drools.core.reteoo.TupleMemory;
import org.drools.core.util.FastIterator;
import org.junit.jupiter.api.Test;
import org.lifeline.fact.Fact;
import org.lifeline.fact.Organization;
import org.lifeline.fact.OrgType;
import org.lifeline.fact.Sector;

/**
 * What the bundled rules hold in Drools' join memories: every fact a pattern after a rule's first takes costs a join
 * entry per such pattern (at province scale, 1.4 million of them at 0.1). Literal pre-filters in the rules keep the
 * facts a join can never match out of it; these tests hold them there (the scenarios say the findings do not change).
 */
class JoinMemoryTest {

    private static final Lifeline BUNDLED = Lifeline.bundled();
    private static final LocalDate AS_OF = LocalDate.of(2018, 10, 1); // every milestone in force

    private static Organization org(String id, String parent, OrgType type, Sector sector, Integer graduatingClass) {
        return new Organization(id, id, parent, type, sector, null, null, false, null, graduatingClass, null, null);
    }

    /** A province: a city with a branch, a university with a branch of the class of 2018. */
    private static List<Fact> province() {
        return List.of(
                org("ROOT", null, OrgType.PROVINCIAL_COMMITTEE, Sector.OTHER, null),
                org("CITY", "ROOT", OrgType.CITY_COMMITTEE, Sector.OTHER, null),
                org("CITY_BRANCH", "CITY", OrgType.BRANCH, Sector.OTHER, null),
                org("UNI", "ROOT", OrgType.COMMITTEE, Sector.UNIVERSITY, null),
                org("UNI_BRANCH", "UNI", OrgType.BRANCH, Sector.UNIVERSITY, 2018));
    }

    @Test
    void anOrganisationOutsideSchoolsEntersNoneOfTheJoinsThatLookInsideASchool() {
        try (RuleSession s = new RuleSession(BUNDLED.ruleSet(), AS_OF, BUNDLED.limits())) {
            s.insertAll(province());
            s.fire();
            Set<BetaNode> city = joinsHolding(s, OrgInfo.class, o -> ((OrgInfo) o).orgId().equals("CITY_BRANCH"));
            Set<BetaNode> school = joinsHolding(s, OrgInfo.class, o -> ((OrgInfo) o).orgId().equals("UNI_BRANCH"));
            assertThat(school).containsAll(city);
            // inside a school: task 12's graduates and transfers (4 patterns), A.TRANSFER_DUMPING's (4),
            // A.GRADUATE_COUNT_MISMATCH's graduates (1); without "schoolId != null" a city branch would enter them all
            assertThat(school.size() - city.size()).isGreaterThanOrEqualTo(9);
            // the school itself ("schoolId == orgId") is in joins no branch enters (tasks 1 and 12, the count mismatch)
            Set<BetaNode> schoolOnly = joinsHolding(s, OrgInfo.class, o -> ((OrgInfo) o).orgId().equals("UNI"));
            schoolOnly.removeAll(school);
            assertThat(schoolOnly).hasSizeGreaterThanOrEqualTo(3).doesNotContainAnyElementsOf(city);
        }
    }

    @Test
    void aBranchOfNoGraduatingClassEntersNotTheThemeDayJoin() {
        try (RuleSession s = new RuleSession(BUNDLED.ruleSet(), AS_OF, BUNDLED.limits())) {
            s.insertAll(province());
            s.fire();
            Set<BetaNode> plain = joinsHolding(s, Organization.class, o -> ((Organization) o).id().equals("CITY_BRANCH"));
            Set<BetaNode> graduating = joinsHolding(s, Organization.class, o -> ((Organization) o).id().equals("UNI_BRANCH"));
            assertThat(graduating.stream().filter(n -> n.getRules().contains("T08.GRADUATE_THEME_DAY_MISSING"))).hasSize(1);
            assertThat(plain.stream().filter(n -> n.getRules().contains("T08.GRADUATE_THEME_DAY_MISSING"))).isEmpty();
        }
    }

    @Test
    void theRulesThatTestAnOrganisationBesideItsPlaceReadOneOrgInfoAndJoinNoOrganizationOnTheSameId() {
        List<String> oneOrgInfo = List.of("T01.GRADUATE_COUNT_NOT_REPORTED", "T12.TRANSFER_SHARE",
                "A.GRADUATE_COUNT_MISMATCH", "T04.HOLLOW_COMMITTEE", "T06.CADRE_NOT_ONBOARDED", "T06.NO_CADRE_ENTERED",
                "T06.MEMBER_NOT_REPORTED", "T14.REWARD_PUNISHMENT_NOT_ENTERED");
        try (RuleSession s = new RuleSession(BUNDLED.ruleSet(), AS_OF, BUNDLED.limits())) {
            s.insertAll(province());
            s.insertAll(List.of(org("ORGAN", "CITY", OrgType.COMMITTEE, Sector.PARTY_GOVERNMENT_ORGAN, null)));
            s.fire();
            // every organisation: a committee of an organ, a city, a university and its branch
            Set<BetaNode> organizationJoins = joinsHolding(s, Organization.class, o -> true);
            assertThat(organizationJoins.stream().flatMap(n -> oneOrgInfo.stream().filter(n.getRules()::contains)))
                    .isEmpty();
            // ...while the organ committee's OrgInfo is in theirs: the one pattern (after the milestone) that now tests
            // its type, sector and level together
            Set<BetaNode> organInfo = joinsHolding(s, OrgInfo.class, o -> ((OrgInfo) o).orgId().equals("ORGAN"));
            assertThat(organInfo.stream().flatMap(n -> oneOrgInfo.stream().filter(n.getRules()::contains))
                    .filter(r -> r.startsWith("T06") || r.startsWith("T04"))).isNotEmpty();
        }
    }

    /** The join nodes whose right memory holds a fact of this type that passes the test. */
    private static Set<BetaNode> joinsHolding(RuleSession s, Class<?> type, Predicate<Object> which) {
        ReteEvaluator ev = (ReteEvaluator) s.kieSession();
        InternalRuleBase kb = (InternalRuleBase) s.kieSession().getKieBase();
        Set<BetaNode> out = Collections.newSetFromMap(new IdentityHashMap<>());
        for (ObjectTypeNode otn : kb.getRete().getObjectTypeNodes()) {
            if (!otn.getObjectType().isAssignableFrom(type)) {
                continue;
            }
            Deque<ObjectSink> todo = new ArrayDeque<>(List.of(otn.getObjectSinkPropagator().getSinks()));
            while (!todo.isEmpty()) {
                ObjectSink sink = todo.pop();
                if (sink instanceof AlphaNode an) {
                    todo.addAll(List.of(an.getObjectSinkPropagator().getSinks()));
                } else if (sink instanceof RightInputAdapterNode<?> rian) {
                    BetaNode bn = rian.getBetaNode();
                    BetaMemory<?> memory = BetaNode.getBetaMemory(bn, ev);
                    TupleMemory right = memory.getRightTupleMemory();
                    FastIterator<TupleImpl> it = right.fullFastIterator();
                    for (TupleImpl t = BetaNode.getFirstTuple(right, it); t != null; t = it.next(t)) {
                        if (which.test(t.getFactHandle().getObject())) {
                            out.add(bn);
                        }
                    }
                    // a join whose rule has nothing on its left yet keeps what entered it staged, to be joined later
                    for (TupleImpl t = memory.getStagedRightTuples().getInsertFirst(); t != null; t = t.getStagedNext()) {
                        if (which.test(t.getFactHandle().getObject())) {
                            out.add(bn);
                        }
                    }
                }
            }
        }
        return out;
    }
}

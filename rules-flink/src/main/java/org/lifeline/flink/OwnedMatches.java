package org.lifeline.flink;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.lifeline.engine.EnterpriseInfo;
import org.lifeline.engine.Finding;
import org.lifeline.engine.OrgInfo;
import org.lifeline.engine.Roster;
import org.lifeline.engine.Share;
import org.lifeline.engine.SharedKey;
import org.lifeline.fact.Activity;
import org.lifeline.fact.Cadre;
import org.lifeline.fact.Enterprise;
import org.lifeline.fact.Fact;
import org.lifeline.fact.FeeAuthority;
import org.lifeline.fact.FeeManager;
import org.lifeline.fact.FeePayment;
import org.lifeline.fact.Member;
import org.lifeline.fact.Organization;
import org.lifeline.fact.Submission;
import org.lifeline.fact.Transfer;
import org.lifeline.fact.TwoNewLedgerEntry;

/**
 * The matches a key counts in coverage: those it owns, so that the keys' counts add up to the engine's, each match
 * counted by exactly one key (a key also matches the rules on facts it holds without owning them: the organisations
 * its facts name and their parents, replicated groups, its view of another unit's subtree).
 *
 * <p>The owner of a match is the key of its <b>first object that lies in a top unit</b>, in the order of the rule's
 * patterns; calendar facts ({@code Milestone}, {@code Setting}, {@code AsOf}), numbers and collections (results of
 * accumulates) lie in none and are passed over. An object lies where its findings and the routing place it:
 * <ul>
 *   <li>an organisation, its {@link OrgInfo} and {@link Roster}: the organisation's top unit;</li>
 *   <li>a {@link Share}: its subject's (an organisation);</li>
 *   <li>a member: its organisation's (its home); a {@link SharedKey}: the home of its smallest member id (the subject
 *       of A.DUPLICATE_PERSON, A.DUPLICATE_MEMBER_NUMBER, A.PROXY_PAYMENT); a transfer or a payment: its member's
 *       home (where the routing sends it first);</li>
 *   <li>a cadre, submission, activity or fee manager: its organisation's; a fee authority: its {@code topUnitId}'s;
 *       a ledger entry: its city's;</li>
 *   <li>an enterprise (and its {@link EnterpriseInfo}): the key of its own province's 省属企业团工委 (the top unit of
 *       its findings; the root's when there is none or the enterprise cannot be placed);</li>
 *   <li>a {@link Finding}: its subject's.</li>
 * </ul>
 * A match with none of these (only calendar facts) is the root key's. Every bundled rule's first such pattern is
 * its subject (or the subject's organisation), and the owner key holds everything the findings about its subjects
 * read, so it makes exactly the engine's matches about them (the equality tests prove it rule by rule). A rule of a
 * rules directory whose first domain pattern is not its subject is still counted once, by that fact's key.
 */
final class OwnedMatches implements Predicate<List<Object>> {

    private final String key;
    private final Placement tops;
    private final Map<String, Fact> members;
    private final Map<String, Fact> enterprises;

    /**
     * @param key     the key counting
     * @param tops    the key's organisations (each with its chain to the root: its top unit is the engine's)
     * @param members the key's members by id
     * @param enterprises the key's enterprises by id (an enterprise is placed by the chain of those above it)
     */
    OwnedMatches(String key, Placement tops, Map<String, Fact> members, Map<String, Fact> enterprises) {
        this.key = key;
        this.tops = tops;
        this.members = members;
        this.enterprises = enterprises;
    }

    @Override
    public boolean test(List<Object> objects) {
        return key.equals(ownerOf(objects));
    }

    /** The key that counts a match with these objects. */
    String ownerOf(List<Object> objects) {
        for (Object o : objects) {
            String owner = keyOf(o);
            if (owner != null) {
                return owner;
            }
        }
        return Routing.ROOT_KEY;
    }

    /** The key an object lies in, or null for one that lies in none (calendar facts, numbers, collections). */
    private String keyOf(Object o) {
        if (o instanceof Organization org) {
            return tops.keyOf(org.id());
        } else if (o instanceof OrgInfo info) {
            return tops.keyOf(info.orgId());
        } else if (o instanceof Roster r) {
            return tops.keyOf(r.orgId());
        } else if (o instanceof Share s) {
            return tops.keyOf(s.subjectId());
        } else if (o instanceof Member m) {
            return tops.keyOf(m.orgId());
        } else if (o instanceof SharedKey k) {
            return home(k.firstMemberId());
        } else if (o instanceof Transfer t) {
            return home(t.memberId());
        } else if (o instanceof FeePayment p) {
            return home(p.memberId());
        } else if (o instanceof Cadre c) {
            return tops.keyOf(c.orgId());
        } else if (o instanceof Submission s) {
            return tops.keyOf(s.orgId());
        } else if (o instanceof Activity a) {
            return tops.keyOf(a.orgId());
        } else if (o instanceof FeeManager fm) {
            return tops.keyOf(fm.orgId());
        } else if (o instanceof FeeAuthority fa) {
            return tops.keyOf(fa.topUnitId());
        } else if (o instanceof TwoNewLedgerEntry e) {
            return tops.keyOf(e.cityOrgId());
        } else if (o instanceof Enterprise e) {
            return tops.enterpriseKey(e, this::enterprise);
        } else if (o instanceof EnterpriseInfo info) {
            return info.committeeId() == null ? Routing.ROOT_KEY : tops.keyOf(info.committeeId());
        } else if (o instanceof Finding f) {
            return switch (f.subjectType()) {
                case ORGANIZATION -> tops.keyOf(f.subjectId());
                case MEMBER -> home(f.subjectId());
                case ENTERPRISE -> enterprise(f.subjectId()) == null ? null
                        : tops.enterpriseKey(enterprise(f.subjectId()), this::enterprise);
            };
        }
        return null;
    }

    private Enterprise enterprise(String id) {
        return id == null ? null : (Enterprise) enterprises.get(id);
    }

    /** The key of a member's organisation (its home); null for a member the key does not hold (passed over). */
    private String home(String memberId) {
        Fact m = memberId == null ? null : members.get(memberId);
        return m instanceof Member member ? tops.keyOf(member.orgId()) : null;
    }
}

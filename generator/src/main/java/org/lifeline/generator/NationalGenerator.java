package org.lifeline.generator;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
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
 * A synthetic nation for the Flink benchmark: {@code provinces} provinces, each made by {@link ProvinceGenerator} at
 * the same scale with its own seed ({@code seed + index}), each its own tree (a forest: every province's 团省委 a
 * root with its cities below). Every id, and every reference to one, is prefixed with the province's code
 * ({@code P01-}, {@code P02-}…), as are person keys and paying accounts, the names of organisations, enterprises and
 * ledger entries, and the regions; member numbers start with the province's own three digits ({@code 110},
 * {@code 120}…) instead of the province generator's {@code 440}. So ids are unique across the nation, no person,
 * member number or account is shared between provinces, two provinces' cities neither share a region (the engine
 * finds a school's city by region) nor a name (reports label units by name), and every province's facts reference
 * only its own. The liaison table (attachment 2 of the notice: one province's office and its cities) names none of
 * these regions: a city's findings carry no liaison group, a provincial system's keep theirs (by sector).
 *
 * <p>Facts stream to the sink province after province, each as it is made: a nation can be written to CSV without
 * being held in memory.
 */
public final class NationalGenerator {

    /** At most this many provinces (the 31 provincial-level units of the mainland). */
    public static final int MAX_PROVINCES = 31;

    private final String prefix;
    private final String numberPrefix;

    private NationalGenerator(int index) {
        this.prefix = String.format("P%02d-", index + 1);
        this.numberPrefix = String.format("%02d0", 11 + index);
    }

    /** Generates the provinces into the sink; returns how many facts were made. */
    public static long generate(int provinces, double scale, long seed, Consumer<Fact> sink) {
        if (provinces < 1 || provinces > MAX_PROVINCES) {
            throw new IllegalArgumentException("provinces: expected 1 to " + MAX_PROVINCES + ", got " + provinces);
        }
        long count = 0;
        for (int p = 0; p < provinces; p++) {
            NationalGenerator g = new NationalGenerator(p);
            count += ProvinceGenerator.generate(scale, seed + p, f -> sink.accept(g.prefixed(f)));
        }
        return count;
    }

    /** A nation as a list (for small scales). */
    public static List<Fact> generate(int provinces, double scale, long seed) {
        List<Fact> out = new ArrayList<>();
        generate(provinces, scale, seed, out::add);
        return out;
    }

    /** The province's code in front of an id, a key, an account, a name or a region; null stays null. */
    private String p(String id) {
        return id == null ? null : prefix + id;
    }

    private String number(String n) {
        if (n == null) {
            return null;
        }
        if (!n.startsWith("440")) {
            throw new IllegalStateException("a member number the province generator does not make (length " + n.length() + ")");
        }
        return numberPrefix + n.substring(3);
    }

    /** The fact with every id and reference in the province's name space. */
    Fact prefixed(Fact fact) {
        if (fact instanceof Organization o) {
            return new Organization(p(o.id()), p(o.name()), p(o.parentId()), o.type(), o.sector(), o.level(), p(o.region()),
                    o.provinciallyManaged(), o.purpose(), o.graduatingClass(), p(o.unitId()), o.createdOn());
        }
        if (fact instanceof Member m) {
            return new Member(p(m.id()), p(m.orgId()), m.joinedOn(), number(m.memberNumber()), m.reportedAt(),
                    p(m.workUnitId()), m.graduationYear(), p(m.schoolOrgId()), p(m.personKey()), m.staysAtSchool());
        }
        if (fact instanceof Cadre c) {
            return new Cadre(p(c.id()), p(c.memberId()), p(c.orgId()), c.role(), c.onboardedAt());
        }
        if (fact instanceof Transfer t) {
            return new Transfer(p(t.id()), p(t.memberId()), p(t.fromOrgId()), p(t.toOrgId()), t.appliedOn(),
                    t.completedOn(), t.status());
        }
        if (fact instanceof FeePayment f) {
            return new FeePayment(p(f.id()), p(f.memberId()), f.month(), f.paidOn(), f.channel(), f.amountCents(),
                    p(f.payerKey()));
        }
        if (fact instanceof Submission s) {
            return new Submission(p(s.id()), p(s.orgId()), s.kind(), s.submittedOn(), s.value());
        }
        if (fact instanceof FeeAuthority a) {
            return new FeeAuthority(p(a.id()), p(a.orgId()), p(a.topUnitId()), p(a.administratorId()), a.reportedOn());
        }
        if (fact instanceof FeeManager m) {
            return new FeeManager(p(m.id()), p(m.orgId()), p(m.cadreId()), m.official(), m.idCopySubmitted(),
                    m.designatedOn());
        }
        if (fact instanceof Activity a) {
            return new Activity(p(a.id()), p(a.orgId()), a.heldOn(), a.kind(), a.covers());
        }
        if (fact instanceof TwoNewLedgerEntry e) {
            return new TwoNewLedgerEntry(p(e.id()), p(e.cityOrgId()), p(e.name()), e.confirmedOn(), p(e.registeredOrgId()));
        }
        if (fact instanceof Enterprise e) {
            return new Enterprise(p(e.id()), p(e.name()), p(e.parentEnterpriseId()), e.tier(), e.ownership(),
                    e.memberCount(), p(e.leagueOrgId()));
        }
        throw new IllegalArgumentException("a kind of fact the national generator does not know: "
                + fact.getClass().getSimpleName());
    }
}

package org.lifeline.engine;

import java.time.LocalDate;
import java.time.LocalDateTime;
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
import org.lifeline.fact.TransferStatus;
import org.lifeline.fact.TwoNewLedgerEntry;

/**
 * Reading 1 of CONTRACT §3, in one place: the world as of a date. A fact whose own date lies after the
 * evaluation date does not exist yet; a state reached after it (reported, onboarded, completed, confirmed) is
 * not reached yet. Timestamps count by their calendar day; facts without a date always count. Rules never
 * compare fact dates with the evaluation date for this: they see only the projected facts.
 */
final class AsOfView {

    private AsOfView() {
    }

    /** The fact as it stands on {@code asOf}: the fact itself, a copy with a later state undone, or null. */
    static Fact project(Fact fact, LocalDate asOf) {
        if (fact instanceof Organization o) {
            return after(o.createdOn(), asOf) ? null : o;
        }
        if (fact instanceof Member m) {
            if (after(m.joinedOn(), asOf)) {
                return null;
            }
            return after(m.reportedAt(), asOf) ? m.unreported() : m;
        }
        if (fact instanceof Cadre c) {
            return after(c.onboardedAt(), asOf) ? new Cadre(c.id(), c.memberId(), c.orgId(), c.role(), null) : c;
        }
        if (fact instanceof Transfer t) {
            if (after(t.appliedOn(), asOf)) {
                return null;
            }
            return after(t.completedOn(), asOf) ? new Transfer(t.id(), t.memberId(), t.fromOrgId(), t.toOrgId(),
                    t.appliedOn(), null, TransferStatus.PENDING) : t;
        }
        if (fact instanceof FeePayment p) {
            return after(p.paidOn(), asOf) ? null : p;
        }
        if (fact instanceof Submission s) {
            return after(s.submittedOn(), asOf) ? null : s;
        }
        if (fact instanceof FeeAuthority a) {
            return after(a.reportedOn(), asOf) ? null : a;
        }
        if (fact instanceof FeeManager m) {
            return after(m.designatedOn(), asOf) ? null : m;
        }
        if (fact instanceof Activity a) {
            return after(a.heldOn(), asOf) ? null : a;
        }
        if (fact instanceof TwoNewLedgerEntry e) {
            return after(e.confirmedOn(), asOf)
                    ? new TwoNewLedgerEntry(e.id(), e.cityOrgId(), e.name(), null, e.registeredOrgId()) : e;
        }
        if (fact instanceof Enterprise e) {
            return e;
        }
        throw new IllegalArgumentException("unknown fact " + fact);
    }

    private static boolean after(LocalDate d, LocalDate asOf) {
        return d != null && d.isAfter(asOf);
    }

    private static boolean after(LocalDateTime t, LocalDate asOf) {
        return t != null && t.toLocalDate().isAfter(asOf);
    }
}

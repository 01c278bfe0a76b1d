package org.lifeline.flink;

import java.time.YearMonth;
import java.util.List;
import org.lifeline.engine.RuleCoverage;
import org.lifeline.engine.RuleFailure;
import org.lifeline.engine.Share;
import org.lifeline.waiver.WaiverStatus;

/**
 * What one top unit's key found, as a Flink POJO (no generic, Kryo-serialised field): the parts of an
 * {@link org.lifeline.engine.Evaluation} that the key owns, and what the merge needs to assemble the whole one
 * ({@link KeyResults#merge}).
 *
 * <ul>
 *   <li>{@link #violations}: the findings whose top unit is the key's;</li>
 *   <li>{@link #shares}: the shares measured for a subject whose top unit is the key's (another key may measure the
 *       same subject on part of its facts: that share is not kept);</li>
 *   <li>{@link #coverage}: per rule (every rule of the set), the matches and firings the key owns
 *       ({@link OwnedMatches}): the keys' counts add up to the engine's;</li>
 *   <li>{@link #failures}: every rule failure in the key (data, as the engine reports them, not a failed job);</li>
 *   <li>{@link #waivers}: what became of each waiver in the key, in file order;</li>
 *   <li>{@link #placements}: the organisation (id, name) of each member named by an owned open anomaly, for the
 *       spot-check plan, which is drawn over all keys at once.</li>
 * </ul>
 *
 * <p>Public with public fields and no-argument constructors only because Flink's POJO serializer requires it.
 */
public final class KeyResult {

    public String key;
    public String rulesVersion;
    /** The calendar's calls per liaison group (the same in every key). */
    public int spotCheckPerGroup;
    public ViolationRow[] violations;
    public ShareRow[] shares;
    public CoverageRow[] coverage;
    public FailureRow[] failures;
    public WaiverRow[] waivers;
    public PlacementRow[] placements;

    /** For Flink. */
    public KeyResult() {
    }

    /** A {@link Share}. */
    public static final class ShareRow {
        public String key;
        public String subjectId;
        public int done;
        public int total;
        /** yyyy-MM or null: a YearMonth field would be a generic (Kryo) type. */
        public String month;

        /** For Flink. */
        public ShareRow() {
        }

        static ShareRow of(Share s) {
            ShareRow r = new ShareRow();
            r.key = s.key();
            r.subjectId = s.subjectId();
            r.done = s.done();
            r.total = s.total();
            r.month = s.month() == null ? null : s.month().toString();
            return r;
        }

        Share share() {
            return new Share(key, subjectId, done, total, month == null ? null : YearMonth.parse(month));
        }
    }

    /**
     * A key's {@link RuleCoverage} without the findings (those are counted on the merged findings): the matches and
     * firings the key owns.
     */
    public static final class CoverageRow {
        public String ruleId;
        public int task;
        public long matches;
        public long fired;
        public boolean failed;

        /** For Flink. */
        public CoverageRow() {
        }

        static CoverageRow of(RuleCoverage c) {
            CoverageRow r = new CoverageRow();
            r.ruleId = c.ruleId();
            r.task = c.task();
            r.matches = c.matches();
            r.fired = c.fired();
            r.failed = c.failed();
            return r;
        }
    }

    /** A {@link RuleFailure}. */
    public static final class FailureRow {
        public String ruleId;
        public String[] facts;
        public String error;
        public boolean takenOut;

        /** For Flink. */
        public FailureRow() {
        }

        static FailureRow of(RuleFailure f) {
            FailureRow r = new FailureRow();
            r.ruleId = f.ruleId();
            r.facts = f.facts().toArray(String[]::new);
            r.error = f.error();
            r.takenOut = f.takenOut();
            return r;
        }

        RuleFailure failure() {
            return new RuleFailure(ruleId, List.of(facts), error, takenOut);
        }
    }

    /** A key's {@link WaiverStatus}, by waiver id (the merge has the waivers themselves). */
    public static final class WaiverRow {
        public String id;
        public WaiverStatus.State state;
        public int findings;
        public boolean expiringSoon;
        public String problem;

        /** For Flink. */
        public WaiverRow() {
        }

        static WaiverRow of(WaiverStatus s) {
            WaiverRow r = new WaiverRow();
            r.id = s.waiver().id();
            r.state = s.state();
            r.findings = s.findings();
            r.expiringSoon = s.expiringSoon();
            r.problem = s.problem();
            return r;
        }
    }

    /** Where a member named by an anomaly sits: the organisation's id and name (null when unknown). */
    public static final class PlacementRow {
        public String memberId;
        public String orgId;
        public String orgName;

        /** For Flink. */
        public PlacementRow() {
        }

        static PlacementRow of(String memberId, String orgId, String orgName) {
            PlacementRow r = new PlacementRow();
            r.memberId = memberId;
            r.orgId = orgId;
            r.orgName = orgName;
            return r;
        }
    }
}

package org.lifeline.engine;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.kie.api.event.rule.ObjectDeletedEvent;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.event.rule.ObjectUpdatedEvent;
import org.kie.api.event.rule.RuleRuntimeEventListener;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.FactHandle;
import org.lifeline.calendar.AsOf;
import org.lifeline.calendar.Milestone;
import org.lifeline.calendar.Setting;
import org.lifeline.fact.Enterprise;
import org.lifeline.fact.Fact;
import org.lifeline.fact.FactKind;
import org.lifeline.fact.FactSet;
import org.lifeline.fact.FeePayment;
import org.lifeline.fact.Member;
import org.lifeline.fact.Organization;

/**
 * One Drools session and what Lifeline keeps beside it: the facts as given (raw), the facts as of the
 * evaluation date (what the rules see), the organisation tree with its derived {@link OrgInfo}s, the calendar
 * facts in force, and the findings the rules hold, grouped by rule and subject. Not thread-safe: the
 * {@link Monitor} serialises access; a snapshot evaluation owns its session.
 */
final class RuleSession implements AutoCloseable {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RuleSession.class);

    record Key(String ruleId, SubjectType subjectType, String subjectId) {
        static Key of(Finding f) {
            return new Key(f.ruleId(), f.subjectType(), f.subjectId());
        }
    }

    private final RuleSet rules;
    private final Limits limits;
    private final KieSession session;
    private final FiringCounter firings = new FiringCounter();
    /** Set when the evaluation's budget ran out: the firing in progress is abandoned. */
    private volatile boolean halted;
    private final java.util.function.Predicate<Object> readByRules;
    private final Map<FactKind, Map<String, Fact>> raw = new EnumMap<>(FactKind.class);
    /**
     * Where a fact as of the evaluation date differs from the fact as given: the projected copy, or
     * {@link #NOT_YET} for a fact that does not exist yet. Most facts are the same on any date and have no entry.
     */
    private final Map<FactKind, Map<String, Object>> asOfOverlay = new EnumMap<>(FactKind.class);
    private static final Object NOT_YET = new Object();
    private final Map<FactKind, Map<String, FactHandle>> handles = new EnumMap<>(FactKind.class);
    private final OrgTree tree = new OrgTree();
    private final Map<String, FactHandle> infoHandles = new HashMap<>();
    /** Each enterprise's place ({@link EnterpriseInfo}), as last shown to the rules; empty when no rule reads it. */
    private final Map<String, EnterpriseInfo> enterpriseInfos = new HashMap<>();
    private final Map<String, FactHandle> enterpriseInfoHandles = new HashMap<>();
    private final boolean readsEnterpriseInfo;
    private boolean enterprisesChanged;
    private final MemberIndex index;
    private final Map<String, FactHandle> rosterHandles = new HashMap<>();
    private final Map<MemberIndex.KeyId, FactHandle> sharedKeyHandles = new HashMap<>();
    private final List<FactHandle> calendarHandles = new ArrayList<>();
    private final Map<Key, Set<Finding>> findings = new HashMap<>();
    // The sets of what changed since the last drain are handed over or replaced when drained, never cleared: a set
    // that once held a whole province (the first load) keeps its large table, and clear() zeroes all of it.
    private Set<Key> dirty = new LinkedHashSet<>();
    private final List<RuleFailure> failures = new ArrayList<>();
    private final Set<Share> shares = new HashSet<>();
    private final Decorator decorator;
    private FactHandle asOfHandle;
    private LocalDate asOf;
    private boolean placesChanged;
    private Set<String> changedMembers = new HashSet<>();
    /** Set by {@link #adopt}: a session for one evaluation of a checked set, which takes no changes after. */
    private boolean snapshot;

    @SuppressWarnings("unchecked")
    RuleSession(RuleSet rules, LocalDate asOf, Limits limits) {
        this.rules = rules;
        this.limits = limits;
        this.session = rules.newSession();
        session.addEventListener((org.kie.api.event.rule.AgendaEventListener) firings);
        session.addEventListener((RuleRuntimeEventListener) firings);
        this.readByRules = rules.filter().readsIn(session);
        this.readsEnterpriseInfo = rules.filter().readsType(EnterpriseInfo.class);
        FailureHandler.register(session, f -> {
            if (rules.failFast()) {
                throw new RuleFailureException(f);
            }
            failures.add(f);
        });
        for (FactKind k : FactKind.values()) {
            raw.put(k, new HashMap<>());
            asOfOverlay.put(k, new HashMap<>());
            handles.put(k, new HashMap<>());
        }
        this.decorator = new Decorator(rules, tree, id -> (Member) visible(FactKind.MEMBERS, id),
                id -> (Enterprise) visible(FactKind.ENTERPRISES, id), () -> this.asOf, this::kindOf);
        this.index = new MemberIndex(id -> (Member) visible(FactKind.MEMBERS, id),
                rules.filter().readsType(Roster.class), rules.filter().readsType(SharedKey.class));
        session.addEventListener(new FindingTracker());
        for (Setting s : rules.calendar().settingFacts()) {
            session.insert(s);
        }
        moveTo(asOf);
    }

    LocalDate asOf() {
        return asOf;
    }

    /** Applies these waivers from now on (to every violation decorated after). */
    void useWaivers(org.lifeline.waiver.Waivers w) {
        decorator.waivers(w);
    }

    org.lifeline.waiver.Waivers waivers() {
        return decorator.waivers();
    }

    /** The kind of the fact with this id as of the evaluation date (Cadre, Transfer…), or null. */
    private String kindOf(String id) {
        for (FactKind k : FactKind.values()) {
            if (k != FactKind.MEMBERS && visible(k, id) != null) {
                return k.type().getSimpleName();
            }
        }
        return visible(FactKind.MEMBERS, id) != null ? "Member" : null;
    }

    RuleSet rules() {
        return rules;
    }

    /**
     * Counts in coverage's matches and firings only the matches whose objects {@code counted} accepts (null: every
     * match, the default). Set before {@link #fire}; see {@link Lifeline#evaluate(FactSet, LocalDate,
     * java.util.function.Predicate)}.
     */
    void countOnly(java.util.function.Predicate<? super List<Object>> counted) {
        firings.counted = counted;
    }

    /** The Drools session itself (for tests that look at what it holds). */
    KieSession kieSession() {
        return session;
    }

    /** The fact of a kind and id as given, or null. */
    Fact raw(FactKind kind, String id) {
        return raw.get(kind).get(id);
    }

    Map<String, Organization> rawOrganizations() {
        @SuppressWarnings("unchecked")
        Map<String, Organization> orgs = (Map<String, Organization>) (Map<String, ?>) raw.get(FactKind.ORGANIZATIONS);
        return orgs;
    }

    /** The fact of a kind and id as of the evaluation date, or null. */
    private Fact visible(FactKind kind, String id) {
        Object o = asOfOverlay.get(kind).get(id);
        if (o == null) {
            return raw.get(kind).get(id);
        }
        return o == NOT_YET ? null : (Fact) o;
    }

    /**
     * Shows the rules every fact of a checked set, in a new session, without copying the set: the session's facts
     * as given are the set itself (read-only; such a session is for one evaluation, not for changes).
     *
     * @param current set to the fact being shown, for telling which fact a rule's condition failed on
     */
    void adopt(FactSet facts, Fact[] current) {
        for (FactKind k : FactKind.values()) {
            if (!raw.get(k).isEmpty()) {
                throw new IllegalStateException("adopt() is for a new session");
            }
        }
        snapshot = true;
        index.expect(facts.byId(FactKind.MEMBERS).size(), facts.byId(FactKind.FEE_PAYMENTS).size());
        for (FactKind k : FactKind.values()) {
            Map<String, Fact> given = facts.byId(k);
            raw.put(k, given);
            for (Map.Entry<String, Fact> e : given.entrySet()) {
                current[0] = e.getValue();
                show(k, e.getKey(), null, e.getValue(), true);
            }
        }
        current[0] = null;
    }

    /** Inserts or replaces a fact (by kind and id). */
    void put(Fact fact) {
        FactKind kind = FactKind.of(fact);
        Fact before = visible(kind, fact.id());
        raw.get(kind).put(fact.id(), fact);
        show(kind, fact.id(), before, fact);
    }

    /**
     * Inserts or replaces many facts: all are recorded first, then shown to the rules, so that a rule failing on
     * one of them leaves the complete set behind to start again from.
     */
    void insertAll(java.util.Collection<? extends Fact> facts) {
        List<Fact> before = new ArrayList<>(facts.size());
        for (Fact f : facts) {
            before.add(visible(FactKind.of(f), f.id()));
            raw.get(FactKind.of(f)).put(f.id(), f);
        }
        int i = 0;
        for (Fact f : facts) {
            show(FactKind.of(f), f.id(), before.get(i++), f);
        }
    }

    /** Removes a fact; returns false when there was none. */
    boolean remove(FactKind kind, String id) {
        Fact before = visible(kind, id);
        if (raw.get(kind).remove(id) == null) {
            return false;
        }
        show(kind, id, before, null);
        return true;
    }

    /** Moves the evaluation date: the calendar facts in force change and every fact is projected again. */
    void moveTo(LocalDate date) {
        Objects.requireNonNull(date, "asOf");
        if (date.equals(asOf)) {
            return;
        }
        LocalDate start = rules.calendar().campaignStart();
        if (asOf != null && start != null && asOf.isBefore(start) != date.isBefore(start)) {
            placesChanged = true; // the campaign starts or is undone: WARNINGs of rules without a deadline appear or go
        }
        if (asOf != null && decorator.waiversChangeBetween(asOf, date)) {
            placesChanged = true; // a waiver starts or expires: its findings are decorated again
        }
        this.asOf = date;
        if (asOfHandle == null) {
            asOfHandle = session.insert(new AsOf(date));
        } else {
            session.update(asOfHandle, new AsOf(date));
        }
        calendarHandles.forEach(session::delete);
        calendarHandles.clear();
        for (Milestone m : rules.calendar().inForce(date)) {
            calendarHandles.add(session.insert(m));
        }
        for (FactKind k : FactKind.values()) {
            for (Fact f : raw.get(k).values()) {
                show(k, f.id(), visible(k, f.id()), f);
            }
        }
    }

    /**
     * Shows the rules a fact as of the evaluation date.
     *
     * @param before what they saw of it until now (null: nothing)
     * @param given  the fact as given now (null: removed)
     */
    private void show(FactKind kind, String id, Fact before, Fact given) {
        show(kind, id, before, given, false);
    }

    /** As above; {@code fresh}: a new session being filled (no overlay entry to clear, no decoration to redo). */
    private void show(FactKind kind, String id, Fact before, Fact given, boolean fresh) {
        Fact projected = given == null ? null : AsOfView.project(given, asOf);
        Map<String, Object> overlay = asOfOverlay.get(kind);
        if (projected == given) {
            if (!fresh && !overlay.isEmpty()) {
                overlay.remove(id);
            }
        } else {
            overlay.put(id, projected == null ? NOT_YET : projected);
        }
        if (Objects.equals(before, projected)) {
            return;
        }
        present(handles.get(kind), id, projected);
        if (kind == FactKind.MEMBERS) {
            index.memberChanged((Member) before, (Member) projected);
        } else if (kind == FactKind.FEE_PAYMENTS) {
            index.paymentChanged((FeePayment) before, (FeePayment) projected);
        }
        if (kind == FactKind.ORGANIZATIONS) {
            index.organizationChanged(id);
            if (projected == null) {
                tree.remove(id);
            } else {
                tree.put((Organization) projected);
            }
        }
        if (kind == FactKind.ORGANIZATIONS || kind == FactKind.ENTERPRISES) {
            placesChanged = true; // names and the tree feed every violation's decoration
            enterprisesChanged |= kind == FactKind.ENTERPRISES;
        } else if (kind == FactKind.MEMBERS && !fresh) {
            changedMembers.add(id); // a member's place feeds the decoration of violations about that member
        }
    }

    /**
     * Brings the derived facts up to date and fires the rules.
     *
     * @return true when the tree or names changed, so that every violation should be decorated again
     */
    boolean fire() {
        long start = System.nanoTime();
        Map<String, OrgInfo> changedInfos = tree.refresh();
        for (Map.Entry<String, OrgInfo> e : changedInfos.entrySet()) {
            present(infoHandles, e.getKey(), e.getValue());
        }
        if (readsEnterpriseInfo && (enterprisesChanged || !changedInfos.isEmpty())) {
            placeEnterprises();
        }
        enterprisesChanged = false;
        for (Map.Entry<String, Roster> e : index.rosters(id -> tree.get(id) != null).entrySet()) {
            present(rosterHandles, e.getKey(), e.getValue());
        }
        for (Map.Entry<MemberIndex.KeyId, SharedKey> e : index.sharedKeys().entrySet()) {
            present(sharedKeyHandles, e.getKey(), e.getValue());
        }
        if (snapshot) {
            index.release(); // the derived facts are made, and a snapshot takes no changes
        }
        long derived = System.nanoTime();
        long facts = session.getFactCount();
        int max = limits.maxFirings(facts);
        firings.reset();
        int fired;
        try {
            fired = session.fireAllRules(max);
        } catch (StackOverflowError e) {
            throw crashed(e);
        } catch (VirtualMachineError e) {
            throw e instanceof OutOfMemoryError ? EvaluationStoppedException.outOfMemory(firings.rule())
                    : EvaluationStoppedException.error(firings.rule(), e);
        } catch (Error e) {
            throw crashed(e);
        }
        if (halted) {
            throw new IllegalStateException("halted: the evaluation ran past its budget");
        }
        if (LOG.isDebugEnabled()) {
            LOG.debug("derived facts brought up to date in {} ms, rules fired {} times (limit {}) over {} facts in {} ms",
                    (derived - start) / 1_000_000, fired, max, facts, (System.nanoTime() - derived) / 1_000_000);
        }
        if (fired >= max) {
            throw EvaluationStoppedException.firingLimit(firings.top(3), max, facts);
        }
        boolean changed = placesChanged;
        placesChanged = false;
        return changed;
    }

    /**
     * Places every enterprise again (its province and 省属企业团工委 depend on the tree, the roots and the enterprises
     * above it; a registry holds hundreds) and shows the rules those whose place changed.
     */
    private void placeEnterprises() {
        java.util.function.Function<String, Enterprise> registry = id -> (Enterprise) visible(FactKind.ENTERPRISES, id);
        Set<String> gone = new HashSet<>(enterpriseInfos.keySet());
        for (String id : raw.get(FactKind.ENTERPRISES).keySet()) {
            Enterprise e = registry.apply(id);
            if (e == null) {
                continue;
            }
            gone.remove(id);
            EnterpriseInfo info = tree.placeEnterprise(e, registry);
            if (!info.equals(enterpriseInfos.put(id, info))) {
                present(enterpriseInfoHandles, id, info);
            }
        }
        for (String id : gone) {
            enterpriseInfos.remove(id);
            present(enterpriseInfoHandles, id, null);
        }
    }

    /**
     * Puts the fact held under {@code key} into the session, replaces it there or takes it out; a null fact means
     * it is gone. Only a fact some rule reads is in the session ({@link FactFilter}): a fact that stops being
     * read is taken out, one that starts being read is put in.
     */
    private <K> void present(Map<K, FactHandle> inSession, K key, Object fact) {
        FactHandle h = inSession.get(key);
        if (fact == null || !readByRules.test(fact)) {
            if (h != null) {
                session.delete(h);
                inSession.remove(key);
            }
        } else if (h == null) {
            inSession.put(key, session.insert(fact));
        } else {
            session.update(h, fact);
        }
    }

    /**
     * The rule-and-subject keys whose findings changed since the last call, and those about members whose place
     * changed.
     */
    Set<Key> drainDirty() {
        Set<Key> out = dirty;
        dirty = new LinkedHashSet<>();
        if (!changedMembers.isEmpty()) {
            Set<String> changedMembers = this.changedMembers;
            this.changedMembers = new HashSet<>();
            // a few members changed (a live change): look their keys up, rule by rule, rather than go through
            // every finding held (which grows with the province)
            Set<String> ruleIds = rules.allMeta().keySet();
            if ((long) changedMembers.size() * ruleIds.size() < findings.size()) {
                for (String member : changedMembers) {
                    for (String rule : ruleIds) {
                        Key k = new Key(rule, SubjectType.MEMBER, member);
                        if (findings.containsKey(k)) {
                            out.add(k);
                        }
                    }
                }
            } else {
                for (Key k : findings.keySet()) {
                    if (k.subjectType() == SubjectType.MEMBER && changedMembers.contains(k.subjectId())) {
                        out.add(k);
                    }
                }
            }
        }
        return out;
    }

    Set<Key> allKeys() {
        return new HashSet<>(findings.keySet());
    }

    /** The violation for a rule and subject, or null when its rule holds nothing about it. */
    Violation violation(Key key) {
        return decorator.decorate(findings.get(key));
    }

    /** Every current violation, in {@link Violation#ORDER}. */
    List<Violation> violations() {
        long t0 = System.nanoTime();
        List<Violation> out = new ArrayList<>(findings.size());
        for (Set<Finding> group : findings.values()) {
            Violation v = decorator.decorate(group);
            if (v != null) {
                out.add(v);
            }
        }
        long t1 = System.nanoTime();
        out.sort(Violation.ORDER);
        if (LOG.isDebugEnabled()) {
            LOG.debug("{} violations decorated in {} ms, sorted in {} ms", out.size(), (t1 - t0) / 1_000_000,
                    (System.nanoTime() - t1) / 1_000_000);
        }
        return out;
    }

    /** The spot-check plan of these violations (members to phone per liaison group). */
    SpotCheckPlan spotCheckPlan(List<Violation> violations) {
        return SpotCheck.plan(violations, rules.calendar().spotCheckPerGroup(), id -> {
            Member m = (Member) raw.get(FactKind.MEMBERS).get(id);
            return m == null ? null : m.orgId();
        }, id -> {
            Organization o = tree.get(id);
            return o == null ? null : o.name();
        });
    }

    /** The current state as an evaluation. */
    Evaluation evaluation(List<Violation> violations) {
        List<Share> measured = new ArrayList<>(shares);
        measured.sort(java.util.Comparator.comparing(Share::key).thenComparing(Share::subjectId)
                .thenComparing(Share::month, java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder())));
        List<Violation> open = violations.stream().filter(Violation::open).toList();
        return new Evaluation(asOf, rules.version(), violations, spotCheckPlan(open), failures(), measured,
                coverage(violations), decorator.waiverStatuses(violations));
    }

    /** What each rule of the set did, by rule id. */
    List<RuleCoverage> coverage(List<Violation> violations) {
        Map<String, int[]> found = new HashMap<>();
        for (Violation v : violations) {
            found.computeIfAbsent(v.ruleId(), k -> new int[2])[v.open() ? 0 : 1]++;
        }
        Set<String> failed = new HashSet<>();
        failures.forEach(f -> failed.add(f.ruleId()));
        List<RuleCoverage> out = new ArrayList<>();
        for (RuleMeta m : new java.util.TreeMap<>(rules.allMeta()).values()) {
            long[] c = firings.coverage(m.ruleId());
            int[] n = found.getOrDefault(m.ruleId(), new int[2]);
            out.add(new RuleCoverage(m.ruleId(), m.task(), c[0], c[1], n[0], n[1], failed.contains(m.ruleId())));
        }
        return out;
    }

    /** The rule failures since the session started. */
    List<RuleFailure> failures() {
        return List.copyOf(failures);
    }

    /** Every fact as given, kind by kind. */
    List<Fact> rawFacts() {
        List<Fact> out = new ArrayList<>();
        raw.values().forEach(m -> out.addAll(m.values()));
        return out;
    }

    /**
     * Stops the firing in progress, from another thread, when the evaluation's budget ran out: between two
     * firings at once; a consequence that never returns is abandoned with the thread running it.
     */
    void halt() {
        halted = true;
        session.halt();
    }

    /**
     * Why the budget ran out: the rule whose consequence has been running for a good part of the budget (one that
     * never returns), else the rule that drove the firing (its consequence changed facts most, then fired most).
     * A rule caught between two quick firings of a loop is not named: which one that is, is chance.
     */
    EvaluationStoppedException timedOut(java.time.Duration budget) {
        Map<String, Long> top = firings.top(1);
        boolean stuck = firings.runningFor() > budget.toNanos() / 4;
        return EvaluationStoppedException.timeout(budget, stuck ? firings.rule() : null, stuck ? firings.facts() : List.of(),
                top.isEmpty() ? null : top.keySet().iterator().next());
    }

    /** An error thrown out of a consequence: a failure of the rule running (a rule crash), else of the evaluation. */
    private RuntimeException crashed(Error e) {
        String rule = firings.rule();
        if (rule == null) {
            return EvaluationStoppedException.error(null, e);
        }
        RuleFailure f = new RuleFailure(rule, firings.facts(), e.toString());
        return rules.failFast() ? new RuleFailureException(f) : new Crash(f);
    }

    /**
     * A rule's consequence threw an {@link Error} (a StackOverflowError from deep recursion): the session is not
     * fit to go on; the rule is taken out like one whose conditions fail.
     */
    static final class Crash extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient RuleFailure failure;

        Crash(RuleFailure failure) {
            super("[Rule \"" + failure.ruleId() + "\"] " + failure.error(), null, false, false);
            this.failure = failure;
        }
    }

    @Override
    public void close() {
        FailureHandler.unregister(session);
        session.dispose();
    }

    /** Lets go of a session a thread may still be running a consequence in: halted, not disposed. */
    void abandon() {
        FailureHandler.unregister(session);
        halt();
    }

    /**
     * Counts firings per rule, and the facts each rule's consequence updated or deleted (a rule re-fires only when
     * some consequence changes what it matches: the one that does is the loop's driver), and remembers the match
     * firing now (for naming a rule that never returns). A map update and a field write per firing.
     */
    private static final class FiringCounter extends org.kie.api.event.rule.DefaultAgendaEventListener
            implements RuleRuntimeEventListener {
        /** Per rule: firings, then updates and deletes made by its consequence. */
        private final Map<String, long[]> counts = new HashMap<>();
        /** Per rule, since the session started: matches created, then matches fired. */
        private final Map<String, long[]> coverage = new HashMap<>();
        /** The matches coverage counts, by their objects; null (the default): every match, at no cost. */
        private java.util.function.Predicate<? super List<Object>> counted;

        @Override
        public void matchCreated(org.kie.api.event.rule.MatchCreatedEvent event) {
            org.kie.api.runtime.rule.Match m = event.getMatch();
            if (counted == null || counted.test(m.getObjects())) {
                coverage.computeIfAbsent(m.getRule().getName(), k -> new long[2])[0]++;
            }
        }

        /** Matches created and fired of a rule since the session started. */
        long[] coverage(String ruleId) {
            long[] c = coverage.get(ruleId);
            return c == null ? new long[2] : c.clone();
        }
        private volatile org.kie.api.runtime.rule.Match firing;
        private volatile long firingSince;

        void reset() {
            counts.clear();
            firing = null;
        }

        @Override
        public void beforeMatchFired(org.kie.api.event.rule.BeforeMatchFiredEvent event) {
            firingSince = System.nanoTime();
            firing = event.getMatch();
        }

        /** How long the consequence running now has been running, in nanoseconds; 0 when none is. */
        long runningFor() {
            return firing == null ? 0 : System.nanoTime() - firingSince;
        }

        @Override
        public void afterMatchFired(org.kie.api.event.rule.AfterMatchFiredEvent event) {
            firing = null;
            org.kie.api.runtime.rule.Match m = event.getMatch();
            String rule = m.getRule().getName();
            counts.computeIfAbsent(rule, k -> new long[2])[0]++;
            if (counted == null || counted.test(m.getObjects())) {
                coverage.computeIfAbsent(rule, k -> new long[2])[1]++;
            }
        }

        @Override
        public void objectInserted(ObjectInsertedEvent event) {
        }

        @Override
        public void objectUpdated(ObjectUpdatedEvent event) {
            changedBy(event.getRule());
        }

        @Override
        public void objectDeleted(ObjectDeletedEvent event) {
            changedBy(event.getRule());
        }

        private void changedBy(org.kie.api.definition.rule.Rule rule) {
            if (rule != null) {
                counts.computeIfAbsent(rule.getName(), k -> new long[2])[1]++;
            }
        }

        /** The rule whose consequence is running, or null. */
        String rule() {
            org.kie.api.runtime.rule.Match m = firing;
            return m == null ? null : m.getRule().getName();
        }

        /** The facts of the running match, by kind and id. */
        List<String> facts() {
            org.kie.api.runtime.rule.Match m = firing;
            try {
                return m == null ? List.of() : FactText.describeAll(m.getObjects());
            } catch (RuntimeException e) {
                return List.of();
            }
        }

        /**
         * The rules that fired most since the last reset with their firings, those whose consequences changed
         * facts most first (read after the firing stopped or was halted).
         */
        Map<String, Long> top(int n) {
            Map<String, Long> out = new java.util.LinkedHashMap<>();
            List<Map.Entry<String, long[]>> all;
            try {
                all = new ArrayList<>();
                for (Map.Entry<String, long[]> e : counts.entrySet()) {
                    all.add(Map.entry(e.getKey(), e.getValue().clone()));
                }
            } catch (RuntimeException e) { // a timed-out worker may still be counting
                return out;
            }
            all.sort((a, b) -> a.getValue()[1] != b.getValue()[1] ? Long.compare(b.getValue()[1], a.getValue()[1])
                    : Long.compare(b.getValue()[0], a.getValue()[0]));
            for (Map.Entry<String, long[]> e : all.subList(0, Math.min(n, all.size()))) {
                out.put(e.getKey(), e.getValue()[0]);
            }
            return out;
        }
    }

    /** Follows the findings the rules insert and retract (logically), grouped by rule and subject. */
    private final class FindingTracker implements RuleRuntimeEventListener {
        @Override
        public void objectInserted(ObjectInsertedEvent event) {
            if (event.getObject() instanceof Share sh) {
                shares.add(sh);
            }
            if (event.getObject() instanceof Finding f) {
                Key k = Key.of(f);
                findings.computeIfAbsent(k, x -> new HashSet<>()).add(f);
                dirty.add(k);
            }
        }

        @Override
        public void objectUpdated(ObjectUpdatedEvent event) {
            if (event.getOldObject() instanceof Share before) {
                shares.remove(before);
            }
            if (event.getObject() instanceof Share after) {
                shares.add(after);
            }
            if (event.getOldObject() instanceof Finding before) {
                forget(before);
            }
            if (event.getObject() instanceof Finding after) {
                Key k = Key.of(after);
                findings.computeIfAbsent(k, x -> new HashSet<>()).add(after);
                dirty.add(k);
            }
        }

        @Override
        public void objectDeleted(ObjectDeletedEvent event) {
            if (event.getOldObject() instanceof Share sh) {
                shares.remove(sh);
            }
            if (event.getOldObject() instanceof Finding f) {
                forget(f);
            }
        }

        private void forget(Finding f) {
            Key k = Key.of(f);
            Set<Finding> group = findings.get(k);
            if (group != null) {
                group.remove(f);
                if (group.isEmpty()) {
                    findings.remove(k);
                }
            }
            dirty.add(k);
        }
    }
}

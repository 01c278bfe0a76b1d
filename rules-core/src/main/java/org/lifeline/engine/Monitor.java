package org.lifeline.engine;

import java.time.Duration;
import java.time.LocalDate;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import org.lifeline.fact.Fact;
import org.lifeline.fact.FactException;
import org.lifeline.fact.FactKind;
import org.lifeline.fact.FactSet;
import org.lifeline.fact.Organization;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A live view of the violations as facts change and time moves. Each change is checked (ids, the
 * organisation tree), applied, the rules fire, and the listener hears what was resolved, changed and raised,
 * in that order. A problem fixed in the facts disappears by itself (truth maintenance).
 *
 * <p><b>Threading.</b> Every method may be called from any thread. Changes are serialised: each runs alone,
 * and its callbacks run on the calling thread before the method returns, so listeners see changes one at a
 * time and in order. A listener must not call back into the monitor (that throws
 * {@link IllegalStateException}); hand work to another thread instead. {@link #violations()} is a consistent
 * copy taken between changes.
 *
 * <p><b>A listener that throws.</b> Each callback runs on its own: what it throws is logged (the callback, rule and
 * subject) and the remaining callbacks of the change still run. When all have run, the change method rethrows the
 * first exception, with the others attached as {@linkplain Throwable#getSuppressed() suppressed}. The change itself
 * stands: {@link #violations()} holds what the listener was told.
 *
 * <p><b>Waivers.</b> Violations carry their {@link Violation#status()}: a waiver that starts or expires as the date
 * moves ({@link #setAsOf}), or that is added, changed or removed by a {@link #reload} (a reload that changes only
 * the waivers does not fire the rules again), is heard as {@code changed} for the findings concerned.
 *
 * <p><b>Budgets.</b> The rules fire on the monitor's own daemon worker thread, within the change budget (or the
 * evaluation budget for {@link #reload}, {@link #setAsOf} and an {@link #insertAll} of more than 10,000 facts) and
 * the firing limit of its {@link Lifeline}. A change whose rules do not finish throws
 * {@link EvaluationStoppedException} when the budget runs out and releases the monitor; the monitor is then
 * <em>stopped</em>: changes (from any thread) throw {@link IllegalStateException}, {@link #violations()} keeps the
 * last consistent list, and a successful {@link #reload} with rules that finish resumes it with every fact, the
 * change that looped included.
 */
public final class Monitor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Monitor.class);

    private final ReentrantLock lock = new ReentrantLock();
    private final Limits limits;
    /** Runs the rules within the budget; one daemon thread, replaced only when a change is abandoned. */
    private final Watchdog worker = new Watchdog("lifeline-monitor");
    private RuleSession session;
    private final ViolationListener listener;
    private final Map<RuleSession.Key, Violation> current = new HashMap<>();
    private boolean notifying;
    private final List<RuleFailure> conditionFailures = new ArrayList<>();
    private boolean closed;
    /** Why the monitor stopped (a change whose rules did not finish), or null while it runs. */
    private EvaluationStoppedException stoppedBy;

    Monitor(RuleSet rules, Limits limits, LocalDate asOf, ViolationListener listener, org.lifeline.waiver.Waivers waivers) {
        this.limits = limits;
        this.listener = Objects.requireNonNull(listener, "listener");
        this.session = new RuleSession(rules, asOf, limits);
        session.useWaivers(waivers);
        try {
            run(() -> { }, limits.changeTimeout());
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Adds a new fact. @throws FactException when its id exists or it breaks the organisation tree */
    public void insert(Fact fact) {
        insertAll(List.of(fact));
    }

    /** Adds new facts in one change (one firing of the rules): the way to load a whole export. */
    public void insertAll(Collection<? extends Fact> facts) {
        Duration budget = facts.size() > Limits.BULK ? limits.evaluationTimeout() : limits.changeTimeout();
        run(() -> {
            Set<String> seen = new HashSet<>();
            for (Fact f : facts) {
                FactKind kind = FactKind.of(f);
                if (session.raw(kind, f.id()) != null || !seen.add(kind + "/" + f.id())) {
                    throw new FactException(f.getClass().getSimpleName() + " " + f.id()
                            + ": field 'id': already present (use update to change it)");
                }
            }
            checkTree(facts, Set.of());
            session.insertAll(facts);
        }, budget);
    }

    /** Replaces the fact of the same kind and id. @throws FactException when there is none */
    public void update(Fact fact) {
        run(() -> {
            if (session.raw(FactKind.of(fact), fact.id()) == null) {
                throw new FactException(fact.getClass().getSimpleName() + " " + fact.id()
                        + ": field 'id': no such fact to update");
            }
            checkTree(List.of(fact), Set.of());
            session.put(fact);
        }, limits.changeTimeout());
    }

    /** Removes the fact of this kind and id. @throws FactException when there is none, or it has children */
    public void delete(FactKind kind, String id) {
        run(() -> {
            if (session.raw(kind, id) == null) {
                throw new FactException(kind.type().getSimpleName() + " " + id + ": field 'id': no such fact to delete");
            }
            if (kind == FactKind.ORGANIZATIONS) {
                checkTree(List.of(), Set.of(id));
            }
            session.remove(kind, id);
        }, limits.changeTimeout());
    }

    /** Removes the fact of the same kind and id as this one. */
    public void delete(Fact fact) {
        delete(FactKind.of(fact), fact.id());
    }

    /**
     * Swaps in another rule set (edited rules or calendar) keeping every fact: the new rules evaluate the same
     * facts at the same date, and the listener hears the difference (resolved, changed, raised). A violation
     * that holds under both is neither resolved nor raised again.
     *
     * <p>The new rules fire in a session of their own, within the evaluation budget of this monitor; only when they
     * finish does the monitor switch to them. If they do not finish ({@link EvaluationStoppedException}) or fail,
     * the monitor keeps its rules (and stays stopped if it was). This is also how a stopped monitor resumes.
     */
    public void reload(Lifeline rules) {
        Objects.requireNonNull(rules, "rules");
        enter();
        try {
            RuleSession old = session;
            if (stoppedBy == null && rules.ruleSet() == old.rules()) { // the same compiled rules: only the waivers change
                old.useWaivers(rules.waivers());
                LOG.info("waivers reloaded ({} waivers)", rules.waivers().list().size());
                publish(keys(true));
                return;
            }
            Settled s = settle(() -> {
                RuleSession fresh = new RuleSession(rules.ruleSet(), old.asOf(), limits);
                fresh.useWaivers(rules.waivers());
                return fresh;
            }, next -> next.insertAll(old.rawFacts()), limits.evaluationTimeout());
            session = s.session();
            conditionFailures.clear();
            conditionFailures.addAll(s.failures());
            retire(old);
            if (stoppedBy != null) {
                LOG.info("monitor resumed with rules version {}", rules.rulesVersion());
                stoppedBy = null;
            }
            LOG.info("rules reloaded: version {} ({} facts kept)", rules.rulesVersion(), session.rawFacts().size());
            publish(keys(true));
        } finally {
            lock.unlock();
        }
    }

    /**
     * The failures of rules that threw since the monitor (or its last reload) started; while the monitor is
     * stopped, the last one is the rule that did not finish.
     */
    public List<RuleFailure> failures() {
        lock.lock();
        try {
            List<RuleFailure> all = new ArrayList<>(conditionFailures);
            if (stoppedBy != null) {
                all.add(stoppedBy.failure());
            } else {
                all.addAll(session.failures());
            }
            return all;
        } finally {
            lock.unlock();
        }
    }

    /** True when a change did not finish within its budget or firing limit: changes are refused until a reload. */
    public boolean stopped() {
        lock.lock();
        try {
            return stoppedBy != null;
        } finally {
            lock.unlock();
        }
    }

    /** Moves the evaluation date (forwards or backwards): deadlines and as-of views follow. */
    public void setAsOf(LocalDate asOf) {
        run(() -> session.moveTo(asOf), limits.evaluationTimeout());
    }

    public LocalDate asOf() {
        lock.lock();
        try {
            return session.asOf();
        } finally {
            lock.unlock();
        }
    }

    /** The violations holding now, in {@link Violation#ORDER}. */
    public List<Violation> violations() {
        lock.lock();
        try {
            List<Violation> out = new ArrayList<>(current.values());
            out.sort(Violation.ORDER);
            return out;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The current violations as an {@link Evaluation}, like a snapshot at {@link #asOf()}.
     *
     * @throws IllegalStateException when the monitor is stopped
     */
    public Evaluation evaluation() {
        lock.lock();
        try {
            if (stoppedBy != null) {
                throw stoppedError();
            }
            return session.evaluation(violations());
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (!closed) {
                closed = true;
                retire(session);
                worker.close();
            }
        } finally {
            lock.unlock();
        }
    }

    private void checkTree(Collection<? extends Fact> changes, Set<String> deletedOrgs) {
        Map<String, Organization> overrides = new LinkedHashMap<>();
        for (Fact f : changes) {
            if (f instanceof Organization o) {
                overrides.put(o.id(), o);
            }
        }
        if (overrides.isEmpty() && deletedOrgs.isEmpty()) {
            return;
        }
        Map<String, Organization> base = session.rawOrganizations();
        Map<String, Organization> tentative = new AbstractMap<>() {
            @Override
            public Organization get(Object key) {
                if (deletedOrgs.contains(key)) {
                    return null;
                }
                Organization o = overrides.get(key);
                return o != null ? o : base.get(key);
            }

            @Override
            public boolean containsKey(Object key) {
                return get(key) != null;
            }

            @Override
            public Set<Entry<String, Organization>> entrySet() {
                throw new UnsupportedOperationException();
            }
        };
        List<String> problems = new ArrayList<>(FactSet.checkTree(tentative, overrides.values(), Map.of()));
        for (String gone : deletedOrgs) {
            for (Organization o : base.values()) {
                if (gone.equals(o.parentId()) && !deletedOrgs.contains(o.id())) {
                    problems.add("Organization " + gone + ": cannot delete: organisation " + o.id()
                            + " has it as parentId");
                    break;
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new FactException(problems);
        }
    }

    /** Takes the lock for a change: refused from a listener, on a closed monitor. */
    private void enter() {
        if (lock.isHeldByCurrentThread() && notifying) {
            throw new IllegalStateException("a ViolationListener must not call back into the Monitor");
        }
        lock.lock();
        if (closed) {
            lock.unlock();
            throw new IllegalStateException("monitor is closed");
        }
    }

    private IllegalStateException stoppedError() {
        return new IllegalStateException("监视器已停止，须重新加载规则 / the monitor is stopped since: "
                + stoppedBy.getMessage() + "; reload rules that finish (Monitor.reload) to resume", stoppedBy);
    }

    /**
     * Applies a change and fires the rules within a budget, then tells the listener. A change whose rules do not
     * finish stops the monitor: its session is left half-fired (or still running on an abandoned thread).
     */
    private void run(Runnable change, Duration budget) {
        enter();
        try {
            if (stoppedBy != null) {
                throw stoppedError();
            }
            RuleSession before = session;
            Settled s;
            try {
                s = settle(() -> before, x -> change.run(), budget);
            } catch (EvaluationStoppedException e) {
                stoppedBy = e;
                LOG.error("monitor stopped: {}", e.getMessage());
                throw e;
            }
            if (s.session() != before) {
                session = s.session();
                before.close();
            }
            conditionFailures.addAll(s.failures());
            publish(keys(s.redecorateAll()));
        } finally {
            lock.unlock();
        }
    }

    /** A session whose rules have fired, the rules taken out on the way, and whether to decorate everything again. */
    private record Settled(RuleSession session, List<RuleFailure> failures, boolean redecorateAll) {
    }

    /**
     * On the worker, within the budget: opens a session, applies a change to it and fires the rules. A rule whose
     * conditions throw on the data (or whose consequence overflows the stack) is taken out and the rest start
     * again from every fact, the change included. Touches no field of the monitor: a worker abandoned after the
     * budget must not change it.
     */
    private Settled settle(java.util.function.Supplier<RuleSession> open, java.util.function.Consumer<RuleSession> apply,
                           Duration budget) {
        AtomicReference<RuleSession> running = new AtomicReference<>();
        RuleSession base = session;
        return worker.call(() -> {
            RuleSession s = open.get();
            List<RuleFailure> failures = new ArrayList<>();
            boolean applied = false;
            boolean redecorate = false;
            while (true) {
                running.set(s);
                try {
                    if (!applied) {
                        apply.accept(s);
                        applied = true;
                    }
                    redecorate |= s.fire();
                    return new Settled(s, failures, redecorate || s != base);
                } catch (RuntimeException e) {
                    RuleSession failed = s;
                    RuleFailure f = e instanceof EvaluationStoppedException ? null
                            : Lifeline.ruleFailure(e, failed.rules(), () -> Lifeline.culprit(
                                    failed.rules().only(RuleSet.failingRule(e)), failed.rawFacts(), failed.asOf(), limits));
                    if (f == null || failures.size() >= failed.rules().allMeta().size()) {
                        if (failed != base && !(e instanceof EvaluationStoppedException)) {
                            failed.close();
                        }
                        throw e instanceof RuleSession.Crash c ? new RuleFailureException(c.failure) : e;
                    }
                    failures.add(f.asTakenOut());
                    RuleSession next = new RuleSession(failed.rules().without(f.ruleId()), failed.asOf(), limits);
                    next.useWaivers(failed.waivers());
                    running.set(next);
                    next.insertAll(failed.rawFacts());
                    if (failed != base) {
                        failed.close();
                    }
                    s = next;
                    applied = true;
                }
            }
        }, budget, () -> Lifeline.stop(running.get(), budget));
    }

    /** The keys to publish after a change: those whose findings changed, or all. */
    private Set<RuleSession.Key> keys(boolean all) {
        Set<RuleSession.Key> keys = session.drainDirty();
        if (all) {
            keys.addAll(current.keySet());
            keys.addAll(session.allKeys());
        }
        return keys;
    }

    /**
     * Disposes of a session no longer used; one a worker was abandoned in is only dropped (disposing it under a
     * consequence that still runs is not safe).
     */
    private void retire(RuleSession s) {
        if (stoppedBy != null && (stoppedBy.reason() == EvaluationStoppedException.Reason.TIMEOUT
                || stoppedBy.reason() == EvaluationStoppedException.Reason.INTERRUPTED)) {
            s.abandon();
        } else {
            s.close();
        }
    }

    /** Compares the violations of these keys with what the listener last heard, and tells it the difference. */
    private void publish(Set<RuleSession.Key> keys) {
        List<Violation> resolved = new ArrayList<>();
        List<Violation[]> changed = new ArrayList<>();
        List<Violation> raised = new ArrayList<>();
        for (RuleSession.Key k : keys) {
            Violation now = session.violation(k);
            Violation before = now == null ? current.remove(k) : current.put(k, now);
            if (before == null && now != null) {
                raised.add(now);
            } else if (before != null && now == null) {
                resolved.add(before);
            } else if (before != null && !before.equals(now)) {
                changed.add(new Violation[] {before, now});
            }
        }
        resolved.sort(Violation.ORDER);
        raised.sort(Violation.ORDER);
        changed.sort((a, b) -> Violation.ORDER.compare(a[1], b[1]));
        if (LOG.isDebugEnabled() && !(resolved.isEmpty() && raised.isEmpty() && changed.isEmpty())) {
            LOG.debug("as of {}: {} resolved, {} changed, {} raised, {} holding", session.asOf(),
                    resolved.size(), changed.size(), raised.size(), current.size());
        }
        List<Throwable> thrown = new ArrayList<>();
        notifying = true;
        try {
            resolved.forEach(v -> call("resolved", v, () -> listener.resolved(v), thrown));
            changed.forEach(c -> call("changed", c[1], () -> listener.changed(c[0], c[1]), thrown));
            raised.forEach(v -> call("raised", v, () -> listener.raised(v), thrown));
        } finally {
            notifying = false;
        }
        if (!thrown.isEmpty()) {
            Throwable first = thrown.get(0);
            thrown.subList(1, thrown.size()).forEach(first::addSuppressed);
            if (first instanceof RuntimeException r) {
                throw r;
            }
            throw (Error) first;
        }
    }

    /**
     * Runs one callback; what it throws is logged (rule and subject, never the violation's fields) and kept, so
     * that the other callbacks still run. A VirtualMachineError (out of memory…) is not caught.
     */
    private static void call(String callback, Violation v, Runnable r, List<Throwable> thrown) {
        try {
            r.run();
        } catch (RuntimeException | LinkageError | AssertionError e) {
            LOG.error("ViolationListener.{} threw {} on rule {} subject {} {}; the other callbacks still run",
                    callback, e.getClass().getName(), v.ruleId(), v.subjectType(), v.subjectId());
            thrown.add(e);
        }
    }
}

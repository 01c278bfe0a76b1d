package org.lifeline.engine;

import java.time.LocalDate;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 */
public final class Monitor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Monitor.class);

    private final ReentrantLock lock = new ReentrantLock();
    private RuleSession session;
    private final ViolationListener listener;
    private final Map<RuleSession.Key, Violation> current = new HashMap<>();
    private boolean notifying;
    private boolean republishAll;
    private final List<RuleFailure> conditionFailures = new ArrayList<>();
    private boolean closed;

    Monitor(RuleSession session, ViolationListener listener) {
        this.session = session;
        this.listener = listener;
        run(() -> { });
    }

    /** Adds a new fact. @throws FactException when its id exists or it breaks the organisation tree */
    public void insert(Fact fact) {
        insertAll(List.of(fact));
    }

    /** Adds new facts in one change (one firing of the rules): the way to load a whole export. */
    public void insertAll(Collection<? extends Fact> facts) {
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
        });
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
        });
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
        });
    }

    /** Removes the fact of the same kind and id as this one. */
    public void delete(Fact fact) {
        delete(FactKind.of(fact), fact.id());
    }

    /**
     * Swaps in another rule set (edited rules or calendar) keeping every fact: the new rules evaluate the same
     * facts at the same date, and the listener hears the difference (resolved, changed, raised). A violation
     * that holds under both is neither resolved nor raised again.
     */
    public void reload(Lifeline rules) {
        run(() -> {
            RuleSession next = new RuleSession(rules.ruleSet(), session.asOf());
            try {
                next.insertAll(session.rawFacts());
            } catch (RuntimeException e) {
                next.close();
                throw e;
            }
            RuleSession old = session;
            session = next;
            old.close();
            republishAll = true;
            LOG.info("rules reloaded: version {} ({} facts kept)", rules.rulesVersion(), next.rawFacts().size());
        });
    }

    /** The failures of rules that threw since the monitor (or its last reload) started. */
    public List<RuleFailure> failures() {
        lock.lock();
        try {
            List<RuleFailure> all = new ArrayList<>(conditionFailures);
            all.addAll(session.failures());
            return all;
        } finally {
            lock.unlock();
        }
    }

    /** Moves the evaluation date (forwards or backwards): deadlines and as-of views follow. */
    public void setAsOf(LocalDate asOf) {
        run(() -> session.moveTo(asOf));
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

    /** The current violations as an {@link Evaluation}, like a snapshot at {@link #asOf()}. */
    public Evaluation evaluation() {
        lock.lock();
        try {
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
                session.close();
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

    private void run(Runnable change) {
        if (lock.isHeldByCurrentThread() && notifying) {
            throw new IllegalStateException("a ViolationListener must not call back into the Monitor");
        }
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("monitor is closed");
            }
            try {
                change.run();
                session.fire();
            } catch (RuntimeException e) {
                String ruleId = RuleSet.failingRule(e);
                if (ruleId == null || session.rules().failFast()) {
                    throw e;
                }
                // a rule's conditions fail on the data: go on without it, with every fact (the change included)
                Fact culprit = Lifeline.culprit(session.rules().only(ruleId), session.rawFacts(), session.asOf());
                conditionFailures.add(new RuleFailure(ruleId, culprit == null ? List.of() : List.of(String.valueOf(culprit)),
                        Lifeline.rootCause(e)));
                RuleSession next = new RuleSession(session.rules().without(ruleId), session.asOf());
                next.insertAll(session.rawFacts());
                RuleSession old = session;
                session = next;
                old.close();
                republishAll = true;
            }
            boolean redecorateAll = session.fire() || republishAll;
            republishAll = false;
            Set<RuleSession.Key> keys = session.drainDirty();
            if (redecorateAll) {
                keys.addAll(current.keySet());
                keys.addAll(session.allKeys());
            }
            publish(keys);
        } finally {
            lock.unlock();
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
        notifying = true;
        try {
            resolved.forEach(listener::resolved);
            changed.forEach(c -> listener.changed(c[0], c[1]));
            raised.forEach(listener::raised);
        } finally {
            notifying = false;
        }
    }
}

package org.lifeline.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.drools.core.common.DefaultFactHandle;
import org.drools.core.common.ReteEvaluator;
import org.drools.core.impl.InternalRuleBase;
import org.drools.core.reteoo.AlphaNode;
import org.drools.core.reteoo.ObjectSink;
import org.drools.core.reteoo.ObjectTypeNode;
import org.kie.api.KieBase;
import org.kie.api.runtime.KieSession;

/**
 * Which facts the rules read: a fact is put into a session only when some pattern of some rule would take it,
 * i.e. when it passes the literal (alpha) constraints of at least one pattern of its type in the compiled
 * network. An ordinary member (reported, numbered, not a graduate) that no rule looks at costs no fact handle
 * and no join memory. Derived from the compiled rules, so a rule that starts reading every member makes every
 * member be put in again: nothing for policy staff to declare, nothing a new rule can silently miss.
 *
 * <p>Reads Drools' network (drools-core internals). Should they ever not be readable, every fact counts as read,
 * which is slower but never wrong.
 */
final class FactFilter {

    private static final ObjectSink[] NONE = new ObjectSink[0];
    /** Stands for the sinks of a class some pattern reads with no literal constraint: every fact is read. */
    private static final ObjectSink[] ALL = new ObjectSink[0];

    private final KieBase kieBase;
    /** Per fact class: the sinks of the object type nodes that take it; empty when no rule reads the class. */
    private final ClassValue<ObjectSink[]> roots = new ClassValue<>() {
        @Override
        protected ObjectSink[] computeValue(Class<?> type) {
            return sinksOf(type);
        }
    };
    private final boolean readable;

    FactFilter(KieBase kieBase) {
        this.kieBase = kieBase;
        this.readable = kieBase instanceof InternalRuleBase;
    }

    /** True when some rule reads facts of this class at all. */
    boolean readsType(Class<?> type) {
        ObjectSink[] sinks = roots.get(type);
        return sinks == ALL || sinks.length > 0;
    }

    /**
     * The test for one session: true when some rule pattern would take the fact. (The session's evaluator is
     * looked up once here, not per fact.)
     */
    Predicate<Object> readsIn(KieSession session) {
        if (!readable || !(session instanceof ReteEvaluator evaluator)) {
            return fact -> true;
        }
        return fact -> reads(fact, evaluator);
    }

    private boolean reads(Object fact, ReteEvaluator evaluator) {
        ObjectSink[] sinks = roots.get(fact.getClass());
        if (sinks == ALL) {
            return true;
        }
        if (sinks.length == 0) {
            return false;
        }
        try {
            return reaches(sinks, new DefaultFactHandle(0, fact), evaluator);
        } catch (RuntimeException e) {
            return true; // a constraint that cannot be judged outside the network: let the network judge it
        }
    }

    private static boolean reaches(ObjectSink[] sinks, DefaultFactHandle handle, ReteEvaluator evaluator) {
        for (ObjectSink sink : sinks) {
            if (!(sink instanceof AlphaNode alpha)) {
                return true; // a join, a not/exists, an accumulate or the start of a rule: the fact is read
            }
            if (alpha.getConstraint().isAllowed(handle, evaluator)
                    && reaches(alpha.getObjectSinkPropagator().getSinks(), handle, evaluator)) {
                return true;
            }
        }
        return false;
    }

    private ObjectSink[] sinksOf(Class<?> type) {
        if (!readable) {
            return ALL;
        }
        List<ObjectSink> out = new ArrayList<>();
        for (ObjectTypeNode otn : ((InternalRuleBase) kieBase).getRete().getObjectTypeNodes()) {
            if (otn.getObjectType().isAssignableFrom(type)) {
                out.addAll(List.of(otn.getObjectSinkPropagator().getSinks()));
            }
        }
        if (out.stream().anyMatch(sink -> !(sink instanceof AlphaNode))) {
            return ALL;
        }
        return out.isEmpty() ? NONE : out.toArray(NONE);
    }
}

package org.lifeline.engine;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Consumer;
import org.kie.api.runtime.rule.ConsequenceExceptionHandler;
import org.kie.api.runtime.rule.Match;
import org.kie.api.runtime.rule.RuleRuntime;

/**
 * Drools' hook for a consequence that throws: the failure goes to the session that owns the runtime, which
 * records it (isolation) or rethrows it (fail fast). Drools builds the handler from its class, so sessions
 * register themselves here.
 */
public final class FailureHandler implements ConsequenceExceptionHandler {

    private static final Map<RuleRuntime, Consumer<RuleFailure>> SINKS = Collections.synchronizedMap(new WeakHashMap<>());

    static void register(RuleRuntime runtime, Consumer<RuleFailure> sink) {
        SINKS.put(runtime, sink);
    }

    static void unregister(RuleRuntime runtime) {
        SINKS.remove(runtime);
    }

    @Override
    public void handleException(Match match, RuleRuntime runtime, Exception exception) {
        List<?> objects = match.getObjects();
        Throwable cause = exception.getCause() != null ? exception.getCause() : exception;
        // facts by kind and id, and their field values out of the error text: no personal data in failures or logs
        RuleFailure failure = new RuleFailure(match.getRule().getName(), FactText.describeAll(objects),
                FactText.scrub(cause.toString(), objects));
        Consumer<RuleFailure> sink = SINKS.get(runtime);
        if (sink == null) {
            throw new IllegalStateException("rule " + failure.ruleId() + " failed: " + failure.error(), exception);
        }
        sink.accept(failure);
    }
}

package org.lifeline.spring;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lifeline.engine.Lifeline;
import org.lifeline.engine.Monitor;
import org.lifeline.engine.RuleFailure;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * The {@code lifeline} health component. Details: {@code rulesVersion} and {@code rules} (how many rule ids report
 * violations) of the rules in use; with a monitor bean, {@code monitor} ({@code running} or {@code stopped}),
 * {@code monitorAsOf}, {@code monitorViolations} and {@code monitorRuleFailures}; {@code lastEvaluation} (date,
 * violations, rule failures, or why it gave no result) and {@code lastFailure} (kind, detail, when).
 *
 * <p>DOWN when the monitor is stopped (a change did not finish within its budget: it refuses changes until rules
 * that finish are reloaded) or the last evaluation did not finish. Rule failures and a reload that did not load leave
 * it UP (the other findings stand, the rules in use stay) and show in {@code lastFailure}. Reading the monitor waits
 * for a change under way to end.
 */
final class LifelineHealthIndicator implements HealthIndicator {

    private final LifelineService service;
    private final LifelineStatus status;
    private final ObjectProvider<Monitor> monitor;

    LifelineHealthIndicator(LifelineService service, LifelineStatus status, ObjectProvider<Monitor> monitor) {
        this.service = service;
        this.status = status;
        this.monitor = monitor;
    }

    @Override
    public Health health() {
        Lifeline rules = service.lifeline();
        Health.Builder h = Health.up()
                .withDetail("rulesVersion", rules.rulesVersion())
                .withDetail("rules", rules.ruleIds().size());
        Monitor m = monitor.getIfUnique();
        if (m != null) {
            boolean stopped = m.stopped();
            List<RuleFailure> failures = m.failures();
            h.withDetail("monitor", stopped ? "stopped" : "running")
                    .withDetail("monitorAsOf", m.asOf().toString())
                    .withDetail("monitorViolations", m.violations().size())
                    .withDetail("monitorRuleFailures", failures.size());
            if (stopped) {
                h.down();
                RuleFailure why = failures.get(failures.size() - 1);
                h.withDetail("monitorStoppedBy", why.ruleId() + ": " + String.valueOf(why.error()).lines().findFirst().orElse(""));
            }
        }
        LifelineStatus.LastEvaluation last = status.lastEvaluation();
        if (last != null) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("asOf", last.asOf().toString());
            if (last.stopped() != null) {
                e.put("result", last.stopped());
            } else {
                e.put("violations", last.violations());
                e.put("ruleFailures", last.failures());
            }
            e.put("at", last.at().toString());
            h.withDetail("lastEvaluation", e);
            if (status.lastEvaluationStopped()) {
                h.down();
            }
        }
        LifelineStatus.Failure f = status.lastFailure();
        if (f != null) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("kind", f.kind());
            d.put("detail", f.detail());
            d.put("at", f.at().toString());
            h.withDetail("lastFailure", d);
        }
        return h.build();
    }
}

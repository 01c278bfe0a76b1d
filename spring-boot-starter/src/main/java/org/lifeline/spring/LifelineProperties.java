package org.lifeline.spring;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code lifeline.*} settings of a Spring Boot host. Each maps to an option of
 * {@link org.lifeline.engine.Lifeline.Builder}; a setting left out keeps the library's default.
 *
 * <pre>
 * lifeline.rules-dir=/srv/lifeline/rules      # default: the bundled rules of rules-definitions
 * lifeline.evaluation-timeout=2m
 * lifeline.monitor.enabled=true
 * lifeline.monitor.as-of=2018-07-01           # default: today
 * lifeline.watch=true                         # hot reload of lifeline.rules-dir
 * </pre>
 */
@ConfigurationProperties(prefix = "lifeline")
public class LifelineProperties {

    /**
     * A rules directory: its .drl files (recursively), calendar.yaml and optionally liaison-groups.yaml, compiled
     * by the classic compiler at start-up. Errors in it fail the start-up, each with its file and line. Not set:
     * the bundled rules.
     */
    private Path rulesDir;

    /**
     * Lift the guard that refuses whatever lies outside the rule allow-list. Only for rule files the host itself
     * controls: trusted rules may run any Java.
     */
    private boolean trustRules;

    /** A rule whose consequence throws stops the evaluation, instead of being reported with the other findings. */
    private boolean failFast;

    /** Keep only these rule ids (and the measuring rules they read from, which must be named too). Empty: all. */
    private List<String> onlyRules = new ArrayList<>();

    /**
     * The wall-clock budget of a whole evaluation (and of a monitor's reload, date move or bulk load). Not set:
     * the library's default (10 minutes).
     */
    private Duration evaluationTimeout;

    /** The wall-clock budget of one live change of the monitor. Not set: the library's default (30 seconds). */
    private Duration changeTimeout;

    /** The firing limit per fact of one round of firing. Not set: the library's default (20). */
    private Integer firingLimitPerFact;

    /**
     * Watch {@code lifeline.rules-dir} and reload the rules when its files change (hot reload); a change that does
     * not compile is reported in health and the rules in use stay. Needs {@code lifeline.rules-dir}.
     */
    private boolean watch;

    private final Monitor monitor = new Monitor();

    public Path getRulesDir() {
        return rulesDir;
    }

    public void setRulesDir(Path rulesDir) {
        this.rulesDir = rulesDir;
    }

    public boolean isTrustRules() {
        return trustRules;
    }

    public void setTrustRules(boolean trustRules) {
        this.trustRules = trustRules;
    }

    public boolean isFailFast() {
        return failFast;
    }

    public void setFailFast(boolean failFast) {
        this.failFast = failFast;
    }

    public List<String> getOnlyRules() {
        return onlyRules;
    }

    public void setOnlyRules(List<String> onlyRules) {
        this.onlyRules = onlyRules;
    }

    public Duration getEvaluationTimeout() {
        return evaluationTimeout;
    }

    public void setEvaluationTimeout(Duration evaluationTimeout) {
        this.evaluationTimeout = evaluationTimeout;
    }

    public Duration getChangeTimeout() {
        return changeTimeout;
    }

    public void setChangeTimeout(Duration changeTimeout) {
        this.changeTimeout = changeTimeout;
    }

    public Integer getFiringLimitPerFact() {
        return firingLimitPerFact;
    }

    public void setFiringLimitPerFact(Integer firingLimitPerFact) {
        this.firingLimitPerFact = firingLimitPerFact;
    }

    public boolean isWatch() {
        return watch;
    }

    public void setWatch(boolean watch) {
        this.watch = watch;
    }

    public Monitor getMonitor() {
        return monitor;
    }

    /** The {@code lifeline.monitor.*} settings: a live {@link org.lifeline.engine.Monitor} bean. */
    public static class Monitor {

        /**
         * Start a live Monitor bean. The host inserts, updates and deletes facts on it; every ViolationListener
         * bean hears the violations raised, changed and resolved, and so do application event listeners
         * (ViolationRaisedEvent, ViolationChangedEvent, ViolationResolvedEvent).
         */
        private boolean enabled;

        /** The monitor's evaluation date (yyyy-MM-dd). Not set: today, when the application starts. */
        private LocalDate asOf;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public LocalDate getAsOf() {
            return asOf;
        }

        public void setAsOf(LocalDate asOf) {
            this.asOf = asOf;
        }
    }
}

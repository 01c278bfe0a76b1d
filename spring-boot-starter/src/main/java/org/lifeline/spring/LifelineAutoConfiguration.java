package org.lifeline.spring;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import org.lifeline.engine.Lifeline;
import org.lifeline.engine.Monitor;
import org.lifeline.engine.RuleCompilationException;
import org.lifeline.engine.ViolationListener;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Lifeline in a Spring Boot host. Beans, each left out when the host defines its own of that type:
 * <ul>
 * <li>{@link Lifeline}: the bundled rules, or {@code lifeline.rules-dir} (compiled at start-up; errors fail the
 *     start-up with every file and line), with the options of {@link LifelineProperties}, then every
 *     {@link LifelineBuilderCustomizer} bean;</li>
 * <li>{@link LifelineService}: evaluations on the rules in use, measured for health and metrics;</li>
 * <li>{@link Monitor} when {@code lifeline.monitor.enabled=true}: its changes go to every {@link ViolationListener}
 *     bean and out as {@link ViolationRaisedEvent}, {@link ViolationChangedEvent}, {@link ViolationResolvedEvent};
 *     closed with the context;</li>
 * <li>hot reload of {@code lifeline.rules-dir} when {@code lifeline.watch=true} ({@link org.lifeline.engine.RulesWatcher}),
 *     closed with the context;</li>
 * <li>with Spring Boot Actuator, the {@code lifeline} health component; with a Micrometer {@link MeterRegistry}, the
 *     {@code lifeline.*} meters (see the README's "Spring Boot" section).</li>
 * </ul>
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration",
        "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration"})
@ConditionalOnClass(Lifeline.class)
@EnableConfigurationProperties(LifelineProperties.class)
public class LifelineAutoConfiguration {

    /**
     * The rules: bundled, or {@code lifeline.rules-dir}.
     *
     * @param properties  the {@code lifeline.*} settings
     * @param customizers applied after the settings
     * @return the compiled rules
     * @throws IllegalStateException naming the directory, caused by the {@link RuleCompilationException} that lists
     *                               every error with file and line
     */
    @Bean
    @ConditionalOnMissingBean
    public Lifeline lifeline(LifelineProperties properties, ObjectProvider<LifelineBuilderCustomizer> customizers) {
        Path dir = properties.getRulesDir();
        try {
            return builder(properties, dir, customizers).build();
        } catch (RuleCompilationException e) {
            String where = dir == null ? "the bundled rules" : "lifeline.rules-dir " + dir.toAbsolutePath().normalize();
            throw new IllegalStateException(where + " not loaded: " + e.getMessage(), e);
        }
    }

    @Bean
    @ConditionalOnMissingBean
    LifelineStatus lifelineStatus() {
        return new LifelineStatus(Clock.systemDefaultZone());
    }

    @Bean
    @ConditionalOnMissingBean
    LifelineService lifelineService(Lifeline lifeline, ObjectProvider<LifelineObserver> observers) {
        return new LifelineService(lifeline, observers);
    }

    /** The live monitor, at {@code lifeline.monitor.as-of} or today. */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    @ConditionalOnProperty(prefix = "lifeline.monitor", name = "enabled", havingValue = "true")
    Monitor lifelineMonitor(LifelineProperties properties, LifelineService service,
                                   ObjectProvider<ViolationListener> listeners,
                                   ObjectProvider<LifelineObserver> observers, ApplicationEventPublisher events) {
        LocalDate asOf = properties.getMonitor().getAsOf() != null ? properties.getMonitor().getAsOf() : LocalDate.now();
        return service.lifeline().monitor(asOf, new MonitorListeners(listeners, observers, events));
    }

    /** Hot reload of {@code lifeline.rules-dir}. */
    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(prefix = "lifeline", name = "watch", havingValue = "true")
    RulesReloader lifelineRulesReloader(LifelineProperties properties, LifelineService service,
                                        ObjectProvider<Monitor> monitor, ObjectProvider<LifelineObserver> observers,
                                        ObjectProvider<LifelineBuilderCustomizer> customizers) {
        Path dir = properties.getRulesDir();
        if (dir == null) {
            throw new IllegalStateException("lifeline.watch=true needs lifeline.rules-dir: the bundled rules do not change");
        }
        return new RulesReloader(dir, monitor.getIfUnique(), service, d -> builder(properties, d, customizers).build(),
                observers);
    }

    /** The builder with every option of the properties, for the rules in {@code dir} (null: bundled), customised. */
    static Lifeline.Builder builder(LifelineProperties p, Path dir, ObjectProvider<LifelineBuilderCustomizer> customizers) {
        Lifeline.Builder b = Lifeline.builder().trustRules(p.isTrustRules()).failFast(p.isFailFast());
        if (dir != null) {
            b.rulesDirectory(dir);
        }
        if (!p.getOnlyRules().isEmpty()) {
            b.onlyRules(p.getOnlyRules());
        }
        if (p.getEvaluationTimeout() != null) {
            b.evaluationTimeout(p.getEvaluationTimeout());
        }
        if (p.getChangeTimeout() != null) {
            b.changeTimeout(p.getChangeTimeout());
        }
        if (p.getFiringLimitPerFact() != null) {
            b.firingLimitPerFact(p.getFiringLimitPerFact());
        }
        customizers.orderedStream().forEach(c -> c.customize(b));
        return b;
    }

    /** The {@code lifeline} health component, with Spring Boot Actuator. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(HealthIndicator.class)
    @ConditionalOnProperty(prefix = "management.health.lifeline", name = "enabled", matchIfMissing = true)
    static class Health {

        @Bean
        @ConditionalOnMissingBean(name = "lifelineHealthIndicator")
        HealthIndicator lifelineHealthIndicator(LifelineService service, LifelineStatus status,
                                                ObjectProvider<Monitor> monitor) {
            return new LifelineHealthIndicator(service, status, monitor);
        }
    }

    /** The {@code lifeline.*} meters, with a Micrometer registry. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterRegistry.class)
    @ConditionalOnBean(MeterRegistry.class)
    static class Metrics {

        @Bean
        LifelineMetrics lifelineMetrics(MeterRegistry registry) {
            return new LifelineMetrics(registry);
        }
    }
}

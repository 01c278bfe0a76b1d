package org.lifeline.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lifeline.engine.Evaluation;
import org.lifeline.engine.EvaluationStoppedException;
import org.lifeline.engine.Lifeline;
import org.lifeline.engine.Monitor;
import org.lifeline.engine.RuleFailureException;
import org.lifeline.engine.Violation;
import org.lifeline.engine.ViolationListener;
import org.lifeline.fact.FactSet;
import org.lifeline.fact.OrgType;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;

/** The auto-configuration, one small context per case (ApplicationContextRunner). */
class LifelineAutoConfigurationTest {

    private static final LocalDate JULY_1 = LocalDate.of(2018, 7, 1);

    @TempDir
    Path dir;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(LifelineAutoConfiguration.class));

    private ApplicationContextRunner onRulesDir(String... properties) {
        return runner.withPropertyValues("lifeline.rules-dir=" + dir).withPropertyValues(properties);
    }

    @Test
    void withoutSettingsTheBundledRulesAreCompiledAndNothingLiveStarts() {
        runner.run(ctx -> {
            assertThat(ctx).hasNotFailed().hasSingleBean(Lifeline.class).hasSingleBean(LifelineService.class)
                    .doesNotHaveBean(Monitor.class).doesNotHaveBean(RulesReloader.class);
            assertThat(ctx.getBean(Lifeline.class).ruleIds()).contains("T01.GRADUATE_COUNT_NOT_REPORTED",
                    "T04.HOLLOW_BRANCH", "T14.REWARD_PUNISHMENT_NOT_ENTERED");
            assertThat(ctx.getBean(LifelineService.class).lifeline()).isSameAs(ctx.getBean(Lifeline.class));
        });
    }

    @Test
    void aRulesDirIsCompiledAndTheServiceEvaluatesWithIt() {
        TestRules.valid(dir);
        onRulesDir().run(ctx -> {
            assertThat(ctx.getBean(Lifeline.class).ruleIds()).containsExactly("T04.HOLLOW_BRANCH");
            Evaluation e = ctx.getBean(LifelineService.class).evaluate(TestRules.provinceFacts(), JULY_1);
            assertThat(e.violations()).extracting(Violation::subjectId).containsExactly("B2");
        });
    }

    @Test
    void theBuilderOptionsFollowTheProperties() {
        TestRules.write(dir, Map.of("calendar.yaml", TestRules.CALENDAR, "t04.drl", TestRules.HOLLOW_BRANCH,
                "fragile.drl", TestRules.NUMBERED_BRANCH));
        onRulesDir("lifeline.only-rules=T04.NUMBERED_BRANCH").run(ctx -> {
            assertThat(ctx.getBean(Lifeline.class).ruleIds()).containsExactly("T04.NUMBERED_BRANCH");
            Evaluation e = ctx.getBean(LifelineService.class).evaluate(TestRules.provinceFacts(), JULY_1);
            assertThat(e.failures()).isNotEmpty().allSatisfy(f -> assertThat(f.ruleId()).isEqualTo("T04.NUMBERED_BRANCH"));
        });
        onRulesDir("lifeline.fail-fast=true").run(ctx -> assertThatThrownBy(() -> ctx.getBean(LifelineService.class)
                .evaluate(TestRules.provinceFacts(), JULY_1)).isInstanceOf(RuleFailureException.class));
        TestRules.write(dir, Map.of("loop.drl", TestRules.UPDATE_LOOP));
        onRulesDir("lifeline.only-rules=T04.UPDATE_LOOP").run(ctx -> assertThat(ctx)
                .as("the guard refuses update() unless the rules are trusted").hasFailed());
        onRulesDir("lifeline.only-rules=T04.UPDATE_LOOP", "lifeline.trust-rules=true", "lifeline.firing-limit-per-fact=1")
                .run(ctx -> assertThatThrownBy(() -> ctx.getBean(LifelineService.class).evaluate(
                        FactSet.of(List.of(TestRules.org("GD", null, OrgType.PROVINCIAL_COMMITTEE),
                                TestRules.org("B9", "GD", OrgType.BRANCH))), JULY_1))
                        .isInstanceOf(EvaluationStoppedException.class).hasMessageContaining("T04.UPDATE_LOOP"));
    }

    @Test
    void builderCustomizerBeansAdjustTheRulesAfterTheProperties() {
        TestRules.write(dir, Map.of("calendar.yaml", TestRules.CALENDAR, "t04.drl", TestRules.HOLLOW_BRANCH,
                "fragile.drl", TestRules.NUMBERED_BRANCH));
        onRulesDir("lifeline.only-rules=T04.NUMBERED_BRANCH")
                .withBean(LifelineBuilderCustomizer.class, () -> b -> b.onlyRules(List.of("T04.HOLLOW_BRANCH")))
                .run(ctx -> assertThat(ctx.getBean(Lifeline.class).ruleIds()).containsExactly("T04.HOLLOW_BRANCH"));
    }

    @Test
    void aBadRulesDirFailsTheStartUpWithEveryFileAndLine() {
        TestRules.valid(dir);
        TestRules.broken(dir);
        onRulesDir().run(ctx -> assertThat(ctx).hasFailed().getFailure()
                .hasMessageContaining("lifeline.rules-dir " + dir)
                .hasMessageContaining("t04.drl:14"));
    }

    @Test
    void aMissingRulesDirFailsTheStartUpNamingIt() {
        runner.withPropertyValues("lifeline.rules-dir=" + dir.resolve("nowhere")).run(ctx -> assertThat(ctx).hasFailed()
                .getFailure().hasMessageContaining(dir.resolve("nowhere") + ": not a directory"));
    }

    @Test
    void aHostsOwnLifelineBeanIsUsedAndNoneIsCompiled() {
        TestRules.valid(dir);
        Lifeline own = Lifeline.fromDirectory(dir);
        runner.withPropertyValues("lifeline.rules-dir=" + dir.resolve("never-read"))
                .withBean(Lifeline.class, () -> own).run(ctx -> {
                    assertThat(ctx).hasNotFailed().hasSingleBean(Lifeline.class);
                    assertThat(ctx.getBean(Lifeline.class)).isSameAs(own);
                    assertThat(ctx.getBean(LifelineService.class).lifeline()).isSameAs(own);
                });
    }

    @Test
    void theMonitorTellsEveryListenerBeanInOrderAndPublishesEventsEvenWhenOneListenerThrows() {
        TestRules.valid(dir);
        onRulesDir("lifeline.monitor.enabled=true", "lifeline.monitor.as-of=2018-07-01")
                .withUserConfiguration(Listeners.class).run(ctx -> {
                    Monitor monitor = ctx.getBean(Monitor.class);
                    assertThat(monitor.asOf()).isEqualTo(JULY_1);
                    monitor.insertAll(TestRules.province());
                    monitor.insert(org.lifeline.fact.Member.of("M2", "B2"));
                    Listeners heard = ctx.getBean(Listeners.class);
                    assertThat(heard.heard).containsExactly("first raised B2", "event raised B2",
                            "first resolved B2", "event resolved B2");
                    Health health = ctx.getBean("lifelineHealthIndicator", HealthIndicator.class).health();
                    assertThat(health.getStatus()).isEqualTo(Status.UP);
                    assertThat(health.getDetails()).containsEntry("monitor", "running")
                            .containsEntry("monitorAsOf", "2018-07-01").containsEntry("monitorViolations", 0);
                    assertThat(detail(health, "lastFailure")).containsEntry("kind", "listener")
                            .hasEntrySatisfying("detail", d -> assertThat((String) d).contains("IllegalStateException"));
                    ctx.close();
                    assertThatThrownBy(() -> monitor.insert(TestRules.org("B3", "GD", OrgType.BRANCH)))
                            .as("closed with the context").hasMessageContaining("closed");
                });
    }

    @Test
    void theMonitorStartsToday() {
        TestRules.valid(dir);
        onRulesDir("lifeline.monitor.enabled=true").run(ctx ->
                assertThat(ctx.getBean(Monitor.class).asOf()).isEqualTo(LocalDate.now()));
    }

    @Test
    void healthIsUpWithTheRulesAndTheLastEvaluationAndNamesItsRuleFailures() {
        TestRules.write(dir, Map.of("calendar.yaml", TestRules.CALENDAR, "t04.drl", TestRules.HOLLOW_BRANCH,
                "fragile.drl", TestRules.NUMBERED_BRANCH));
        onRulesDir().run(ctx -> {
            HealthIndicator indicator = ctx.getBean("lifelineHealthIndicator", HealthIndicator.class);
            Health before = indicator.health();
            assertThat(before.getStatus()).isEqualTo(Status.UP);
            assertThat(before.getDetails()).containsEntry("rules", 2)
                    .containsEntry("rulesVersion", ctx.getBean(Lifeline.class).rulesVersion())
                    .doesNotContainKeys("monitor", "lastEvaluation", "lastFailure");

            ctx.getBean(LifelineService.class).evaluate(TestRules.provinceFacts(), JULY_1);
            Health after = indicator.health();
            assertThat(after.getStatus()).as("the other findings stand").isEqualTo(Status.UP);
            assertThat(detail(after, "lastEvaluation")).containsEntry("asOf", "2018-07-01")
                    .containsEntry("violations", 1).containsEntry("ruleFailures", 2);
            assertThat(detail(after, "lastFailure")).containsEntry("kind", "rule")
                    .hasEntrySatisfying("detail", d -> assertThat((String) d).contains("T04.NUMBERED_BRANCH")
                            .doesNotContain("B1支部"));
        });
    }

    @Test
    void healthIsDownWhileTheMonitorIsStoppedAndWhenTheLastEvaluationDidNotFinish() {
        TestRules.write(dir, Map.of("calendar.yaml", TestRules.CALENDAR, "loop.drl", TestRules.UPDATE_LOOP));
        onRulesDir("lifeline.trust-rules=true", "lifeline.firing-limit-per-fact=1", "lifeline.monitor.enabled=true",
                "lifeline.monitor.as-of=2018-07-01").run(ctx -> {
                    HealthIndicator indicator = ctx.getBean("lifelineHealthIndicator", HealthIndicator.class);
                    Monitor monitor = ctx.getBean(Monitor.class);
                    monitor.insert(TestRules.org("GD", null, OrgType.PROVINCIAL_COMMITTEE));
                    assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
                    assertThatThrownBy(() -> monitor.insert(TestRules.org("B9", "GD", OrgType.BRANCH)))
                            .isInstanceOf(EvaluationStoppedException.class);
                    Health stopped = indicator.health();
                    assertThat(stopped.getStatus()).isEqualTo(Status.DOWN);
                    assertThat(stopped.getDetails()).containsEntry("monitor", "stopped")
                            .hasEntrySatisfying("monitorStoppedBy", s -> assertThat((String) s).startsWith("T04.UPDATE_LOOP"));
                });
        TestRules.write(dir, Map.of("loop.drl", TestRules.UPDATE_LOOP));
        onRulesDir("lifeline.trust-rules=true", "lifeline.firing-limit-per-fact=1").run(ctx -> {
            LifelineService service = ctx.getBean(LifelineService.class);
            FactSet loops = FactSet.of(List.of(TestRules.org("GD", null, OrgType.PROVINCIAL_COMMITTEE),
                    TestRules.org("B9", "GD", OrgType.BRANCH)));
            assertThatThrownBy(() -> service.evaluate(loops, JULY_1)).isInstanceOf(EvaluationStoppedException.class);
            Health h = ctx.getBean("lifelineHealthIndicator", HealthIndicator.class).health();
            assertThat(h.getStatus()).isEqualTo(Status.DOWN);
            assertThat(detail(h, "lastEvaluation")).hasEntrySatisfying("result",
                    r -> assertThat((String) r).startsWith("EvaluationStoppedException"));
            assertThat(detail(h, "lastFailure")).containsEntry("kind", "evaluation");
        });
    }

    @Test
    void withoutActuatorThereIsNoHealthIndicatorAndWithoutARegistryNoMeters() {
        TestRules.valid(dir);
        onRulesDir().withClassLoader(new FilteredClassLoader(HealthIndicator.class, MeterRegistry.class)).run(ctx ->
                assertThat(ctx).hasNotFailed().doesNotHaveBean("lifelineHealthIndicator")
                        .doesNotHaveBean(LifelineMetrics.class));
        onRulesDir().run(ctx -> assertThat(ctx).hasBean("lifelineHealthIndicator").doesNotHaveBean(LifelineMetrics.class));
        onRulesDir("management.health.lifeline.enabled=false").run(ctx ->
                assertThat(ctx).doesNotHaveBean("lifelineHealthIndicator"));
    }

    @Test
    void metricsTimeEvaluationsAndCountViolationsRuleFailuresAndLiveChanges() {
        TestRules.write(dir, Map.of("calendar.yaml", TestRules.CALENDAR, "t04.drl", TestRules.HOLLOW_BRANCH,
                "fragile.drl", TestRules.NUMBERED_BRANCH));
        onRulesDir("lifeline.monitor.enabled=true", "lifeline.monitor.as-of=2018-07-01")
                .withBean(SimpleMeterRegistry.class).run(ctx -> {
                    MeterRegistry meters = ctx.getBean(MeterRegistry.class);
                    LifelineService service = ctx.getBean(LifelineService.class);
                    service.evaluate(TestRules.provinceFacts(), JULY_1);
                    service.evaluate(TestRules.provinceFacts(), JULY_1);
                    assertThat(meters.get("lifeline.evaluation").tag("outcome", "rule-failures").timer().count()).isEqualTo(2);
                    assertThat(meters.get("lifeline.violations").tags("severity", "VIOLATION", "task", "4").gauge().value())
                            .isEqualTo(1.0);
                    assertThat(meters.get("lifeline.rule.failures").tag("rule", "T04.NUMBERED_BRANCH").counter().count())
                            .as("two branches, twice").isEqualTo(4.0);
                    service.evaluate(FactSet.of(List.of(TestRules.org("GD", null, OrgType.PROVINCIAL_COMMITTEE))), JULY_1);
                    assertThat(meters.get("lifeline.evaluation").tag("outcome", "ok").timer().count()).isEqualTo(1);
                    assertThat(meters.get("lifeline.violations").tags("severity", "VIOLATION", "task", "4").gauge().value())
                            .as("gone in the last evaluation").isZero();

                    Monitor monitor = ctx.getBean(Monitor.class);
                    monitor.insertAll(TestRules.province());
                    assertThat(meters.get("lifeline.monitor.violations").tags("severity", "VIOLATION", "task", "4")
                            .gauge().value()).isEqualTo(1.0);
                    monitor.insert(org.lifeline.fact.Member.of("M2", "B2"));
                    assertThat(meters.get("lifeline.monitor.violations").tags("severity", "VIOLATION", "task", "4")
                            .gauge().value()).isZero();
                    assertThat(meters.get("lifeline.monitor.changes").tag("change", "raised").counter().count()).isEqualTo(1);
                    assertThat(meters.get("lifeline.monitor.changes").tag("change", "resolved").counter().count()).isEqualTo(1);
                });
    }

    @Test
    void watchReloadsTheMonitorAndTheServiceAndKeepsTheRulesWhenAnEditDoesNotCompile() {
        TestRules.valid(dir);
        onRulesDir("lifeline.watch=true", "lifeline.monitor.enabled=true", "lifeline.monitor.as-of=2018-07-01")
                .withUserConfiguration(Listeners.class).withBean(SimpleMeterRegistry.class).run(ctx -> {
                    LifelineService service = ctx.getBean(LifelineService.class);
                    String started = service.lifeline().rulesVersion();
                    Listeners heard = ctx.getBean(Listeners.class);
                    ctx.getBean(Monitor.class).insertAll(TestRules.province());
                    assertThat(heard.heard).contains("first raised B2");

                    // policy staff move the deadline to 07-05: the violation becomes a warning
                    Files.writeString(dir.resolve("calendar.yaml"), TestRules.CALENDAR.replace("2018-06-30", "2018-07-05"));
                    await(() -> heard.heard.contains("event changed VIOLATION to WARNING"));
                    assertThat(heard.heard).endsWith("first changed B2 WARNING", "event changed VIOLATION to WARNING");
                    assertThat(service.lifeline().rulesVersion()).isNotEqualTo(started);
                    assertThat(service.evaluate(TestRules.provinceFacts(), JULY_1).violations())
                            .extracting(Violation::severity).containsExactly(org.lifeline.engine.Severity.WARNING);
                    MeterRegistry meters = ctx.getBean(MeterRegistry.class);
                    assertThat(meters.get("lifeline.reloads").tag("result", "loaded").counter().count()).isEqualTo(1);

                    // then someone breaks the file: the rules in use stay, health says why
                    String reloaded = service.lifeline().rulesVersion();
                    TestRules.broken(dir);
                    HealthIndicator health = ctx.getBean("lifelineHealthIndicator", HealthIndicator.class);
                    await(() -> health.health().getDetails().get("lastFailure") instanceof Map<?, ?> f
                            && "reload".equals(f.get("kind")));
                    assertThat(detail(health.health(), "lastFailure")).containsEntry("kind", "reload")
                            .hasEntrySatisfying("detail", d -> assertThat((String) d).contains("t04.drl:14"));
                    assertThat(health.health().getStatus()).isEqualTo(Status.UP);
                    assertThat(service.lifeline().rulesVersion()).isEqualTo(reloaded);
                    assertThat(meters.get("lifeline.reloads").tag("result", "refused").counter().count()).isEqualTo(1);
                });
        assertThat(Thread.getAllStackTraces().keySet()).as("the watcher is closed with the context")
                .noneMatch(t -> t.getName().equals("lifeline-rules-watcher") && t.isAlive() && waitFor(t));
    }

    @Test
    void watchWithoutAMonitorStillReloadsTheService() {
        TestRules.valid(dir);
        onRulesDir("lifeline.watch=true").run(ctx -> {
            LifelineService service = ctx.getBean(LifelineService.class);
            assertThat(ctx).doesNotHaveBean(Monitor.class);
            Files.writeString(dir.resolve("calendar.yaml"), TestRules.CALENDAR.replace("2018-06-30", "2018-07-05"));
            await(() -> service.evaluate(TestRules.provinceFacts(), JULY_1).violations().stream()
                    .anyMatch(v -> v.severity() == org.lifeline.engine.Severity.WARNING));
        });
    }

    @Test
    void watchWithoutARulesDirFailsTheStartUp() {
        runner.withPropertyValues("lifeline.watch=true").withBean(Lifeline.class, () -> Lifeline.fromDirectory(TestRules.valid(dir)))
                .run(ctx -> assertThat(ctx).hasFailed().getFailure()
                        .hasMessageContaining("lifeline.watch=true needs lifeline.rules-dir"));
    }

    /** Two listener beans (the second throws) and an event listener, in the order they are called. */
    @Configuration(proxyBeanMethods = false)
    static class Listeners {
        final List<String> heard = new CopyOnWriteArrayList<>();

        @Bean
        @Order(1)
        ViolationListener first() {
            return new ViolationListener() {
                @Override
                public void raised(Violation v) {
                    heard.add("first raised " + v.subjectId());
                }

                @Override
                public void resolved(Violation v) {
                    heard.add("first resolved " + v.subjectId());
                }

                @Override
                public void changed(Violation before, Violation after) {
                    heard.add("first changed " + after.subjectId() + " " + after.severity());
                }
            };
        }

        @Bean
        @Order(2)
        ViolationListener throwing() {
            return new ViolationListener() {
                @Override
                public void raised(Violation v) {
                    throw new IllegalStateException("a host bug");
                }

                @Override
                public void resolved(Violation v) {
                    throw new IllegalStateException("a host bug");
                }
            };
        }

        @EventListener
        void on(ViolationRaisedEvent e) {
            heard.add("event raised " + e.violation().subjectId());
        }

        @EventListener
        void on(ViolationChangedEvent e) {
            heard.add("event changed " + e.before().severity() + " to " + e.after().severity());
        }

        @EventListener
        void on(ViolationResolvedEvent e) {
            heard.add("event resolved " + e.violation().subjectId());
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> detail(Health h, String key) {
        assertThat(h.getDetails()).containsKey(key);
        return (Map<String, Object>) h.getDetails().get(key);
    }

    /** Waits up to 20 s for the background watcher. */
    private static void await(BooleanSupplier done) throws InterruptedException {
        long until = System.nanoTime() + 20_000_000_000L;
        while (!done.getAsBoolean()) {
            assertThat(System.nanoTime()).as("still waiting after 20 s").isLessThan(until);
            Thread.sleep(50);
        }
    }

    /** True when the thread is still alive after a second. */
    private static boolean waitFor(Thread t) {
        try {
            t.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return t.isAlive();
    }
}

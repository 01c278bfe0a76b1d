package org.lifeline.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.mockito.Mockito.mock;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lifeline.fact.Fact;
import org.lifeline.fact.FactSet;
import org.lifeline.fact.Member;
import org.lifeline.fact.OrgType;
import org.lifeline.fact.Organization;
import org.lifeline.fact.Sector;

/**
 * Every evaluation ends: a consequence that never returns, a rule that re-fires itself forever and a rule that
 * overflows the stack end within the budget (or as a rule failure), in a snapshot and in a live monitor, and a
 * monitor stopped this way does not block other threads.
 */
class RuleBudgetTest {

    @TempDir
    Path dir;

    private final ExecutorService pool = Executors.newCachedThreadPool();

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    private static final LocalDate JULY_1 = LocalDate.of(2018, 7, 1);
    private static final Duration GENEROUS = Duration.ofSeconds(60);

    /** A rule (task 4) about branch B9 only, with this consequence. */
    static String ruleOnB9(String id, String consequence) {
        return """
                package rules;
                import org.lifeline.fact.*;
                function int deeper(int n) { return deeper(n + 1) + 1; }

                rule "%s"
                    @taskId("4") @severity("VIOLATION") @message("{subject}")
                when
                    $o : Organization( id == "B9" )
                then
                    %s
                end
                """.formatted(id, consequence);
    }

    static final String SPIN = ruleOnB9("T04.SPIN", "while (true) { }");
    static final String UPDATE_LOOP = ruleOnB9("T04.UPDATE_LOOP", "update($o);");
    static final String DEEP = ruleOnB9("T04.DEEP", "deeper(0);");

    private Lifeline rules(String hostile, Duration evaluation, Duration change) {
        TestRules.write(dir, Map.of("calendar.yaml", TestRules.CALENDAR, "t04.drl", TestRules.HOLLOW_BRANCH, "hostile.drl", hostile));
        // the guard would refuse some of these; the budget must hold for trusted rules too
        return Lifeline.builder().rulesDirectory(dir).trustRules(true).evaluationTimeout(evaluation).changeTimeout(change).build();
    }

    private static Organization org(String id, String parent, OrgType type) {
        return Organization.of(id, id + "名称", parent, type, Sector.REGIONAL);
    }

    private static final List<Fact> PROVINCE = List.of(org("GD", null, OrgType.PROVINCIAL_COMMITTEE),
            org("B1", "GD", OrgType.BRANCH), org("B2", "GD", OrgType.BRANCH), Member.of("M1", "B1"));
    private static final Organization B9 = org("B9", "GD", OrgType.BRANCH);

    private static FactSet withB9() {
        return FactSet.of(new java.util.ArrayList<>(List.of(PROVINCE.toArray(Fact[]::new))) {
            {
                add(B9);
            }
        });
    }

    @Test
    void aConsequenceThatNeverReturnsEndsAtTheBudgetNamingTheRule() {
        Lifeline lifeline = rules(SPIN, Duration.ofSeconds(2), Duration.ofSeconds(2));
        EvaluationStoppedException e = assertTimeoutPreemptively(GENEROUS,
                () -> catchThrowableOfType(() -> lifeline.evaluate(withB9(), JULY_1), EvaluationStoppedException.class));
        assertThat(e).isNotNull();
        assertThat(e.reason()).isEqualTo(EvaluationStoppedException.Reason.TIMEOUT);
        assertThat(e.failure().ruleId()).isEqualTo("T04.SPIN");
        assertThat(e.failure().facts()).containsExactly("Organization B9");
        assertThat(e.getMessage()).contains("T04.SPIN").contains("2 s").contains("评估已中止");
    }

    @Test
    void aRuleThatUpdatesWhatItMatchesStopsAtTheFiringLimit() {
        Lifeline lifeline = rules(UPDATE_LOOP, Duration.ofSeconds(30), Duration.ofSeconds(30));
        EvaluationStoppedException e = assertTimeoutPreemptively(GENEROUS,
                () -> catchThrowableOfType(() -> lifeline.evaluate(withB9(), JULY_1), EvaluationStoppedException.class));
        assertThat(e).isNotNull();
        assertThat(e.reason()).isEqualTo(EvaluationStoppedException.Reason.FIRING_LIMIT);
        assertThat(e.failure().ruleId()).isEqualTo("T04.UPDATE_LOOP");
        assertThat(e.getMessage()).contains("T04.UPDATE_LOOP").contains("规则循环触发");
        // the same rules without the looping fact finish: the limit is no burden on sound work
        assertThat(lifeline.evaluate(FactSet.of(PROVINCE), JULY_1).ofRule("T04.HOLLOW_BRANCH"))
                .extracting(Violation::subjectId).containsExactly("B2");
    }

    @Test
    void anUpdateLoopUnderAHugeFiringLimitIsHaltedAtTheBudget() {
        TestRules.write(dir, Map.of("calendar.yaml", TestRules.CALENDAR, "t04.drl", TestRules.HOLLOW_BRANCH, "hostile.drl", UPDATE_LOOP));
        Lifeline lifeline = Lifeline.builder().rulesDirectory(dir).trustRules(true).firingLimitPerFact(Integer.MAX_VALUE / 100)
                .evaluationTimeout(Duration.ofSeconds(2)).build();
        EvaluationStoppedException e = assertTimeoutPreemptively(GENEROUS,
                () -> catchThrowableOfType(() -> lifeline.evaluate(withB9(), JULY_1), EvaluationStoppedException.class));
        assertThat(e.reason()).isEqualTo(EvaluationStoppedException.Reason.TIMEOUT);
        assertThat(e.failure().ruleId()).isEqualTo("T04.UPDATE_LOOP");
    }

    @Test
    void aStackOverflowInAConsequenceIsARuleFailureAndTheRestStands() {
        Lifeline lifeline = rules(DEEP, Duration.ofSeconds(30), Duration.ofSeconds(30));
        Evaluation e = assertTimeoutPreemptively(GENEROUS, () -> lifeline.evaluate(withB9(), JULY_1));
        assertThat(e.ofRule("T04.HOLLOW_BRANCH")).extracting(Violation::subjectId).containsExactly("B2", "B9");
        assertThat(e.failures()).singleElement().satisfies(f -> {
            assertThat(f.ruleId()).isEqualTo("T04.DEEP");
            assertThat(f.facts()).containsExactly("Organization B9");
            assertThat(f.error()).contains("StackOverflowError");
        });

        try (Monitor m = lifeline.monitor(JULY_1, mock(ViolationListener.class))) {
            m.insertAll(PROVINCE);
            m.insert(B9);
            assertThat(m.failures()).extracting(RuleFailure::ruleId).containsExactly("T04.DEEP");
            assertThat(m.violations()).extracting(Violation::subjectId).containsExactly("B2", "B9");
            m.insert(Member.of("M2", "B9"));
            assertThat(m.violations()).extracting(Violation::subjectId).containsExactly("B2");
        }

        TestRules.write(dir, Map.of());
        Lifeline strict = Lifeline.builder().rulesDirectory(dir).trustRules(true).failFast(true).build();
        assertThatThrownBy(() -> strict.evaluate(withB9(), JULY_1)).isInstanceOf(RuleFailureException.class)
                .hasMessageContaining("T04.DEEP").hasMessageContaining("StackOverflowError");
    }

    @Test
    void aLiveChangeThatNeverReturnsEndsAtTheBudgetAndDoesNotBlockOtherThreads() throws Exception {
        Lifeline lifeline = rules(SPIN, Duration.ofSeconds(5), Duration.ofSeconds(2));
        ViolationListener listener = mock(ViolationListener.class);
        try (Monitor m = lifeline.monitor(JULY_1, listener)) {
            m.insertAll(PROVINCE);
            assertThat(m.violations()).extracting(Violation::subjectId).containsExactly("B2");

            Future<Throwable> spinning = pool.submit(() -> catchThrowableOfType(() -> m.insert(B9), EvaluationStoppedException.class));
            Thread.sleep(500); // the spinning change holds the monitor
            Future<Throwable> other = pool.submit(() -> catchThrowableOfType(() -> m.insert(Member.of("M2", "B2")), IllegalStateException.class));

            Throwable stopped = spinning.get(GENEROUS.toSeconds(), TimeUnit.SECONDS);
            assertThat(stopped).isInstanceOf(EvaluationStoppedException.class).hasMessageContaining("T04.SPIN");
            Throwable refused = other.get(GENEROUS.toSeconds(), TimeUnit.SECONDS);
            assertThat(refused).as("the host's insert is not blocked forever: it is refused once the monitor stopped")
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("stopped").hasMessageContaining("T04.SPIN");
            assertThat(m.stopped()).isTrue();
            assertThat(m.violations()).extracting(Violation::subjectId).containsExactly("B2");
            assertThat(m.failures()).extracting(RuleFailure::ruleId).containsExactly("T04.SPIN");

            // fixed rules resume the monitor with every fact, the change that looped included
            TestRules.write(dir, Map.of("hostile.drl", ruleOnB9("T04.SPIN", "// fixed")));
            m.reload(Lifeline.builder().rulesDirectory(dir).trustRules(true).build());
            assertThat(m.stopped()).isFalse();
            assertThat(m.violations()).extracting(Violation::subjectId).containsExactly("B2", "B9");
            m.insert(Member.of("M2", "B2"));
            assertThat(m.violations()).extracting(Violation::subjectId).containsExactly("B9");
        }
    }

    @Test
    void aLiveUpdateLoopStopsTheMonitorAtTheFiringLimit() {
        Lifeline lifeline = rules(UPDATE_LOOP, Duration.ofSeconds(30), Duration.ofSeconds(30));
        assertTimeoutPreemptively(GENEROUS, () -> {
            try (Monitor m = lifeline.monitor(JULY_1, mock(ViolationListener.class))) {
                m.insertAll(PROVINCE);
                assertThatThrownBy(() -> m.insert(B9)).isInstanceOf(EvaluationStoppedException.class)
                        .hasMessageContaining("T04.UPDATE_LOOP");
                assertThat(m.stopped()).isTrue();
                assertThatThrownBy(() -> m.insert(Member.of("M2", "B2"))).isInstanceOf(IllegalStateException.class);
                assertThatThrownBy(m::evaluation).isInstanceOf(IllegalStateException.class);
                // reloading the same looping rules fails again and keeps the monitor stopped
                assertThatThrownBy(() -> m.reload(lifeline)).isInstanceOf(EvaluationStoppedException.class);
                assertThat(m.stopped()).isTrue();
            }
        });
    }

    @Test
    void aReloadThatNeverEndsLeavesTheMonitorRunningOnItsRules() throws Exception {
        TestRules.valid(dir);
        Lifeline good = Lifeline.builder().rulesDirectory(dir).evaluationTimeout(Duration.ofSeconds(2)).build();
        Lifeline spinning = rules(SPIN, Duration.ofSeconds(2), Duration.ofSeconds(2));
        try (Monitor m = good.monitor(JULY_1, mock(ViolationListener.class))) {
            m.insertAll(PROVINCE);
            m.insert(B9);
            Future<Throwable> reload = pool.submit(() -> catchThrowableOfType(() -> m.reload(spinning), EvaluationStoppedException.class));
            Thread.sleep(500);
            Future<?> insert = pool.submit(() -> m.insert(Member.of("M2", "B2")));
            assertThat(reload.get(GENEROUS.toSeconds(), TimeUnit.SECONDS)).isNotNull().hasMessageContaining("T04.SPIN");
            insert.get(GENEROUS.toSeconds(), TimeUnit.SECONDS);
            assertThat(m.stopped()).isFalse();
            assertThat(m.violations()).extracting(Violation::subjectId).containsExactly("B9");
        }
    }

    @Test
    void budgetsMustBePositive() {
        assertThatThrownBy(() -> Lifeline.builder().evaluationTimeout(Duration.ZERO).build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Lifeline.builder().firingLimitPerFact(0).build()).isInstanceOf(IllegalArgumentException.class);
    }
}

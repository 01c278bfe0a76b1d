package org.lifeline.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tiny run of the province benchmark so that it cannot rot: it must complete, the rules must find exactly what
 * the plain-Java reference finds, and the live loop must run. No timing is asserted here.
 */
class BenchmarkSmokeTest {

    @TempDir
    Path dir;

    @Test
    void aTinyProvinceRunsAndTheRulesAgreeWithTheReference() throws Exception {
        for (LocalDate asOf : new LocalDate[] {LocalDate.of(2018, 6, 27), LocalDate.of(2018, 10, 1)}) {
            ProvinceBenchmark.Result r = ProvinceBenchmark.run(0.002, asOf, 300, dir.resolve(asOf.toString()));
            assertThat(r.members()).isGreaterThan(5_000);
            assertThat(r.violations()).isPositive();
            assertThat(r.referenceAgrees()).as("rules and reference agree as of " + asOf).isTrue();
            assertThat(r.liveChanges()).isEqualTo(300);
            assertThat(r.row()).startsWith("| 0.00200 |");
        }
    }

    @Test
    void theStartUpBenchmarkStartsAColdJvmThatLoadsTheBundledRulesAndEvaluates() throws Exception {
        StartupBenchmark.Result r = StartupBenchmark.run(1);
        assertThat(r.violations()).as("the 40-fact set has a hollow branch, unreported members…").isEqualTo(
                org.lifeline.engine.Lifeline.bundled().evaluate(StartupBenchmark.smallProvince(), LocalDate.of(2018, 9, 26))
                        .violations().size());
        assertThat(r.bundledMs()).isPositive();
        assertThat(r.firstEvaluationMs()).isPositive();
    }

    @Test
    void aTinyProvinceIsRecordedIntoAHistoryAndReadBack() throws Exception {
        HistoryBenchmark.Result r = HistoryBenchmark.run(0.002, LocalDate.of(2018, 7, 22), dir.resolve("history"));
        assertThat(r.violations()).isPositive();
        assertThat(r.shares()).isPositive();
        assertThat(r.forecasts()).as("ten snapshots of the same shares: a forecast per unit due soon").isPositive();
        assertThat(r.row()).startsWith("| 0.00200 |");
    }
}

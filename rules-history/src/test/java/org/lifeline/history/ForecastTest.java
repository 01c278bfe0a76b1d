package org.lifeline.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lifeline.calendar.CampaignCalendar;
import org.lifeline.engine.Share;
import org.lifeline.fact.FactSet;

class ForecastTest {

    @TempDir
    Path dir;

    static final CampaignCalendar.Step JUL_30_60 = new CampaignCalendar.Step(LocalDate.of(2018, 7, 30), 0.6);

    static final CampaignCalendar CALENDAR = new CampaignCalendar("test", 7, LocalDate.of(2018, 6, 20),
            Map.of("T12.TRANSFER", List.of(new CampaignCalendar.Step(LocalDate.of(2018, 7, 15), 0.3), JUL_30_60)),
            Map.of("forecastSnapshots", 3.0, "forecastDays", 21.0));

    static History.Point point(int day, int done, int total) {
        return new History.Point(LocalDate.of(2018, 7, day), null, done, total);
    }

    @Test
    void theMedianSlopeIgnoresOneOutlier() {
        TheilSen line = TheilSen.fit(new long[] {0, 1, 2, 3, 4}, new double[] {0.10, 0.11, 0.90, 0.13, 0.14});
        assertThat(line.slope()).isCloseTo(0.01, within(1e-9));
        assertThat(line.at(4)).isCloseTo(0.14, within(1e-9));
    }

    @Test
    void noLineThroughPointsOfOneDay() {
        assertThat(TheilSen.fit(new long[] {3, 3}, new double[] {0.1, 0.2})).isNull();
    }

    @Test
    void noForecastFromTwoSnapshots() {
        assertThat(History.forecast("T12.TRANSFER", "S1", List.of(point(10, 1, 20), point(15, 2, 20)), JUL_30_60)).isNull();
    }

    @Test
    void threeSnapshotsProjectTheShareWithAnIntervalAndThePaces() {
        Forecast f = History.forecast("T12.TRANSFER", "S2",
                List.of(point(10, 4, 20), point(15, 6, 20), point(20, 7, 20)), JUL_30_60);
        assertThat(f.projected()).isCloseTo(0.50, within(1e-9));
        assertThat(f.low()).isCloseTo(0.45, within(1e-9));
        assertThat(f.high()).isCloseTo(0.55, within(1e-9));
        assertThat(f.pacePerDay()).isCloseTo(0.015, within(1e-9));
        assertThat(f.neededPerDay()).isCloseTo(0.025, within(1e-9));
        assertThat(f.current()).isCloseTo(0.35, within(1e-9));
        assertThat(f.snapshots()).isEqualTo(3);
        assertThat(f.atRisk()).isTrue();
    }

    @Test
    void aProjectionExactlyAtTheRequiredShareIsNotAtRisk() {
        Forecast f = History.forecast("T12.TRANSFER", "S1",
                List.of(point(10, 2, 10), point(15, 3, 10), point(20, 4, 10)), JUL_30_60);
        assertThat(f.projected()).isCloseTo(0.6, within(1e-9));
        assertThat(f.atRisk()).isFalse();
    }

    @Test
    void aUnitThatAlreadyMeetsTheShareIsNotAtRiskWhateverItsTrend() {
        Forecast f = History.forecast("T12.TRANSFER", "S1",
                List.of(point(10, 9, 10), point(15, 8, 10), point(20, 7, 10)), JUL_30_60);
        assertThat(f.projected()).isCloseTo(0.5, within(1e-9));
        assertThat(f.atRisk()).isFalse();
    }

    @Test
    void projectionsStayWithinZeroAndOne() {
        Forecast f = History.forecast("T12.TRANSFER", "S1",
                List.of(point(10, 1, 10), point(11, 5, 10), point(12, 9, 10)), JUL_30_60);
        assertThat(f.projected()).isEqualTo(1.0);
        assertThat(f.high()).isEqualTo(1.0);
    }

    @Test
    void forecastsUseTheLastKSnapshotsOnlyAndStopWhenTheWarningWindowOpens() {
        try (History h = History.open(dir.resolve("h"))) {
            // an early burst (07-01 → 07-05) that the last k = 3 snapshots no longer see
            int[][] days = {{1, 0}, {5, 8}, {10, 9}, {15, 10}, {20, 11}};
            for (int[] d : days) {
                h.record(HistoryTest.evaluation(LocalDate.of(2018, 7, d[0]), List.of(),
                        List.of(new Share("T12.TRANSFER", "S1", d[1], 20))), HistoryTest.province());
            }
            Forecast f = h.forecasts(LocalDate.of(2018, 7, 20), CALENDAR).get(0);
            assertThat(f.snapshots()).isEqualTo(3);
            assertThat(f.pacePerDay()).isCloseTo(0.01, within(1e-9));
            assertThat(f.projected()).isCloseTo(0.65, within(1e-9));
            assertThat(f.atRisk()).isFalse();
            assertThat(h.forecasts(LocalDate.of(2018, 7, 24), CALENDAR)).as("07-24: the 07-30 warning window is open").isEmpty();
            assertThat(h.forecasts(LocalDate.of(2018, 7, 12), CALENDAR)).as("07-12: the 07-15 milestone is next, its window is open")
                    .isEmpty();
        }
    }
}

package org.lifeline.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.lifeline.engine.Severity;

class CampaignCalendarTest {

    private static final CampaignCalendar CAL = CampaignCalendar.parse("""
            warningDays: 7
            milestones:
              T04:
                - {deadline: 2018-06-30}
              T12.TRANSFER:
                - {deadline: 2018-07-15, required: 0.30}
                - {deadline: 2018-07-30, required: 0.60}
            settings:
              transferPendingDays: 15
            """, "calendar.yaml");

    private static LocalDate d(String s) {
        return LocalDate.parse(s);
    }

    @Test
    void nothingIsInForceBeforeTheWarningWindow() {
        assertThat(CAL.inForce(d("2018-06-23"))).isEmpty();
    }

    @Test
    void theWindowIsTheSevenDaysUpToAndIncludingTheDeadline() {
        assertThat(CAL.inForce(d("2018-06-24")))
                .containsExactly(new Milestone("T04", d("2018-06-30"), null, Severity.WARNING));
        assertThat(CAL.inForce(d("2018-06-30")))
                .containsExactly(new Milestone("T04", d("2018-06-30"), null, Severity.WARNING));
    }

    @Test
    void afterTheDeadlineTheMilestoneIsAViolationForGood() {
        assertThat(CAL.inForce(d("2018-07-01")))
                .containsExactly(new Milestone("T04", d("2018-06-30"), null, Severity.VIOLATION));
        assertThat(CAL.inForce(d("2019-01-01"))).contains(new Milestone("T04", d("2018-06-30"), null, Severity.VIOLATION));
    }

    @Test
    void onlyTheLatestPassedMilestoneIsAViolationAndTheNextInItsWindowAWarning() {
        assertThat(CAL.inForce(d("2018-07-24"))).filteredOn(m -> m.key().equals("T12.TRANSFER")).containsExactlyInAnyOrder(
                new Milestone("T12.TRANSFER", d("2018-07-30"), 0.60, Severity.WARNING),
                new Milestone("T12.TRANSFER", d("2018-07-15"), 0.30, Severity.VIOLATION));
        assertThat(CAL.inForce(d("2018-07-31"))).filteredOn(m -> m.key().equals("T12.TRANSFER")).containsExactly(
                new Milestone("T12.TRANSFER", d("2018-07-30"), 0.60, Severity.VIOLATION));
    }

    @Test
    void settingsAreFacts() {
        assertThat(CAL.settingFacts()).containsExactly(new Setting("transferPendingDays", 15.0));
    }

    @Test
    void badCalendarsNameTheEntry() {
        assertThatThrownBy(() -> CampaignCalendar.parse("""
                warningDays: 7
                milestones:
                  T10:
                    - {deadline: 2018-07-20, required: 0.8}
                    - {deadline: 2018-06-30, required: 0.3}
                """, "cal.yaml")).hasMessage("cal.yaml: milestones.T10: deadlines must be in increasing order (2018-06-30 after 2018-07-20)");
        assertThatThrownBy(() -> CampaignCalendar.parse("""
                warningDays: 7
                milestones:
                  T10:
                    - {deadline: 2018-07-20, required: 80}
                """, "cal.yaml")).hasMessageContaining("milestones.T10.required: expected a share between 0 and 1");
        assertThatThrownBy(() -> CampaignCalendar.parse("milestones: {}", "cal.yaml"))
                .hasMessage("cal.yaml: 'warningDays' is missing or not a number");
        assertThatThrownBy(() -> CampaignCalendar.parse("warningDays: [7\n", "cal.yaml"))
                .isInstanceOf(CalendarException.class).hasMessageStartingWith("cal.yaml:");
    }

    private static final CampaignCalendar V2 = CampaignCalendar.parse("""
            warningDays: 7
            campaignStart: 2018-06-20
            milestones:
              T01:
                - {deadline: 2018-06-22}
              T13.ONLINE_PAYMENT:
                - {deadline: 2018-09-30, required: 0.80, every: month}
            """, "calendar.yaml");

    @Test
    void noWarningBeforeTheCampaignStarts() {
        assertThat(V2.inForce(d("2018-06-19"))).isEmpty();
        assertThat(V2.inForce(d("2018-06-20"))).containsExactly(new Milestone("T01", d("2018-06-22"), null, Severity.WARNING));
        assertThat(V2.inForce(d("2018-06-23"))).containsExactly(new Milestone("T01", d("2018-06-22"), null, Severity.VIOLATION));
    }

    @Test
    void aMonthlyDutyIsDueOnEveryMonthsLastDay() {
        assertThat(V2.inForce(d("2018-09-23"))).filteredOn(m -> m.key().startsWith("T13")).isEmpty();
        assertThat(V2.inForce(d("2018-09-24"))).filteredOn(m -> m.key().startsWith("T13"))
                .containsExactly(new Milestone("T13.ONLINE_PAYMENT", d("2018-09-30"), 0.80, Severity.WARNING));
        assertThat(V2.inForce(d("2018-10-24"))).filteredOn(m -> m.key().startsWith("T13"))
                .containsExactly(new Milestone("T13.ONLINE_PAYMENT", d("2018-09-30"), 0.80, Severity.VIOLATION));
        // the latest month passed, and the current month in its last 7 days (February: 22-28)
        assertThat(V2.inForce(d("2019-02-22"))).filteredOn(m -> m.key().startsWith("T13")).containsExactlyInAnyOrder(
                new Milestone("T13.ONLINE_PAYMENT", d("2019-02-28"), 0.80, Severity.WARNING),
                new Milestone("T13.ONLINE_PAYMENT", d("2019-01-31"), 0.80, Severity.VIOLATION));
        assertThat(V2.inForce(d("2019-02-22")).stream().filter(m -> m.severity() == Severity.WARNING
                && m.key().startsWith("T13")).findFirst().orElseThrow().month()).isEqualTo(java.time.YearMonth.of(2019, 2));
    }

    @Test
    void aMonthlyStepMustFallOnAMonthsLastDayAndComeLast() {
        assertThatThrownBy(() -> CampaignCalendar.parse("""
                warningDays: 7
                milestones:
                  T13.ONLINE_PAYMENT:
                    - {deadline: 2018-09-29, required: 0.80, every: month}
                """, "calendar.yaml")).hasMessageContaining("a monthly step is due on a month's last day");
        assertThatThrownBy(() -> CampaignCalendar.parse("""
                warningDays: 7
                milestones:
                  K:
                    - {deadline: 2018-09-30, every: month}
                    - {deadline: 2018-12-31}
                """, "calendar.yaml")).hasMessageContaining("must be the key's last");
        assertThatThrownBy(() -> CampaignCalendar.parse("""
                warningDays: 7
                milestones:
                  K:
                    - {deadline: 2018-09-30, every: week}
                """, "calendar.yaml")).hasMessageContaining("expected 'month'");
    }
}

package dev.switchboard.api.identity.keys;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UsageWindowsTest {

    @Test
    void daysWeeksAndMonthsStartAtUtcMidnightOnMondayAndTheFirst() {
        // Sunday 2026-11-01 23:59:59.999 UTC: still in the week that began Monday 26 October.
        UsageWindows w = UsageWindows.at(Clock.fixed(Instant.parse("2026-11-01T23:59:59.999Z"), ZoneId.of("Asia/Tokyo")));
        assertThat(w.dayStart()).isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
        assertThat(w.weekStart()).isEqualTo(Instant.parse("2026-10-26T00:00:00Z"));
        assertThat(w.monthStart()).isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));

        UsageWindows next = UsageWindows.at(Clock.fixed(Instant.parse("2026-11-02T00:00:00Z"), ZoneOffset.UTC));
        assertThat(next.dayStart()).isEqualTo(Instant.parse("2026-11-02T00:00:00Z"));
        assertThat(next.weekStart()).isEqualTo(Instant.parse("2026-11-02T00:00:00Z"));
        assertThat(next.monthStart()).isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
    }

    @Test
    void theLimitPeriodFollowsTheKeysReset() {
        UsageWindows w = UsageWindows.at(Clock.fixed(Instant.parse("2026-03-04T10:00:00Z"), ZoneOffset.UTC));
        assertThat(w.periodStart(null)).isEqualTo(Instant.EPOCH);
        assertThat(w.periodStart("daily")).isEqualTo(Instant.parse("2026-03-04T00:00:00Z"));
        assertThat(w.periodStart("weekly")).isEqualTo(Instant.parse("2026-03-02T00:00:00Z"));
        assertThat(w.periodStart("monthly")).isEqualTo(Instant.parse("2026-03-01T00:00:00Z"));
    }

    @Test
    void aLimitPeriodEndsAtTheNextUtcDayWeekOrMonthAndTheCounterOfTheNextPeriodStartsThere() {
        UsageWindows lastSecond = UsageWindows.at(Clock.fixed(Instant.parse("2026-02-28T23:59:59Z"), ZoneOffset.UTC));
        assertThat(lastSecond.periodEnd(null)).isNull();
        assertThat(lastSecond.periodEnd("daily")).isEqualTo(Instant.parse("2026-03-01T00:00:00Z"));
        assertThat(lastSecond.periodEnd("weekly")).isEqualTo(Instant.parse("2026-03-02T00:00:00Z"));
        assertThat(lastSecond.periodEnd("monthly")).isEqualTo(Instant.parse("2026-03-01T00:00:00Z"));

        UsageWindows next = UsageWindows.at(Clock.fixed(Instant.parse("2026-03-01T00:00:00Z"), ZoneOffset.UTC));
        assertThat(next.periodStart("monthly")).isEqualTo(lastSecond.periodEnd("monthly"));
        assertThat(next.periodStart("daily")).isEqualTo(lastSecond.periodEnd("daily"));
        // Sunday 1 March is still in the week that began Monday 23 February
        assertThat(next.periodStart("weekly")).isEqualTo(Instant.parse("2026-02-23T00:00:00Z"));
    }
}

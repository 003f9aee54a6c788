package dev.switchboard.api.identity.keys;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;

/**
 * The UTC boundaries the key counters and limit resets use: a day starts at 00:00 UTC, a week on
 * Monday 00:00 UTC, a month on the 1st at 00:00 UTC (OpenRouter's definitions).
 *
 * @param dayStart   start of the current UTC day
 * @param weekStart  start of the current UTC week
 * @param monthStart start of the current UTC month
 */
record UsageWindows(Instant dayStart, Instant weekStart, Instant monthStart) {

    static UsageWindows at(Clock clock) {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        return new UsageWindows(start(today),
                start(today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))),
                start(today.withDayOfMonth(1)));
    }

    /** Where the current limit period of a key with {@code limitReset} began; {@link Instant#EPOCH} for none. */
    Instant periodStart(String limitReset) {
        if (limitReset == null) {
            return Instant.EPOCH;
        }
        return switch (limitReset) {
            case "daily" -> dayStart;
            case "weekly" -> weekStart;
            case "monthly" -> monthStart;
            default -> throw new IllegalArgumentException("unknown limit_reset " + limitReset);
        };
    }

    /** Where the current limit period ends; {@code null} for a limit that never resets. */
    Instant periodEnd(String limitReset) {
        if (limitReset == null) {
            return null;
        }
        return switch (limitReset) {
            case "daily" -> dayStart.plus(1, ChronoUnit.DAYS);
            case "weekly" -> weekStart.plus(7, ChronoUnit.DAYS);
            case "monthly" -> monthStart.atOffset(ZoneOffset.UTC).plusMonths(1).toInstant();
            default -> throw new IllegalArgumentException("unknown limit_reset " + limitReset);
        };
    }

    private static Instant start(LocalDate date) {
        return date.atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}

package dev.switchboard.api.identity.keys;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

import dev.switchboard.api.generation.RecordedGenerations;
import dev.switchboard.api.identity.ApiIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

class KeyUsageCountersTests extends ApiIntegrationTest {

    @Autowired
    DatabaseClient db;

    @Test
    void countersSumTheKeysChargedGenerationsExactlyPerUtcWindowAndByokSeparately() {
        Browser browser = signUp(uniqueEmail("counters"));
        UUID org = UUID.fromString(browser.orgId());
        Map<String, Object> created = createKey(browser, Map.of("name", "metered", "limit", 1, "limit_reset", "weekly"));
        String key = (String) created.get("key");
        String hash = (String) ((Map<?, ?>) created.get("data")).get("hash");
        String otherHash = (String) ((Map<?, ?>) createKey(browser, Map.of("name", "other")).get("data")).get("hash");
        RecordedGenerations generations = new RecordedGenerations(db);
        UsageWindows now = UsageWindows.at(Clock.systemUTC());
        Duration micro = Duration.ofNanos(1_000);

        // amounts in nanos; each timestamp is at or just before a UTC boundary
        Instant[] at = {now.dayStart(), now.dayStart().minus(micro), now.weekStart().minus(micro),
                now.monthStart().minus(micro), now.monthStart().minus(Duration.ofDays(400))};
        long[] charged = {100_000_001L, 20_000_003L, 3_000_007L, 400_009L, 50_000L};
        long expectedDaily = 0, expectedWeekly = 0, expectedMonthly = 0, expectedTotal = 0;
        for (int i = 0; i < at.length; i++) {
            long fee = charged[i] / 20;
            generations.platform(org, hash, "openai/gpt-4o", "openai", at[i], charged[i] - fee, fee);
            expectedTotal += charged[i];
            expectedDaily += at[i].isBefore(now.dayStart()) ? 0 : charged[i];
            expectedWeekly += at[i].isBefore(now.weekStart()) ? 0 : charged[i];
            expectedMonthly += at[i].isBefore(now.monthStart()) ? 0 : charged[i];
        }
        generations.byok(org, hash, "openai/gpt-4o", "openai", now.dayStart().plusSeconds(1), 2_000_000_000L, 100_000_000L);
        generations.platform(org, otherHash, "openai/gpt-4o", "openai", now.dayStart().plusSeconds(2), 7_000_000L, 0);
        expectedTotal += 100_000_000L;
        expectedDaily += 100_000_000L;
        expectedWeekly += 100_000_000L;
        expectedMonthly += 100_000_000L;

        Map<?, ?> data = (Map<?, ?>) web.get().uri("/api/v1/key").header("Authorization", "Bearer " + key)
                .exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody().get("data");

        assertThat(usd(data.get("usage"))).isEqualByComparingTo(nanos(expectedTotal));
        assertThat(usd(data.get("usage_daily"))).isEqualByComparingTo(nanos(expectedDaily));
        assertThat(usd(data.get("usage_weekly"))).isEqualByComparingTo(nanos(expectedWeekly));
        assertThat(usd(data.get("usage_monthly"))).isEqualByComparingTo(nanos(expectedMonthly));
        assertThat(usd(data.get("byok_usage"))).isEqualByComparingTo("2");
        assertThat(usd(data.get("byok_usage_daily"))).isEqualByComparingTo("2");
        // weekly limit of $1: what this week charged is subtracted, BYOK list value is not (include_byok_in_limit false)
        assertThat(usd(data.get("limit_remaining"))).isEqualByComparingTo(BigDecimal.ONE.subtract(nanos(expectedWeekly)));

        patchKey(browser, hash, Map.of("include_byok_in_limit", true));
        web.get().uri("/api/v1/keys/" + hash).cookie("SESSION", browser.session())
                .exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$.data.limit_remaining").isEqualTo(0)
                .jsonPath("$.data.byok_usage_weekly").isEqualTo(2);
        web.get().uri("/api/v1/keys").cookie("SESSION", browser.session())
                .exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$.data[?(@.hash == '" + otherHash + "')].usage").isEqualTo(0.007);
    }

    private void patchKey(Browser browser, String hash, Map<String, Object> body) {
        web.patch().uri("/api/v1/keys/" + hash)
                .cookie("SESSION", browser.session()).cookie("XSRF-TOKEN", browser.xsrf())
                .header("X-XSRF-TOKEN", browser.xsrf())
                .contentType(org.springframework.http.MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange().expectStatus().isOk();
    }

    private static BigDecimal usd(Object json) {
        return new BigDecimal(json.toString());
    }

    private static BigDecimal nanos(long nanos) {
        return BigDecimal.valueOf(nanos, 9);
    }
}

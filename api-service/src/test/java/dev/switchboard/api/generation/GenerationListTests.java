package dev.switchboard.api.generation;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

import dev.switchboard.api.identity.ApiIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

class GenerationListTests extends ApiIntegrationTest {

    @Autowired
    DatabaseClient db;

    @Test
    void pagesWalkEveryGenerationNewestFirstOnceAndFiltersNarrowThem() {
        Browser browser = signUp(uniqueEmail("gens"));
        UUID org = UUID.fromString(browser.orgId());
        String hash = (String) ((Map<?, ?>) createKey(browser, Map.of("name", "k")).get("data")).get("hash");
        RecordedGenerations generations = new RecordedGenerations(db);
        Instant base = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(1, ChronoUnit.HOURS);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            // two generations share each second, so the id breaks ties
            expected.add(generations.platform(org, i % 2 == 0 ? hash : null, i < 4 ? "m/a" : "m/b", "openai",
                    base.plusSeconds(i / 2), 1000, 50));
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Map<?, ?> page = web.get().uri("/api/v1/generations?limit=3" + (cursor == null ? "" : "&cursor=" + cursor))
                    .cookie("SESSION", browser.session())
                    .exchange().expectStatus().isOk()
                    .expectBody(Map.class).returnResult().getResponseBody();
            ((List<?>) page.get("data")).forEach(item -> seen.add((String) ((Map<?, ?>) item).get("id")));
            cursor = (String) page.get("next_cursor");
            pages++;
        } while (cursor != null);

        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactlyInAnyOrderElementsOf(expected).doesNotHaveDuplicates();

        web.get().uri("/api/v1/generations?model=m/b&key=" + hash).cookie("SESSION", browser.session())
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.data.length()").isEqualTo(2).jsonPath("$.next_cursor").isEmpty()
                .jsonPath("$.data[0].api_key_hash").isEqualTo(hash).jsonPath("$.data[1].api_key_hash").isEqualTo(hash);
        web.get().uri("/api/v1/generations?from=" + base.plusSeconds(3) + "&to=" + base.plusSeconds(4))
                .cookie("SESSION", browser.session())
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.data.length()").isEqualTo(1);
        web.get().uri("/api/v1/generations?cursor=bogus!").cookie("SESSION", browser.session())
                .exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.error.code").isEqualTo(400);
        web.get().uri("/api/v1/generations?limit=101").cookie("SESSION", browser.session())
                .exchange().expectStatus().isBadRequest();
    }

    @Test
    void activityGroupsTheLastThirtyUtcDaysByDayModelAndProviderWithByokApart() {
        Browser browser = signUp(uniqueEmail("activity"));
        UUID org = UUID.fromString(browser.orgId());
        RecordedGenerations generations = new RecordedGenerations(db);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Instant todayStart = today.atStartOfDay(ZoneOffset.UTC).toInstant();
        generations.platform(org, null, "m/a", "openai", todayStart, 1_000_000, 50_000);
        generations.platform(org, null, "m/a", "openai", todayStart.plusSeconds(1), 2_000_000, 100_000);
        generations.byok(org, null, "m/a", "anthropic", todayStart.plusSeconds(2), 4_000_000, 200_000);
        generations.platform(org, null, "m/a", "openai", todayStart.minus(29, ChronoUnit.DAYS), 1, 0);
        generations.platform(org, null, "m/a", "openai", todayStart.minus(30, ChronoUnit.DAYS), 999, 0);

        web.get().uri("/api/v1/activity").cookie("SESSION", browser.session())
                .exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$.data.length()").isEqualTo(3)
                .jsonPath("$.data[0].date").isEqualTo(today.toString())
                .jsonPath("$.data[0].provider_name").isEqualTo("anthropic")
                .jsonPath("$.data[0].usage").isEqualTo(0.0002)
                .jsonPath("$.data[0].byok_usage_inference").isEqualTo(0.004)
                .jsonPath("$.data[1].provider_name").isEqualTo("openai")
                .jsonPath("$.data[1].requests").isEqualTo(2)
                .jsonPath("$.data[1].usage").isEqualTo(0.00315)
                .jsonPath("$.data[1].prompt_tokens").isEqualTo(20)
                .jsonPath("$.data[1].completion_tokens").isEqualTo(40)
                .jsonPath("$.data[1].reasoning_tokens").isEqualTo(6)
                .jsonPath("$.data[2].date").isEqualTo(today.minusDays(29).toString())
                .jsonPath("$.data[2].usage").isEqualTo(0.000000001);
        web.get().uri("/api/v1/activity?date=" + today.minusDays(29)).cookie("SESSION", browser.session())
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.data.length()").isEqualTo(1);
        web.get().uri("/api/v1/activity?date=" + today.minusDays(30)).cookie("SESSION", browser.session())
                .exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.error.code").isEqualTo(400);
    }
}

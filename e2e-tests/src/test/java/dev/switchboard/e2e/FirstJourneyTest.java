package dev.switchboard.e2e;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 2's first journey, end to end through all three services started by the launcher: sign up,
 * create a key, get credits, call the OpenAI-compatible endpoint plain and streamed (the simulated
 * provider and a recorded OpenAI upstream), be charged exactly, and get clear errors. After every
 * step the ledger balances and the credits shown equal grants minus charges.
 */
class FirstJourneyTest extends LaunchedPlatformTest {

    @Test
    void aNewDeveloperSignsUpGetsAKeyAndCreditsAndIsChargedExactlyForEveryKindOfRequest() throws Exception {
        String email = "dev-" + UUID.randomUUID() + "@example.com";
        Http browser = new Http(platform.url());

        // 1. sign up: a user, a personal organisation, a session and the CSRF cookie
        Http.Reply signup = browser.post("/auth/signup", "{\"email\":\"" + email + "\",\"password\":\"correct horse battery\"}");
        assertThat(signup.status()).as(signup.toString()).isEqualTo(201);
        assertThat(browser.cookie("SESSION")).isNotBlank();
        assertThat(browser.cookie("XSRF-TOKEN")).isNotBlank();
        assertBooksBalance(BigDecimal.ZERO, BigDecimal.ZERO, browser);

        // 2. a key, shown once, in OpenRouter's shape
        Http.Reply created = browser.post("/api/v1/keys", "{\"name\":\"first key\",\"limit\":5}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String key = created.json().get("key").asString();
        assertThat(key).startsWith("sk-sb-v1-");
        assertThat(created.json().path("data").path("hash").asString()).hasSize(64);
        assertThat(created.body()).containsOnlyOnce(key);
        Http sdk = new Http(platform.url()).bearer(key);
        assertBooksBalance(BigDecimal.ZERO, BigDecimal.ZERO, sdk);

        // 3. the operator grants $10
        Http operator = new Http(platform.url()).bearer(platform.adminToken);
        Http.Reply grant = operator.post("/api/admin/credits",
                "{\"email\":\"" + email + "\",\"amount_usd\":10,\"note\":\"welcome\"}");
        assertThat(grant.status()).as(grant.toString()).isEqualTo(200);
        BigDecimal granted = new BigDecimal("10");
        assertBooksBalance(granted, BigDecimal.ZERO, sdk);

        // 4. chat: plain and streamed, simulated and through the recorded OpenAI upstream, /api/v1 and /v1
        List<BigDecimal> costs = new ArrayList<>();
        List<String> generations = new ArrayList<>();
        String question = "{\"role\":\"user\",\"content\":\"What is the capital of France?\"}";

        Http.Reply plainSim = sdk.post("/api/v1/chat/completions",
                "{\"model\":\"sim/lynx-mini\",\"messages\":[" + question + "]}");
        JsonNode plainSimBody = assertCompletion(plainSim, "sim/lynx-mini");
        costs.add(plainSimBody.path("usage").path("cost").decimalValue());
        generations.add(plainSimBody.get("id").asString());

        Http.Reply streamSim = sdk.post("/api/v1/chat/completions",
                "{\"model\":\"sim/lynx-pro\",\"stream\":true,\"messages\":[" + question + "]}");
        JsonNode simUsage = assertStream(streamSim, "sim/lynx-pro", null);
        costs.add(simUsage.path("usage").path("cost").decimalValue());
        generations.add(simUsage.get("id").asString());

        Http.Reply plainOpenAi = sdk.post("/v1/chat/completions",
                "{\"model\":\"openai/gpt-4o-mini\",\"messages\":[" + question + "]}");
        JsonNode plainOpenAiBody = assertCompletion(plainOpenAi, "openai/gpt-4o-mini");
        assertThat(plainOpenAiBody.path("choices").path(0).path("message").path("content").asString())
                .isEqualTo("Paris is the capital of France.");
        assertThat(plainOpenAiBody.path("usage").path("prompt_tokens").asLong()).isEqualTo(24);
        assertThat(plainOpenAiBody.path("usage").path("completion_tokens").asLong()).isEqualTo(8);
        // gpt-4o-mini: 24 × $0.15/M + 8 × $0.60/M = 8,400 nanos, plus the 5 % platform fee = 8,820 nanos
        assertThat(plainOpenAiBody.path("usage").path("cost").decimalValue()).isEqualByComparingTo("0.00000882");
        costs.add(plainOpenAiBody.path("usage").path("cost").decimalValue());
        generations.add(plainOpenAiBody.get("id").asString());

        Http.Reply streamOpenAi = sdk.post("/api/v1/chat/completions",
                "{\"model\":\"openai/gpt-4o-mini\",\"stream\":true,\"messages\":[" + question + "]}");
        JsonNode openAiUsage = assertStream(streamOpenAi, "openai/gpt-4o-mini", "Paris is the capital.");
        assertThat(openAiUsage.path("usage").path("cost").decimalValue()).isEqualByComparingTo("0.00000630");
        costs.add(openAiUsage.path("usage").path("cost").decimalValue());
        generations.add(openAiUsage.get("id").asString());

        assertThat(upstream.requests).anySatisfy(body -> assertThat(body)
                .contains("\"model\":\"gpt-4o-mini\"").contains("\"include_usage\":true"));

        // 5. charged exactly: credits move by the sum of the generations' costs, and each is on record
        BigDecimal charged = costs.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(charged).isPositive();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertBooksBalance(granted, charged, sdk));
        for (String id : generations) {
            JsonNode record = await().atMost(Duration.ofSeconds(20))
                    .until(() -> sdk.get("/api/v1/generation?id=" + id), reply -> reply.status() == 200)
                    .json().get("data");
            assertThat(record.get("id").asString()).isEqualTo(id);
            assertThat(record.get("tokens_prompt").asLong()).isPositive();
            assertThat(record.get("tokens_completion").asLong()).isPositive();
            assertThat(record.get("total_cost").decimalValue())
                    .isEqualByComparingTo(record.get("upstream_inference_cost").decimalValue()
                            .add(record.get("platform_fee").decimalValue()));
            assertThat(record.get("platform_fee").decimalValue()).isPositive();
            assertThat(record.get("provider_name").asString()).isIn("sim", "openai");
            assertThat(record.get("latency").asLong()).isGreaterThanOrEqualTo(0);
        }
        assertThat(costs.stream().map(BigDecimal::signum)).containsOnly(1);

        // 6. errors in OpenRouter's shape, before any upstream call
        Http broke = newUserWithKey();
        assertError(broke.post("/api/v1/chat/completions", "{\"model\":\"sim/lynx-mini\",\"messages\":[" + question + "]}"), 402);
        assertError(new Http(platform.url()).bearer("sk-sb-v1-" + "0".repeat(64))
                .post("/api/v1/chat/completions", "{\"model\":\"sim/lynx-mini\",\"messages\":[" + question + "]}"), 401);
        assertError(sdk.post("/api/v1/chat/completions", "{\"model\":\"sim/lynx-mini\",\"messages\":["), 400);
        assertError(sdk.post("/api/v1/chat/completions", "{\"messages\":[" + question + "]}"), 400);
        assertError(sdk.post("/api/v1/chat/completions", "{\"model\":\"sim/lynx-mini\"}"), 400);
        assertError(sdk.post("/api/v1/chat/completions", "{\"model\":\"sim/no-such-model\",\"messages\":[" + question + "]}"), 404);
        assertBooksBalance(granted, charged, sdk);
    }

    @Test
    void aStreamTheClientAbandonsIsCancelledUpstreamAndChargedForWhatWasGenerated() throws Exception {
        String email = "stopper-" + UUID.randomUUID() + "@example.com";
        Http browser = new Http(platform.url());
        assertThat(browser.post("/auth/signup", "{\"email\":\"" + email + "\",\"password\":\"stop pressing person\"}").status()).isEqualTo(201);
        String key = browser.post("/api/v1/keys", "{\"name\":\"stopper\"}").json().get("key").asString();
        Http operator = new Http(platform.url()).bearer(platform.adminToken);
        assertThat(operator.post("/api/admin/credits", "{\"email\":\"" + email + "\",\"amount_usd\":1,\"note\":\"t\"}").status()).isEqualTo(200);
        Http sdk = new Http(platform.url()).bearer(key);

        List<String> seen = sdk.streamThenHangUp("/api/v1/chat/completions",
                "{\"model\":\"openai/gpt-4o-mini\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"a slow stream please\"}]}", 5);
        Instant hungUp = Instant.now();
        assertThat(seen).hasSize(5);
        String id = Http.JSON.readTree(seen.getFirst()).get("id").asString();

        // the upstream request is cancelled within a second of the client going away
        Instant upstreamGone = upstream.slowStreamAbandoned.get(5, TimeUnit.SECONDS);
        assertThat(Duration.between(hungUp, upstreamGone)).isLessThan(Duration.ofSeconds(1).plusMillis(200));

        // and what was generated is charged: never zero, never the whole 600-word answer
        JsonNode record = await().atMost(Duration.ofSeconds(20))
                .until(() -> sdk.get("/api/v1/generation?id=" + id), reply -> reply.status() == 200)
                .json().get("data");
        assertThat(record.get("cancelled").asBoolean()).isTrue();
        assertThat(record.get("streamed").asBoolean()).isTrue();
        assertThat(record.get("tokens_completion").asLong()).isBetween(5L, 30L);
        BigDecimal cost = record.get("total_cost").decimalValue();
        assertThat(cost).isPositive();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertBooksBalance(BigDecimal.ONE, cost, sdk));
    }

    private static JsonNode assertCompletion(Http.Reply reply, String model) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        JsonNode body = reply.json();
        assertThat(body.get("id").asString()).startsWith("gen-");
        assertThat(body.get("model").asString()).isEqualTo(model);
        assertThat(body.get("provider").asString()).isNotBlank();
        assertThat(body.path("choices").path(0).path("message").path("content").asString()).isNotBlank();
        assertThat(body.path("usage").path("total_tokens").asLong())
                .isEqualTo(body.path("usage").path("prompt_tokens").asLong() + body.path("usage").path("completion_tokens").asLong());
        assertThat(body.path("usage").path("cost").decimalValue()).isPositive();
        return body;
    }

    /** Checks the SSE framing and returns the usage chunk (the last one before {@code [DONE]}). */
    private static JsonNode assertStream(Http.Reply reply, String model, String expectedText) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.contentType()).startsWith("text/event-stream");
        List<String> data = new ArrayList<>();
        for (String event : reply.body().split("\n\n")) {
            if (event.startsWith("data: ")) {
                data.add(event.substring(6));
            }
        }
        assertThat(data.getLast()).isEqualTo("[DONE]");
        JsonNode usage = Http.JSON.readTree(data.get(data.size() - 2));
        assertThat(usage.path("choices").isArray() && usage.path("choices").isEmpty()).isTrue();
        assertThat(usage.path("usage").path("cost").decimalValue()).isPositive();
        StringBuilder text = new StringBuilder();
        String id = usage.get("id").asString();
        for (String payload : data.subList(0, data.size() - 2)) {
            JsonNode chunk = Http.JSON.readTree(payload);
            assertThat(chunk.get("id").asString()).isEqualTo(id);
            assertThat(chunk.get("model").asString()).isEqualTo(model);
            text.append(chunk.path("choices").path(0).path("delta").path("content").asString(""));
        }
        assertThat(id).startsWith("gen-");
        assertThat(text.toString()).isNotBlank();
        if (expectedText != null) {
            assertThat(text.toString()).isEqualTo(expectedText);
        }
        assertThat((long) data.size() - 2).as("content chunks").isGreaterThan(1);
        return usage;
    }

    private static void assertError(Http.Reply reply, int status) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
        JsonNode error = reply.json().get("error");
        assertThat(error.get("code").asInt()).isEqualTo(status);
        assertThat(error.get("message").asString()).isNotBlank().doesNotContain("Exception").doesNotContain("at dev.");
    }

    private static Http newUserWithKey() throws Exception {
        Http browser = new Http(platform.url());
        String email = "broke-" + UUID.randomUUID() + "@example.com";
        assertThat(browser.post("/auth/signup", "{\"email\":\"" + email + "\",\"password\":\"another good pass\"}").status()).isEqualTo(201);
        Http.Reply key = browser.post("/api/v1/keys", "{\"name\":\"broke\"}");
        assertThat(key.status()).as(key.toString()).isEqualTo(201);
        return new Http(platform.url()).bearer(key.json().get("key").asString());
    }

    /** The ledger balances, and the credits the user sees are exactly grants minus charges. */
    private static void assertBooksBalance(BigDecimal granted, BigDecimal charged, Http caller) throws Exception {
        Http.Reply check = new Http(platform.billingUrl()).bearer(platform.internalToken).get("/internal/ledger/check");
        assertThat(check.status()).as(check.toString()).isEqualTo(200);
        assertThat(check.json().get("balanced").asBoolean()).as(check.toString()).isTrue();
        assertThat(check.json().get("sumDebitsNanos").asLong()).isEqualTo(check.json().get("sumCreditsNanos").asLong());
        Http.Reply credits = caller.get("/api/v1/credits");
        assertThat(credits.status()).as(credits.toString()).isEqualTo(200);
        JsonNode data = credits.json().get("data");
        assertThat(data.get("total_credits").decimalValue()).isEqualByComparingTo(granted);
        assertThat(data.get("total_usage").decimalValue()).isEqualByComparingTo(charged);
    }
}

package dev.switchboard.api.routing;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import dev.switchboard.api.MovableClock;
import dev.switchboard.api.catalog.CatalogView;
import dev.switchboard.api.error.ApiException;
import dev.switchboard.api.provider.ProviderDirectory;
import dev.switchboard.contracts.catalog.AttemptOutcome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every routing control, deterministic: the price-weighted draw uses a seeded generator. */
class RoutePlannerTest {

    static final UUID ORG = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final CandidateConnections PLATFORM = (endpoint, org) ->
            List.of(new Candidate(endpoint, new ProviderDirectory.Connection(null, "http://upstream", "key")));

    final MovableClock clock = new MovableClock();
    final EndpointHealth health = new EndpointHealth(RoutingProperties.DEFAULTS, clock);

    /** acme/chat at four providers; a at 1, b at 2, c at 3, d at 4 micro-USD per token (prompt = completion). */
    static TestCatalog fourProviders() {
        return new TestCatalog().provider("a").provider("b").provider("c").provider("d")
                .model("acme/chat")
                .endpoint("acme/chat", "ep-a", "a", "0.000001", "0.000001")
                .endpoint("acme/chat", "ep-b", "b", "0.000002", "0.000002")
                .endpoint("acme/chat", "ep-c", "c", "0.000003", "0.000003")
                .endpoint("acme/chat", "ep-d", "d", "0.000004", "0.000004");
    }

    RoutePlanner planner(CatalogView view, long seed) {
        return new RoutePlanner(() -> view, PLATFORM, health, new SplittableRandom(seed));
    }

    static RoutingRequest request(String body) {
        return request(body, null);
    }

    static RoutingRequest request(String body, String sessionHeader) {
        ObjectNode node = (ObjectNode) JSON.readTree(body);
        long maxTokens = node.path("max_tokens").asLong(0);
        return RoutingRequest.of(ORG, node, 100, maxTokens, sessionHeader);
    }

    static List<String> endpoints(Route route) {
        return route.candidates().stream().map(c -> c.endpoint().id()).toList();
    }

    static String chat(String extra) {
        return "{\"model\":\"acme/chat\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]" + extra + "}";
    }

    void fail(String endpoint, int times) {
        for (int i = 0; i < times; i++) {
            health.observe(new AttemptOutcome(endpoint, Instant.now(), 503, null, 10, 0));
        }
    }

    void succeed(String endpoint, long ttftMs, long durationMs, long tokens) {
        health.observe(new AttemptOutcome(endpoint, Instant.now(), 200, ttftMs, durationMs, tokens));
    }

    @Test
    void theSameSeedDrawsTheSameOrderAndExplainsEachWeight() {
        CatalogView view = fourProviders().view();
        Route first = planner(view, 7).plan(request(chat("")), null);
        Route again = planner(view, 7).plan(request(chat("")), null);
        assertThat(endpoints(first)).isEqualTo(endpoints(again)).hasSize(4);
        assertThat(first.strategy()).containsExactly("acme/chat: price-weighted");
        // weights 1/p²: 1, 1/4, 1/9, 1/16 → shares 0.70, 0.18, 0.08, 0.04
        assertThat(first.ranked()).anySatisfy(r -> assertThat(r.why()).contains("weight 0.702 (1/price²)"));
        assertThat(first.ranked()).anySatisfy(r -> assertThat(r.why()).contains("weight 0.044 (1/price²)"));
    }

    @Test
    void anUnknownModelIsA404WithTheClosestIds() {
        assertThatThrownBy(() -> planner(fourProviders().view(), 1).plan(request(
                "{\"model\":\"acme/chta\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"), null))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status().value()).isEqualTo(404);
                    assertThat(e.metadata().get("suggestions")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST).contains("acme/chat");
                });
    }

    @Test
    void modelsAreFallbacksTriedAfterEveryEndpointOfTheFirst() {
        CatalogView view = fourProviders().model("acme/backup").endpoint("acme/backup", "ep-z", "a", "0.000001", "0.000001").view();
        Route route = planner(view, 1).plan(request(
                "{\"models\":[\"acme/chat\",\"acme/backup\"],\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"), null);
        assertThat(endpoints(route)).hasSize(5).last().isEqualTo("ep-z");
        assertThat(route.primaryModelId()).isEqualTo("acme/chat");
        assertThat(route.nextModelStart(0)).isEqualTo(4);
    }

    @Test
    void providerOrderComesFirstThenTheRestAsFallbacks() {
        Route route = planner(fourProviders().view(), 1).plan(request(chat(",\"provider\":{\"order\":[\"D\",\"c\"]}")), null);
        assertThat(endpoints(route).subList(0, 2)).containsExactly("ep-d", "ep-c");
        assertThat(endpoints(route)).hasSize(4);
        assertThat(route.ranked().get(0).why()).contains("provider.order[0]");
        assertThat(route.ranked().get(3).why()).contains("not in provider.order: a fallback");
    }

    @Test
    void withoutFallbacksOnlyTheOrderedProvidersAreTried() {
        Route route = planner(fourProviders().view(), 1).plan(request(chat(
                ",\"provider\":{\"order\":[\"d\",\"c\"],\"allow_fallbacks\":false}")), null);
        assertThat(endpoints(route)).containsExactly("ep-d", "ep-c");
        assertThat(route.excluded()).extracting(Exclusion::filter).containsOnly("provider.order").hasSize(2);
    }

    @Test
    void withoutFallbacksOrOrderOnlyTheFirstChoiceIsTried() {
        Route route = planner(fourProviders().view(), 1).plan(request(chat(",\"provider\":{\"allow_fallbacks\":false}")), null);
        assertThat(route.size()).isEqualTo(1);
        assertThat(route.excluded()).extracting(Exclusion::filter).containsOnly("provider.allow_fallbacks").hasSize(3);
    }

    @Test
    void onlyAndIgnoreNarrowTheProviders() {
        Route only = planner(fourProviders().view(), 1).plan(request(chat(",\"provider\":{\"only\":[\"a\",\"b\"]}")), null);
        assertThat(endpoints(only)).containsExactlyInAnyOrder("ep-a", "ep-b");
        Route ignore = planner(fourProviders().view(), 1).plan(request(chat(",\"provider\":{\"ignore\":[\"a\",\"b\"]}")), null);
        assertThat(endpoints(ignore)).containsExactlyInAnyOrder("ep-c", "ep-d");
        assertThat(ignore.excluded()).extracting(Exclusion::filter).containsOnly("provider.ignore");
    }

    @Test
    void sortByPriceIsCheapestFirstWithoutRandomness() {
        Route route = planner(fourProviders().view(), 99).plan(request(chat(",\"provider\":{\"sort\":\"price\"}")), null);
        assertThat(endpoints(route)).containsExactly("ep-a", "ep-b", "ep-c", "ep-d");
        assertThat(route.strategy()).containsExactly("acme/chat: sort:price");
    }

    @Test
    void sortByThroughputAndLatencyUseWhatThisInstanceMeasured() {
        succeed("ep-c", 100, 1_100, 500);   // 500 tok/s, 0.1 s
        succeed("ep-b", 900, 1_900, 50);    // 50 tok/s, 0.9 s
        succeed("ep-d", 300, 1_300, 200);   // 200 tok/s, 0.3 s
        Route throughput = planner(fourProviders().view(), 1).plan(request(chat(",\"provider\":{\"sort\":{\"by\":\"throughput\"}}")), null);
        assertThat(endpoints(throughput)).containsExactly("ep-c", "ep-d", "ep-b", "ep-a");
        assertThat(throughput.ranked().getLast().why()).contains("no throughput measured yet");
        Route latency = planner(fourProviders().view(), 1).plan(request(chat(",\"provider\":{\"sort\":\"latency\"}")), null);
        assertThat(endpoints(latency)).containsExactly("ep-c", "ep-d", "ep-b", "ep-a");
    }

    @Test
    void nitroSortsByThroughputAndFloorByPrice() {
        succeed("ep-d", 100, 1_100, 900);
        Route nitro = planner(fourProviders().view(), 1).plan(request(
                "{\"model\":\"acme/chat:nitro\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"), null);
        assertThat(endpoints(nitro).getFirst()).isEqualTo("ep-d");
        assertThat(nitro.strategy()).containsExactly("acme/chat: sort:throughput");
        Route floor = planner(fourProviders().view(), 1).plan(request(
                "{\"model\":\"acme/chat:floor\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"), null);
        assertThat(endpoints(floor)).containsExactly("ep-a", "ep-b", "ep-c", "ep-d");
    }

    @Test
    void freeKeepsOnlyTheFreeEndpoints() {
        CatalogView view = fourProviders().endpoint("acme/chat", "ep-free", "b", "0", "0").view();
        Route free = planner(view, 1).plan(request(
                "{\"model\":\"acme/chat:free\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"), null);
        assertThat(endpoints(free)).containsExactly("ep-free");
        assertThat(free.excluded()).extracting(Exclusion::filter).containsOnly("variant.free").hasSize(4);
        Route paid = planner(view, 1).plan(request(chat("")), null);
        assertThat(endpoints(paid).getFirst()).as("a free endpoint has infinite 1/price² weight").isEqualTo("ep-free");
    }

    @Test
    void maxPriceRemovesEndpointsAboveAnyLimit() {
        Route route = planner(fourProviders().view(), 1).plan(request(chat(
                ",\"provider\":{\"max_price\":{\"prompt\":2.5,\"completion\":\"3\"}}")), null);
        assertThat(endpoints(route)).containsExactlyInAnyOrder("ep-a", "ep-b");
        assertThat(route.excluded()).extracting(Exclusion::reason)
                .anySatisfy(reason -> assertThat(reason).isEqualTo("prompt price 3 USD/M above max_price.prompt 2.5"));
    }

    @Test
    void requireParametersKeepsOnlyEndpointsThatListEveryParameter() {
        CatalogView view = new TestCatalog().provider("a").provider("b").model("acme/chat")
                .endpoint("acme/chat", "ep-a", "a", "0.000001", "0.000001", 128_000, null, List.of("max_tokens", "temperature"), "active")
                .endpoint("acme/chat", "ep-b", "b", "0.000001", "0.000001", 128_000, null, List.of("max_tokens", "temperature", "top_k"), "active")
                .view();
        Route lax = planner(view, 1).plan(request(chat(",\"top_k\":5,\"temperature\":0.2")), null);
        assertThat(lax.size()).isEqualTo(2);
        Route strict = planner(view, 1).plan(request(chat(",\"top_k\":5,\"temperature\":0.2,\"provider\":{\"require_parameters\":true}")), null);
        assertThat(endpoints(strict)).containsExactly("ep-b");
        assertThat(strict.excluded().getFirst().reason()).isEqualTo("does not support parameter 'top_k'");
    }

    @Test
    void dataCollectionDenyAndZdrFollowTheProvidersPolicies() {
        CatalogView view = new TestCatalog().provider("trains", true, true, 30).provider("keeps", false, true, 30)
                .provider("abuse", false, false, 30).provider("clean", false, false, null).model("acme/chat")
                .endpoint("acme/chat", "ep-trains", "trains", "0.000001", "0.000001")
                .endpoint("acme/chat", "ep-keeps", "keeps", "0.000001", "0.000001")
                .endpoint("acme/chat", "ep-abuse", "abuse", "0.000001", "0.000001")
                .endpoint("acme/chat", "ep-clean", "clean", "0.000001", "0.000001").view();
        Route deny = planner(view, 1).plan(request(chat(",\"provider\":{\"data_collection\":\"deny\"}")), null);
        assertThat(endpoints(deny)).containsExactlyInAnyOrder("ep-abuse", "ep-clean");
        Route zdr = planner(view, 1).plan(request(chat(",\"provider\":{\"zdr\":true}")), null);
        assertThat(endpoints(zdr)).containsExactly("ep-clean");
    }

    @Test
    void quantizationsFilterByTheEndpointsPrecision() {
        CatalogView view = new TestCatalog().provider("a").provider("b").provider("c").model("acme/chat")
                .endpoint("acme/chat", "ep-a", "a", "0.000001", "0.000001", 128_000, "fp8", List.of(), "active")
                .endpoint("acme/chat", "ep-b", "b", "0.000001", "0.000001", 128_000, "bf16", List.of(), "active")
                .endpoint("acme/chat", "ep-c", "c", "0.000001", "0.000001", 128_000, null, List.of(), "active").view();
        Route route = planner(view, 1).plan(request(chat(",\"provider\":{\"quantizations\":[\"BF16\",\"unknown\"]}")), null);
        assertThat(endpoints(route)).containsExactlyInAnyOrder("ep-b", "ep-c");
    }

    @Test
    void endpointsThatCannotFitTheRequestOrLackACapabilityAreRemoved() {
        CatalogView view = new TestCatalog().provider("a").provider("b").provider("c").model("acme/chat", "text")
                .endpoint("acme/chat", "ep-small", "a", "0.000001", "0.000001", 1_000, null, List.of("tools"), "active")
                .endpoint("acme/chat", "ep-notools", "b", "0.000001", "0.000001", 128_000, null, List.of("max_tokens"), "active")
                .endpoint("acme/chat", "ep-ok", "c", "0.000001", "0.000001", 128_000, null, List.of("tools"), "active").view();
        Route route = planner(view, 1).plan(request(chat(
                ",\"max_tokens\":2000,\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\"}}]")), null);
        assertThat(endpoints(route)).containsExactly("ep-ok");
        assertThat(route.excluded()).extracting(Exclusion::filter).containsExactly("context_length", "capability");
        assertThatThrownBy(() -> planner(view, 1).plan(request("{\"model\":\"acme/chat\",\"messages\":[{\"role\":\"user\","
                + "\"content\":[{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:x\"}}]}]}"), null))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status().value()).isEqualTo(404);
                    assertThat(e.getMessage()).contains("3 removed by capability");
                });
    }

    @Test
    void nothingLeftIsA404SayingWhichFilterRemovedWhat() {
        assertThatThrownBy(() -> planner(fourProviders().view(), 1).plan(request(chat(
                ",\"provider\":{\"only\":[\"a\",\"b\"],\"max_price\":{\"prompt\":\"0.5\"}}")), null))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status().value()).isEqualTo(404);
                    assertThat(e.metadata().get("excluded_by_filter"))
                            .isEqualTo(Map.of("provider.only", 2, "provider.max_price", 2));
                    assertThat((List<?>) e.metadata().get("excluded")).hasSize(4);
                });
    }

    @Test
    void nothingAvailableIsA503() {
        CatalogView view = new TestCatalog().provider("a").model("acme/chat")
                .endpoint("acme/chat", "ep-a", "a", "0.000001", "0.000001", 128_000, null, List.of(), "disabled").view();
        assertThatThrownBy(() -> planner(view, 1).plan(request(chat("")), null))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status().value()).isEqualTo(503));
    }

    @Test
    void anEndpointInAnOutageMovesLastAsAFallbackOnly() {
        fail("ep-a", 3);
        Route route = planner(fourProviders().view(), 1).plan(request(chat(",\"provider\":{\"sort\":\"price\"}")), null);
        assertThat(endpoints(route)).containsExactly("ep-b", "ep-c", "ep-d", "ep-a");
        assertThat(route.ranked().getLast().why()).contains("outage in the last 30s: moved last");
        clock.advance(Duration.ofSeconds(31));
        Route later = planner(fourProviders().view(), 1).plan(request(chat(",\"provider\":{\"sort\":\"price\"}")), null);
        assertThat(endpoints(later).getFirst()).as("the outage is over after 30 s").isEqualTo("ep-a");
    }

    @Test
    void anOpenCircuitEjectsTheEndpointUntilOneProbeClosesIt() {
        fail("ep-a", 5);
        assertThat(health.breaker("ep-a")).isEqualTo(BreakerState.OPEN);
        Route open = planner(fourProviders().view(), 1).plan(request(chat(",\"provider\":{\"sort\":\"price\"}")), null);
        assertThat(endpoints(open)).containsExactly("ep-b", "ep-c", "ep-d");
        assertThat(open.excluded()).extracting(Exclusion::filter).containsExactly("circuit_open");

        clock.advance(Duration.ofSeconds(30));
        assertThat(health.breaker("ep-a")).isEqualTo(BreakerState.HALF_OPEN);
        Route halfOpen = planner(fourProviders().view(), 1).plan(request(chat(",\"provider\":{\"sort\":\"price\"}")), null);
        assertThat(endpoints(halfOpen)).last().isEqualTo("ep-a");
        assertThat(health.tryAcquire("ep-a")).as("the one probe").isTrue();
        assertThat(health.tryAcquire("ep-a")).as("a second request while the probe runs").isFalse();

        succeed("ep-a", 10, 20, 1);
        assertThat(health.breaker("ep-a")).isEqualTo(BreakerState.CLOSED);
        assertThat(health.tryAcquire("ep-a")).isTrue();
    }

    @Test
    void aFailedProbeDoublesTheBackOff() {
        fail("ep-a", 5);
        clock.advance(Duration.ofSeconds(30));
        assertThat(health.tryAcquire("ep-a")).isTrue();
        fail("ep-a", 1);
        assertThat(health.breaker("ep-a")).isEqualTo(BreakerState.OPEN);
        clock.advance(Duration.ofSeconds(59));
        assertThat(health.breaker("ep-a")).isEqualTo(BreakerState.OPEN);
        clock.advance(Duration.ofSeconds(1));
        assertThat(health.breaker("ep-a")).isEqualTo(BreakerState.HALF_OPEN);
    }

    @Test
    void rateLimitsAndRefusedRequestsDoNotOpenTheCircuit() {
        for (int i = 0; i < 10; i++) {
            health.observe(new AttemptOutcome("ep-a", Instant.now(), 429, null, 5, 0));
            health.observe(new AttemptOutcome("ep-a", Instant.now(), 400, null, 5, 0));
        }
        assertThat(health.breaker("ep-a")).isEqualTo(BreakerState.CLOSED);
        assertThat(health.inOutage("ep-a")).isFalse();
    }

    @Test
    void theStickyEndpointComesFirstWhileHealthy() {
        RoutingRequest request = request(chat(",\"session_id\":\"s-1\""));
        assertThat(request.stickinessKey()).isEqualTo("session:s-1");
        Route route = planner(fourProviders().view(), 1).plan(request, "ep-d");
        assertThat(endpoints(route).getFirst()).isEqualTo("ep-d");
        assertThat(route.ranked().getFirst().why()).contains("sticky session");
        fail("ep-d", 3);
        Route unhealthy = planner(fourProviders().view(), 1).plan(request, "ep-d");
        assertThat(endpoints(unhealthy).getLast()).isEqualTo("ep-d");
    }

    @Test
    void theStickinessKeyIsTheSessionThenTheHeaderThenTheUser() {
        assertThat(request(chat(",\"user\":\"u-1\""), "h-1").stickinessKey()).isEqualTo("session:h-1");
        assertThat(request(chat(",\"user\":\"u-1\",\"session_id\":\"s-1\""), "h-1").stickinessKey()).isEqualTo("session:s-1");
        assertThat(request(chat(",\"user\":\"u-1\""), null).stickinessKey()).isEqualTo("user:u-1");
        assertThat(request(chat(""), null).stickinessKey()).isNull();
    }

    @Test
    void aLongPromptWithoutAKeyIsStickyByItsPrefix() {
        String system = "You are a careful assistant. ".repeat(200);
        String first = "{\"model\":\"acme/chat\",\"messages\":[{\"role\":\"system\",\"content\":\"" + system
                + "\"},{\"role\":\"user\",\"content\":\"question one\"}]}";
        String second = first.replace("question one", "question two, asked much later in the conversation");
        String other = first.replace("careful", "cheerful");
        String keyOfFirst = RoutingRequest.of(ORG, (ObjectNode) JSON.readTree(first), 1_500, 0, null).stickinessKey();
        assertThat(keyOfFirst).startsWith("prefix:");
        assertThat(RoutingRequest.of(ORG, (ObjectNode) JSON.readTree(second), 1_500, 0, null).stickinessKey())
                .as("the same opening, past the first 4 KB").isEqualTo(keyOfFirst);
        assertThat(RoutingRequest.of(ORG, (ObjectNode) JSON.readTree(other), 1_500, 0, null).stickinessKey())
                .isNotEqualTo(keyOfFirst);
        assertThat(RoutingRequest.of(ORG, (ObjectNode) JSON.readTree(first), 1_000, 0, null).stickinessKey())
                .as("too short to be cached upstream").isNull();
    }

    @Test
    void preferredThroughputAndLatencyDeprioritiseRatherThanRemove() {
        succeed("ep-a", 2_000, 12_000, 100);  // 10 tok/s, 2 s
        succeed("ep-b", 100, 1_100, 100);     // 100 tok/s, 0.1 s
        Route throughput = planner(fourProviders().view(), 3).plan(request(chat(
                ",\"provider\":{\"sort\":\"price\",\"preferred_min_throughput\":{\"p50\":50}}")), null);
        assertThat(endpoints(throughput)).containsExactly("ep-b", "ep-a", "ep-c", "ep-d");
        Route latency = planner(fourProviders().view(), 3).plan(request(chat(
                ",\"provider\":{\"sort\":\"price\",\"preferred_max_latency\":1}")), null);
        assertThat(endpoints(latency)).containsExactly("ep-b", "ep-a", "ep-c", "ep-d");
        assertThat(latency.ranked().get(1).why()).contains("above preferred_max_latency: moved after those below");
    }

    @Test
    void theOrganisationsOwnKeysComeFirst() {
        CandidateConnections withByok = (endpoint, org) -> endpoint.id().equals("ep-d")
                ? List.of(new Candidate(endpoint, new ProviderDirectory.Connection(null, "http://byok", "user-key"),
                CredentialSource.BYOK))
                : PLATFORM.connect(endpoint, org);
        RoutePlanner planner = new RoutePlanner(() -> fourProviders().view(), withByok, health, new SplittableRandom(5));
        Route route = planner.plan(request(chat("")), null);
        assertThat(route.candidate(0).byok()).isTrue();
        assertThat(route.ranked().getFirst().why()).contains("organisation's own key (BYOK) first");
    }

    @Test
    void sortWithoutPartitionSortsAcrossModels() {
        CatalogView view = fourProviders().model("acme/cheap").endpoint("acme/cheap", "ep-cheap", "a", "0.0000001", "0.0000001").view();
        Route partitioned = planner(view, 1).plan(request("{\"models\":[\"acme/chat\",\"acme/cheap\"],"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"provider\":{\"sort\":\"price\"}}"), null);
        assertThat(endpoints(partitioned).getLast()).isEqualTo("ep-cheap");
        Route across = planner(view, 1).plan(request("{\"models\":[\"acme/chat\",\"acme/cheap\"],"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"provider\":{\"sort\":{\"by\":\"price\",\"partition\":\"none\"}}}"), null);
        assertThat(endpoints(across).getFirst()).isEqualTo("ep-cheap");
    }

    @Test
    void malformedPreferencesAreA400NamingTheField() {
        for (String bad : List.of("{\"order\":\"a\"}", "{\"sort\":\"fastest\"}", "{\"data_collection\":\"maybe\"}",
                "{\"max_price\":{\"prompt\":-1}}", "{\"preferred_min_throughput\":{\"p42\":1}}", "{\"unknown\":true}",
                "{\"allow_fallbacks\":\"yes\"}")) {
            assertThatThrownBy(() -> request(chat(",\"provider\":" + bad)))
                    .as(bad)
                    .isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e.status().value()).isEqualTo(400);
                        assertThat(e.getMessage()).startsWith("'provider");
                    });
        }
    }
}

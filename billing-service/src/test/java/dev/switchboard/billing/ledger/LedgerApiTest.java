package dev.switchboard.billing.ledger;

import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;

import dev.switchboard.billing.BillingServiceTest;
import dev.switchboard.contracts.billing.CreditsView;
import dev.switchboard.contracts.billing.GrantRequest;
import dev.switchboard.contracts.billing.OpenAccountRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LedgerApiTest extends BillingServiceTest {

    @Autowired
    private DatabaseClient db;

    @Test
    void openingAnAccountIsIdempotentAndCreatesTheRedisBalance() {
        UUID org = UUID.randomUUID();

        CreditsView first = open(org);
        CreditsView second = open(org);

        assertThat(first).isEqualTo(new CreditsView(org, 0, 0, 0));
        assertThat(second).isEqualTo(first);
        assertThat(redisBalance(org)).isEqualTo("0");
    }

    @Test
    void retriedGrantIsCreditedExactlyOnceInTheLedgerAndInRedis() {
        UUID org = UUID.randomUUID();
        open(org);
        GrantRequest grant = new GrantRequest("grant-" + UUID.randomUUID(), org, 5 * USD, "welcome credits");

        CreditsView first = grant(grant);
        CreditsView retried = grant(grant);

        assertThat(first).isEqualTo(new CreditsView(org, 5 * USD, 0, 5 * USD));
        assertThat(retried).isEqualTo(first);
        assertThat(redisBalance(org)).isEqualTo(Long.toString(5 * USD));
        assertThat(redis.opsForSet().isMember(keys.credited(org), grant.transferId()).block()).isTrue();
        assertThat(credits(org)).isEqualTo(first);
    }

    @Test
    void concurrentRetriesOfOneGrantCreditItOnce() {
        UUID org = UUID.randomUUID();
        open(org);
        GrantRequest grant = new GrantRequest("grant-" + UUID.randomUUID(), org, 7 * USD, null);

        List<CreditsView> answers = Flux.range(0, 8)
                .flatMap(i -> Mono.fromCallable(() -> grant(grant)).subscribeOn(Schedulers.boundedElastic()))
                .collectList()
                .block();

        assertThat(answers).hasSize(8)
                .allSatisfy(answer -> assertThat(answer.totalCreditsNanos()).isEqualTo(7 * USD));
        assertThat(redisBalance(org)).isEqualTo(Long.toString(7 * USD));
    }

    @Test
    void transferIdReusedForADifferentGrantIsAConflict() {
        UUID org = UUID.randomUUID();
        open(org);
        String id = "grant-" + UUID.randomUUID();
        grant(new GrantRequest(id, org, USD, null));

        internal().post().uri("/internal/grants")
                .bodyValue(new GrantRequest(id, org, 2 * USD, null))
                .exchange()
                .expectStatus().isEqualTo(409)
                .expectBody()
                .jsonPath("$.error.code").isEqualTo(409)
                .jsonPath("$.error.message").value(message -> assertThat((String) message).contains(id));
        assertThat(credits(org).totalCreditsNanos()).isEqualTo(USD);
    }

    @Test
    void grantToAnOrganisationWithoutAccountIs404InTheErrorShape() {
        UUID org = UUID.randomUUID();

        internal().post().uri("/internal/grants")
                .bodyValue(new GrantRequest("grant-" + UUID.randomUUID(), org, USD, null))
                .exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody()
                .jsonPath("$.error.code").isEqualTo(404)
                .jsonPath("$.error.message").value(message -> assertThat((String) message).contains(org.toString()));
    }

    @Test
    void creditsOfAnOrganisationWithoutAccountAre404() {
        internal().get().uri("/internal/orgs/{org}/credits", UUID.randomUUID())
                .exchange()
                .expectStatus().isNotFound()
                .expectBody()
                .jsonPath("$.error.code").isEqualTo(404);
    }

    static Stream<Arguments> invalidGrants() {
        UUID org = UUID.randomUUID();
        return Stream.of(
                Arguments.of("zero amount", """
                        {"transferId":"g-1","orgId":"%s","amountNanos":0}""".formatted(org)),
                Arguments.of("negative amount", """
                        {"transferId":"g-1","orgId":"%s","amountNanos":-5}""".formatted(org)),
                Arguments.of("more than a million dollars", """
                        {"transferId":"g-1","orgId":"%s","amountNanos":1000000000000001}""".formatted(org)),
                Arguments.of("blank transfer id", """
                        {"transferId":" ","orgId":"%s","amountNanos":1}""".formatted(org)),
                Arguments.of("transfer id of 129 characters", """
                        {"transferId":"%s","orgId":"%s","amountNanos":1}""".formatted("x".repeat(129), org)),
                Arguments.of("transfer id of a usage leg", """
                        {"transferId":"gen-1:upstream","orgId":"%s","amountNanos":1}""".formatted(org)),
                Arguments.of("missing organisation", """
                        {"transferId":"g-1","amountNanos":1}"""),
                Arguments.of("organisation that is not a UUID", """
                        {"transferId":"g-1","orgId":"acme","amountNanos":1}"""),
                Arguments.of("malformed JSON", "{\"transferId\":"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidGrants")
    void invalidGrantIs400InTheErrorShape(String why, String body) {
        internal().post().uri("/internal/grants")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody()
                .jsonPath("$.error.code").isEqualTo(400)
                .jsonPath("$.error.message").isNotEmpty();
    }

    @Test
    void requestWithoutTheInternalTokenIs401InTheErrorShape() {
        anonymous().get().uri("/internal/ledger/check")
                .exchange()
                .expectStatus().isUnauthorized()
                .expectBody()
                .jsonPath("$.error.code").isEqualTo(401);
        anonymous().post().uri("/internal/grants")
                .header(HttpHeaders.AUTHORIZATION, "Bearer not-the-token")
                .bodyValue(new GrantRequest("g-1", UUID.randomUUID(), USD, null))
                .exchange()
                .expectStatus().isUnauthorized()
                .expectBody()
                .jsonPath("$.error.code").isEqualTo(401);
    }

    @Test
    void balanceSyncRecreatesADeletedRedisBalanceFromTheLedger() {
        UUID org = UUID.randomUUID();
        open(org);
        GrantRequest grant = new GrantRequest("grant-" + UUID.randomUUID(), org, 3 * USD, null);
        grant(grant);
        redis.delete(keys.balance(org), keys.credited(org)).block();

        Long synced = sync(org);

        assertThat(synced).isEqualTo(3 * USD);
        assertThat(redisBalance(org)).isEqualTo(Long.toString(3 * USD));
        assertThat(redis.opsForSet().isMember(keys.credited(org), grant.transferId()).block())
                .as("the rebuilt balance already holds the grant, so a retry must not add it again")
                .isTrue();
        grant(grant);
        assertThat(redisBalance(org)).isEqualTo(Long.toString(3 * USD));
    }

    @Test
    void balanceSyncLeavesAnExistingRedisBalanceAlone() {
        UUID org = UUID.randomUUID();
        open(org);
        grant(new GrantRequest("grant-" + UUID.randomUUID(), org, 3 * USD, null));
        // api-service has debited settled usage that the ledger has not posted yet.
        redis.opsForValue().decrement(keys.balance(org), USD).block();

        assertThat(sync(org)).isEqualTo(2 * USD);
    }

    @Test
    void grantAfterARedisFlushRebuildsTheBalanceAndCreditsOnce() {
        UUID org = UUID.randomUUID();
        open(org);
        grant(new GrantRequest("grant-" + UUID.randomUUID(), org, 3 * USD, null));
        redis.delete(keys.balance(org), keys.credited(org)).block();

        grant(new GrantRequest("grant-" + UUID.randomUUID(), org, 2 * USD, null));

        assertThat(redisBalance(org)).isEqualTo(Long.toString(5 * USD));
    }

    @Test
    void balanceSyncOfAnOrganisationWithoutAccountIs404() {
        internal().post().uri("/internal/orgs/{org}/balance/sync", UUID.randomUUID())
                .exchange()
                .expectStatus().isNotFound()
                .expectBody()
                .jsonPath("$.error.code").isEqualTo(404);
    }

    @Test
    void ledgerRefusesToUpdateOrDeleteATransfer() {
        UUID org = UUID.randomUUID();
        open(org);
        String id = "grant-" + UUID.randomUUID();
        grant(new GrantRequest(id, org, USD, null));

        assertThatThrownBy(() -> db.sql("UPDATE transfers SET amount_nanos = 1 WHERE id = :id").bind("id", id)
                .fetch().rowsUpdated().block())
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> db.sql("DELETE FROM transfers WHERE id = :id").bind("id", id)
                .fetch().rowsUpdated().block())
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> db.sql("TRUNCATE transfers").fetch().rowsUpdated().block())
                .hasMessageContaining("append-only");
        assertThat(credits(org).totalCreditsNanos()).isEqualTo(USD);
    }

    private CreditsView open(UUID org) {
        return internal().post().uri("/internal/accounts")
                .bodyValue(new OpenAccountRequest(org))
                .exchange()
                .expectStatus().isOk()
                .expectBody(CreditsView.class)
                .returnResult()
                .getResponseBody();
    }

    private CreditsView grant(GrantRequest grant) {
        return internal().post().uri("/internal/grants")
                .bodyValue(grant)
                .exchange()
                .expectStatus().isOk()
                .expectBody(CreditsView.class)
                .returnResult()
                .getResponseBody();
    }

    private Long sync(UUID org) {
        return internal().post().uri("/internal/orgs/{org}/balance/sync", org)
                .exchange()
                .expectStatus().isOk()
                .expectBody(Long.class)
                .returnResult()
                .getResponseBody();
    }

    private String redisBalance(UUID org) {
        return redis.opsForValue().get(keys.balance(org)).block();
    }
}

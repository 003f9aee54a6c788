package dev.switchboard.billing.stripe;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.util.UriBuilder;

import dev.switchboard.contracts.billing.PurchaseView;

import static org.assertj.core.api.Assertions.assertThat;

/** The purchase history's pages: newest first, ties broken by id, each purchase exactly once, one organisation's only. */
class PurchaseHistoryTest extends StripeTestBase {

    private static final Instant SAME_MOMENT = Instant.parse("2026-11-01T10:00:00.123456Z");

    @Autowired
    private DatabaseClient db;

    @Test
    void pagesWalkEveryPurchaseOnceNewestFirstWhenPurchasesShareATimestamp() {
        UUID org = openAccount();
        String newest = "pur_hist_newest_" + UUID.randomUUID();
        String oldest = "pur_hist_oldest_" + UUID.randomUUID();
        List<String> tied = new ArrayList<>();
        insertPurchase(newest, org, SAME_MOMENT.plusSeconds(60));
        for (int i = 0; i < 5; i++) {
            tied.add("pur_hist_" + i + "_" + UUID.randomUUID());
            insertPurchase(tied.getLast(), org, SAME_MOMENT);
        }
        insertPurchase(oldest, org, SAME_MOMENT.minusSeconds(60));
        List<String> expected = new ArrayList<>(List.of(newest));
        expected.addAll(tied.stream().sorted(Comparator.reverseOrder()).toList()); // id DESC breaks the tie
        expected.add(oldest);

        List<String> walked = new ArrayList<>();
        List<PurchaseView> page = page(org, 2, null);
        int pages = 0;
        while (!page.isEmpty()) {
            assertThat(page).hasSizeLessThanOrEqualTo(2);
            page.forEach(p -> walked.add(p.id()));
            pages++;
            page = page(org, 2, page.getLast());
        }

        assertThat(walked).containsExactlyElementsOf(expected);
        assertThat(pages).isEqualTo(4);
    }

    @Test
    void anotherOrganisationsKeysetShowsNothingOfItsPurchases() {
        UUID mine = openAccount();
        UUID theirs = openAccount();
        String myOlder = "pur_mine_" + UUID.randomUUID();
        insertPurchase(myOlder, mine, SAME_MOMENT.minusSeconds(5));
        String theirNewer = "pur_theirs_" + UUID.randomUUID();
        insertPurchase(theirNewer, theirs, SAME_MOMENT);

        List<PurchaseView> theirFirst = page(theirs, 1, null);
        assertThat(theirFirst).extracting(PurchaseView::id).containsExactly(theirNewer);
        assertThat(page(theirs, 10, theirFirst.getFirst())).isEmpty();
        // Their keyset, asked for by my organisation, positions within my purchases only.
        assertThat(page(mine, 10, theirFirst.getFirst())).extracting(PurchaseView::id).containsExactly(myOlder);
    }

    @ParameterizedTest
    @ValueSource(strings = {"limit=0", "limit=201", "beforeId=pur_x", "beforeCreatedAt=2026-11-01T10:00:00Z",
            "beforeCreatedAt=yesterday&beforeId=pur_x"})
    void aMalformedPageRequestIs400NamingTheParameter(String query) {
        internal().get().uri("/internal/orgs/{org}/purchases?" + query, openAccount())
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.error.code").isEqualTo(400)
                .jsonPath("$.error.message").value(message -> assertThat((String) message)
                        .containsAnyOf("limit", "beforeCreatedAt"));
    }

    private List<PurchaseView> page(UUID org, int limit, PurchaseView after) {
        return internal().get().uri(uri -> keyset(uri.path("/internal/orgs/{org}/purchases").queryParam("limit", limit), after)
                        .build(org))
                .exchange()
                .expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<List<PurchaseView>>() { })
                .returnResult()
                .getResponseBody();
    }

    private static UriBuilder keyset(UriBuilder uri, PurchaseView after) {
        return after == null ? uri : uri.queryParam("beforeCreatedAt", after.createdAt()).queryParam("beforeId", after.id());
    }

    private void insertPurchase(String id, UUID org, Instant createdAt) {
        db.sql("""
                        INSERT INTO purchases (id, org_id, origin, amount_nanos, fee_nanos, charged_cents, status, created_at)
                        VALUES (:id, :org, 'checkout', 10000000000, 800000000, 1080, 'pending', :at)""")
                .bind("id", id)
                .bind("org", org)
                .bind("at", createdAt.atOffset(ZoneOffset.UTC))
                .then()
                .block();
    }
}

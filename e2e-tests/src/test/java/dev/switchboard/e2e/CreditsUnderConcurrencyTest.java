package dev.switchboard.e2e;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.switchboard.testing.stripe.StripeWebhookSigner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 6's money under load, end to end: credits bought through the public checkout and Stripe's
 * signed webhook (through the fake Stripe API), then 200 simultaneous chat requests from one
 * organisation whose balance covers 10 worst cases. The balance may go below zero by no more than
 * one request's worst case, and ends exactly at grants + purchases − Σ charged generations.
 */
class CreditsUnderConcurrencyTest extends LaunchedPlatformTest {

    private static final long NANOS_PER_USD = 1_000_000_000L;
    private static final long NANOS_PER_CENT = 10_000_000L;
    private static final String CHAT = """
            {"model":"sim/lynx-pro","max_tokens":8192,"messages":[{"role":"user","content":"Count to three."}]}""";

    @Test
    void twoHundredSimultaneousRequestsAgainstABalanceForTenOverdrawAtMostOneWorstCaseAndBalanceExactly() throws Exception {
        String email = "load-" + UUID.randomUUID() + "@example.com";
        Http browser = new Http(platform.url());
        Http.Reply signup = browser.post("/auth/signup", "{\"email\":\"" + email + "\",\"password\":\"correct horse battery\"}");
        assertThat(signup.status()).as(signup.toString()).isEqualTo(201);
        UUID org = UUID.fromString(signup.json().path("data").path("organization").path("id").asString());
        String key = browser.post("/api/v1/keys", "{\"name\":\"load\"}").json().get("key").asString();
        Http sdk = new Http(platform.url()).bearer(key);

        // a grant, and one request to learn the worst case (the hold) of this request shape
        long grantNanos = 5 * NANOS_PER_CENT;
        Http.Reply grant = new Http(platform.url()).bearer(platform.adminToken)
                .post("/api/admin/credits", "{\"email\":\"" + email + "\",\"amount_usd\":0.05}");
        assertThat(grant.status()).as(grant.toString()).isEqualTo(200);
        Http.Reply probe = sdk.post("/api/v1/chat/completions", CHAT);
        assertThat(probe.status()).as(probe.toString()).isEqualTo(200);
        long probeCost = nanos(probe.json().path("usage").path("cost").decimalValue());
        await().atMost(Duration.ofSeconds(20)).until(() -> Books.maxHeldNanos(org) > 0);
        long worstCase = Books.maxHeldNanos(org);
        await().atMost(Duration.ofSeconds(20)).until(() -> Books.usageOf(org).generations() == 1);

        // buy what brings the balance to ten worst cases (rounded up to the cent), through Stripe
        long balance = grantNanos - probeCost;
        long purchaseCents = Math.ceilDiv(10 * worstCase - balance, NANOS_PER_CENT);
        long purchaseNanos = purchaseCents * NANOS_PER_CENT;
        Http.Reply checkout = browser.post("/api/v1/credits/checkout",
                "{\"amount\":" + BigDecimal.valueOf(purchaseCents, 2).toPlainString() + "}");
        assertThat(checkout.status()).as(checkout.toString()).isEqualTo(200);
        String sessionId = checkout.json().path("data").path("session_id").asString();
        assertThat(checkout.json().path("data").path("url").asString()).startsWith(stripe.url());
        String completed = stripe.checkoutCompleted(sessionId, "paid");
        Http stripeSender = new Http(platform.url());
        assertThat(stripeSender.post("/api/webhooks/stripe", completed, "Stripe-Signature", stripeSigner.sign(completed)).status())
                .isEqualTo(200);
        assertThat(stripeSender.post("/api/webhooks/stripe", completed, "Stripe-Signature", stripeSigner.sign(completed)).status())
                .as("a replay is acknowledged").isEqualTo(200);
        assertThat(stripeSender.post("/api/webhooks/stripe", completed, "Stripe-Signature",
                new StripeWebhookSigner("whsec_forged").sign(completed)).status())
                .as("a forged signature").isEqualTo(400);
        balance += purchaseNanos;
        assertThat(creditsNanos(sdk)).isEqualTo(grantNanos + purchaseNanos);
        assertThat(balance).isBetween(10 * worstCase, 11 * worstCase - 1);

        // 200 requests at once
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            inFlight.add(client.sendAsync(HttpRequest.newBuilder(URI.create(platform.url() + "/api/v1/chat/completions"))
                    .timeout(Duration.ofSeconds(120))
                    .header("Authorization", "Bearer " + key)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(CHAT))
                    .build(), HttpResponse.BodyHandlers.ofString()));
        }
        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).get(180, TimeUnit.SECONDS);
        long admitted = 0;
        long refused = 0;
        long charged = probeCost;
        for (CompletableFuture<HttpResponse<String>> f : inFlight) {
            HttpResponse<String> response = f.join();
            assertThat(response.statusCode()).as(response.body()).isIn(200, 402);
            if (response.statusCode() == 200) {
                admitted++;
                JsonNode body = Http.JSON.readTree(response.body());
                charged += nanos(body.path("usage").path("cost").decimalValue());
            } else {
                refused++;
                assertThat(Http.JSON.readTree(response.body()).path("error").path("code").asInt()).isEqualTo(402);
            }
        }
        System.out.printf("200 simultaneous requests: %d admitted, %d refused with 402; worst case %d nanos%n",
                admitted, refused, worstCase);
        assertThat(admitted).as("the balance covers ten worst cases").isGreaterThanOrEqualTo(10);
        assertThat(refused).as("the balance does not cover 200").isPositive();

        // every generation posted once, and the books say exactly grants + purchases − charges
        long generations = admitted + 1;
        await().atMost(Duration.ofSeconds(60)).until(() -> Books.usageOf(org).generations() == generations);
        Books.OrgUsage usage = Books.usageOf(org);
        assertThat(usage.usageNanos()).isEqualTo(charged);
        long finalBalance = creditsNanos(sdk) - usageNanos(sdk);
        assertThat(finalBalance).isEqualTo(grantNanos + purchaseNanos - charged);
        assertThat(finalBalance).isGreaterThanOrEqualTo(-worstCase);
        assertBooksBalance();
    }

    static long nanos(BigDecimal usd) {
        return usd.movePointRight(9).longValueExact();
    }

    static long creditsNanos(Http sdk) throws Exception {
        return nanos(sdk.get("/api/v1/credits").json().path("data").path("total_credits").decimalValue());
    }

    static long usageNanos(Http sdk) throws Exception {
        return nanos(sdk.get("/api/v1/credits").json().path("data").path("total_usage").decimalValue());
    }

    static void assertBooksBalance() throws Exception {
        Http.Reply check = new Http(platform.billingUrl()).bearer(platform.internalToken).get("/internal/ledger/check");
        assertThat(check.status()).as(check.toString()).isEqualTo(200);
        assertThat(check.json().path("balanced").asBoolean()).as(check.toString()).isTrue();
    }
}

package dev.switchboard.api.identity;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import io.netty.handler.codec.http.QueryStringDecoder;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * billing-service's purchase endpoints as the api-service sees them. Checkout answers a session
 * for the organisation unless the amount is one the real service refuses (more than 10,000 USD: 400)
 * or 13 USD, for which it plays "payments are not configured" (503). Settings are kept per
 * organisation. The webhook accepts only the signature {@code t=1,v1=good} (400 otherwise) and keeps
 * every body exactly as received. The purchase history is two purchases, of which it answers the
 * first {@code limit}.
 */
public final class PurchasesStub {

    public static final String GOOD_SIGNATURE = "t=1,v1=good";
    private static final long USD = 1_000_000_000L;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A request received: the path, its query string (empty if none) and the exact body. */
    public record Call(String method, String path, String query, String stripeSignature, String body) {

        public JsonNode json() {
            return JSON.readTree(body);
        }
    }

    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Map<String, String> settings = new ConcurrentHashMap<>();

    public List<Call> calls(String path) {
        return calls.stream().filter(c -> c.path().equals(path)).toList();
    }

    Mono<Void> answer(String method, String path, String query, String signature, String body,
                      HttpServerResponse response) {
        calls.add(new Call(method, path, query, signature, body));
        String[] parts = path.split("/");
        Answer answer = path.equals("/internal/stripe/webhook") ? webhook(signature)
                : path.endsWith("/checkout") ? checkout(parts[3], JSON.readTree(body).path("amountNanos").asLong())
                : path.endsWith("/purchases") ? purchases(query)
                : path.endsWith("/credit-settings") ? settings(method, parts[3], body)
                : new Answer(404, error(404, "Not found: " + path));
        return response.status(answer.status())
                .header("Content-Type", "application/json")
                .sendString(Mono.just(answer.body()))
                .then();
    }

    private record Answer(int status, String body) {
    }

    private static Answer webhook(String signature) {
        return GOOD_SIGNATURE.equals(signature)
                ? new Answer(200, "{\"id\":\"evt_1\",\"type\":\"checkout.session.completed\",\"handled\":true}")
                : new Answer(400, error(400, "Invalid Stripe signature"));
    }

    private static Answer checkout(String orgId, long amountNanos) {
        if (amountNanos == 13 * USD) {
            return new Answer(503, error(503, "payments are not configured"));
        }
        if (amountNanos > 10_000 * USD) {
            return new Answer(400, error(400, "amount must be between 5 and 10000 USD"));
        }
        return new Answer(200, "{\"purchaseId\":\"pur_stub\",\"sessionId\":\"cs_stub_" + orgId
                + "\",\"url\":\"https://checkout.stripe.test/cs_stub_" + orgId + "\",\"amountNanos\":" + amountNanos
                + ",\"feeNanos\":800000000}");
    }

    private static Answer purchases(String query) {
        JsonNode all = JSON.readTree("""
                [{"id":"pur_1","origin":"checkout","status":"paid","amountNanos":20000000000,"feeNanos":1100000000,
                  "refundedNanos":5000000000,"receiptUrl":"https://pay.stripe.com/receipts/ch_1",
                  "createdAt":"2026-11-01T10:00:00Z","paidAt":"2026-11-01T10:01:00Z"},
                 {"id":"pur_2","origin":"checkout","status":"pending","amountNanos":5000000000,"feeNanos":800000000,
                  "refundedNanos":0,"receiptUrl":null,"createdAt":"2026-11-02T10:00:00Z","paidAt":null}]""");
        List<String> limit = new QueryStringDecoder(query, false).parameters().get("limit");
        int size = limit == null ? all.size() : Math.min(all.size(), Integer.parseInt(limit.getFirst()));
        List<JsonNode> page = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            page.add(all.get(i));
        }
        return new Answer(200, JSON.writeValueAsString(page));
    }

    private Answer settings(String method, String orgId, String body) {
        if ("PUT".equals(method)) {
            JsonNode update = JSON.readTree(body);
            settings.put(orgId, JSON.writeValueAsString(Map.of(
                    "lowBalanceAlertNanos", update.path("lowBalanceAlertNanos"),
                    "autoTopupEnabled", update.path("autoTopupEnabled").asBoolean(),
                    "autoTopupThresholdNanos", update.path("autoTopupThresholdNanos"),
                    "autoTopupAmountNanos", update.path("autoTopupAmountNanos"),
                    "paymentMethodSaved", true,
                    "lowBalance", false,
                    "purchaseFeePercent", new BigDecimal("5.5"),
                    "purchaseFeeMinimumNanos", 800_000_000L)));
        }
        return new Answer(200, settings.getOrDefault(orgId, """
                {"lowBalanceAlertNanos":null,"autoTopupEnabled":false,"autoTopupThresholdNanos":null,
                 "autoTopupAmountNanos":null,"paymentMethodSaved":false,"lowBalance":false,
                 "purchaseFeePercent":5.5,"purchaseFeeMinimumNanos":800000000}"""));
    }

    private static String error(int code, String message) {
        return "{\"error\":{\"code\":" + code + ",\"message\":\"" + message + "\"}}";
    }
}

package dev.switchboard.testing.stripe;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A local stand-in for the Stripe API, for the calls Switchboard makes with stripe-java: customers,
 * Checkout Sessions and (off-session) PaymentIntents. Point the service at it with
 * {@code switchboard.stripe.api-base=}{@link #url()} and any secret key.
 *
 * <p>Like Stripe, it answers a repeated {@code Idempotency-Key} with the first answer. It records
 * every request ({@link #requests()}: path, Idempotency-Key, form parameters as Stripe's flattened
 * keys such as {@code metadata[purchase_id]}), and builds the events Stripe would send about the
 * objects it created ({@link #checkoutCompleted}, {@link #chargeRefunded}, …) as JSON strings to be
 * signed with {@link StripeWebhookSigner} and posted to the webhook.
 *
 * <p>{@link #declineOffSessionPayments(boolean)} makes PaymentIntents fail as a declined card does.
 * A session's {@code url} ({@code GET /pay/<session id>}) is a small HTML page with links
 * {@code #success} and {@code #cancel} back to the session's success and cancel URLs, for browser tests.
 */
public final class FakeStripe implements AutoCloseable {

    /** One request as received. */
    public record Request(String method, String path, String idempotencyKey, String authorization,
                          Map<String, String> form) {

        public String param(String key) {
            return form.get(key);
        }
    }

    /** A Checkout Session this fake created; {@code url} serves a page that links to {@code successUrl}. */
    public record Session(String id, String url, String customer, String paymentIntent, long amountTotalCents,
                          Map<String, String> metadata, String clientReferenceId, String successUrl,
                          String cancelUrl) {
    }

    /** A PaymentIntent this fake created. */
    public record PaymentIntent(String id, String status, long amountCents, String customer, String paymentMethod,
                                Map<String, String> metadata) {
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, String> answersByIdempotencyKey = new ConcurrentHashMap<>();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Map<String, PaymentIntent> intents = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final AtomicLong events = new AtomicLong();
    private volatile boolean declineOffSession;
    private final AtomicInteger paymentIntentOutages = new AtomicInteger();

    public FakeStripe() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException("could not start the fake Stripe API", e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    /** The base URL to configure as {@code switchboard.stripe.api-base}. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public List<Request> requests(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    public Optional<Session> session(String id) {
        return Optional.ofNullable(sessions.get(id));
    }

    /** Every Checkout Session created, in no particular order. */
    public List<Session> sessions() {
        return List.copyOf(sessions.values());
    }

    public List<PaymentIntent> paymentIntents() {
        return List.copyOf(intents.values());
    }

    public void declineOffSessionPayments(boolean decline) {
        this.declineOffSession = decline;
    }

    /** The next {@code times} payment intents fail with a 500, as Stripe does when it has trouble. */
    public void failNextPaymentIntents(int times) {
        paymentIntentOutages.set(times);
    }

    // --- events Stripe would send -----------------------------------------------------------------

    /** {@code checkout.session.completed}; {@code paymentStatus} is {@code paid} or {@code unpaid} (async methods). */
    public String checkoutCompleted(String sessionId, String paymentStatus) {
        return event("checkout.session.completed", sessionObject(require(sessionId), paymentStatus));
    }

    public String checkoutAsyncPaymentSucceeded(String sessionId) {
        return event("checkout.session.async_payment_succeeded", sessionObject(require(sessionId), "paid"));
    }

    /** {@code payment_intent.succeeded} for the session's PaymentIntent, with the card the checkout saved. */
    public String paymentIntentSucceeded(String sessionId) {
        Session s = require(sessionId);
        return event("payment_intent.succeeded", intentObject(s.paymentIntent(), "succeeded", s.amountTotalCents(),
                s.customer(), "pm_card_" + s.id(), s.metadata()));
    }

    /** {@code charge.succeeded} with a receipt URL. */
    public String chargeSucceeded(String sessionId) {
        return event("charge.succeeded", chargeObject(require(sessionId), 0));
    }

    /** {@code charge.refunded}; {@code amountRefundedCents} is cumulative, as Stripe reports it. */
    public String chargeRefunded(String sessionId, long amountRefundedCents) {
        return event("charge.refunded", chargeObject(require(sessionId), amountRefundedCents));
    }

    /** An event of any type about any object, e.g. to test unknown types. */
    public String event(String type, String objectJson) {
        String id = "evt_fake_" + events.incrementAndGet() + "_" + System.nanoTime();
        return "{\"id\":" + q(id) + ",\"object\":\"event\",\"api_version\":\"2025-01-27.acacia\",\"created\":"
                + Instant.now().getEpochSecond() + ",\"livemode\":false,\"type\":" + q(type)
                + ",\"data\":{\"object\":" + objectJson + "}}";
    }

    private Session require(String sessionId) {
        Session s = sessions.get(sessionId);
        if (s == null) {
            throw new IllegalArgumentException("the fake Stripe created no session " + sessionId);
        }
        return s;
    }

    private static String sessionObject(Session s, String paymentStatus) {
        return "{\"id\":" + q(s.id()) + ",\"object\":\"checkout.session\",\"mode\":\"payment\",\"status\":\"complete\""
                + ",\"payment_status\":" + q(paymentStatus) + ",\"amount_total\":" + s.amountTotalCents()
                + ",\"currency\":\"usd\",\"customer\":" + q(s.customer()) + ",\"payment_intent\":" + q(s.paymentIntent())
                + ",\"client_reference_id\":" + q(s.clientReferenceId()) + ",\"metadata\":" + json(s.metadata()) + "}";
    }

    private static String chargeObject(Session s, long refundedCents) {
        String charge = "ch_" + s.id();
        return "{\"id\":" + q(charge) + ",\"object\":\"charge\",\"amount\":" + s.amountTotalCents()
                + ",\"amount_refunded\":" + refundedCents + ",\"refunded\":" + (refundedCents >= s.amountTotalCents())
                + ",\"currency\":\"usd\",\"paid\":true,\"status\":\"succeeded\",\"customer\":" + q(s.customer())
                + ",\"payment_intent\":" + q(s.paymentIntent()) + ",\"receipt_url\":" + q("https://pay.stripe.com/receipts/" + charge)
                + ",\"metadata\":" + json(s.metadata()) + "}";
    }

    private static String intentObject(String id, String status, long amount, String customer, String paymentMethod,
                                       Map<String, String> metadata) {
        return "{\"id\":" + q(id) + ",\"object\":\"payment_intent\",\"status\":" + q(status) + ",\"amount\":" + amount
                + ",\"amount_received\":" + ("succeeded".equals(status) ? amount : 0) + ",\"currency\":\"usd\""
                + ",\"customer\":" + q(customer) + ",\"payment_method\":" + q(paymentMethod)
                + ",\"setup_future_usage\":\"off_session\",\"metadata\":" + json(metadata) + "}";
    }

    // --- the API ------------------------------------------------------------------------------------

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            Map<String, String> form = decode(body);
            String path = exchange.getRequestURI().getPath();
            String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
            if (!path.startsWith("/pay/")) { // a browser visiting the checkout page is not an API call
                requests.add(new Request(exchange.getRequestMethod(), path, key,
                        exchange.getRequestHeaders().getFirst("Authorization"), form));
            }
            String cacheKey = key == null ? null : exchange.getRequestMethod() + " " + path + " " + key;
            String answer = cacheKey == null ? null : answersByIdempotencyKey.get(cacheKey);
            int status = 200;
            if (answer == null) {
                Answer computed = answer(exchange.getRequestMethod(), path, form);
                status = computed.status();
                answer = computed.body();
                if (cacheKey != null && status == 200) {
                    answersByIdempotencyKey.putIfAbsent(cacheKey, answer);
                    answer = answersByIdempotencyKey.get(cacheKey);
                }
            }
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type",
                    answer.startsWith("<!doctype") ? "text/html; charset=utf-8" : "application/json");
            exchange.getResponseHeaders().set("Request-Id", "req_fake_" + ids.incrementAndGet());
            if (key != null) {
                exchange.getResponseHeaders().set("Idempotency-Key", key);
            }
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private record Answer(int status, String body) {
    }

    private Answer answer(String method, String path, Map<String, String> form) {
        if ("GET".equals(method) && path.startsWith("/pay/") && sessions.containsKey(path.substring(5))) {
            return checkoutPage(sessions.get(path.substring(5)));
        }
        if (!"POST".equals(method)) {
            return error(404, "invalid_request_error", "Unrecognized request URL (" + method + ": " + path + ")");
        }
        return switch (path) {
            case "/v1/customers" -> new Answer(200, "{\"id\":" + q("cus_fake_" + ids.incrementAndGet())
                    + ",\"object\":\"customer\",\"description\":" + q(form.get("description"))
                    + ",\"metadata\":" + json(prefixed(form, "metadata")) + "}");
            case "/v1/checkout/sessions" -> createSession(form);
            case "/v1/payment_intents" -> createPaymentIntent(form);
            default -> error(404, "invalid_request_error", "Unrecognized request URL (POST: " + path + ")");
        };
    }

    private Answer createSession(Map<String, String> form) {
        long total = 0;
        for (int i = 0; form.containsKey("line_items[" + i + "][price_data][unit_amount]"); i++) {
            long quantity = Long.parseLong(form.getOrDefault("line_items[" + i + "][quantity]", "1"));
            total += quantity * Long.parseLong(form.get("line_items[" + i + "][price_data][unit_amount]"));
        }
        if (total <= 0) {
            return error(400, "invalid_request_error", "line_items are required");
        }
        long n = ids.incrementAndGet();
        String id = "cs_test_fake_" + n;
        Session session = new Session(id, url() + "/pay/" + id, form.get("customer"), "pi_fake_checkout_" + n, total,
                prefixed(form, "metadata"), form.get("client_reference_id"), form.get("success_url"),
                form.get("cancel_url"));
        sessions.put(id, session);
        return new Answer(200, sessionObject(session, "unpaid").replace("\"status\":\"complete\"", "\"status\":\"open\"")
                .replaceFirst("\\{", "{\"url\":" + q(session.url()) + ","));
    }

    private Answer createPaymentIntent(Map<String, String> form) {
        if (paymentIntentOutages.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
            return error(500, "api_error", "An unknown error occurred");
        }
        String id = "pi_fake_" + ids.incrementAndGet();
        long amount = Long.parseLong(form.getOrDefault("amount", "0"));
        boolean offSession = "true".equals(form.get("off_session"));
        if (offSession && declineOffSession) {
            return new Answer(402, "{\"error\":{\"type\":\"card_error\",\"code\":\"card_declined\","
                    + "\"decline_code\":\"generic_decline\",\"message\":\"Your card was declined.\","
                    + "\"payment_intent\":" + intentObject(id, "requires_payment_method", amount, form.get("customer"),
                    form.get("payment_method"), prefixed(form, "metadata")) + "}}");
        }
        String status = "true".equals(form.get("confirm")) ? "succeeded" : "requires_confirmation";
        PaymentIntent intent = new PaymentIntent(id, status, amount, form.get("customer"), form.get("payment_method"),
                prefixed(form, "metadata"));
        intents.put(id, intent);
        return new Answer(200, intentObject(id, status, amount, intent.customer(), intent.paymentMethod(), intent.metadata()));
    }

    /**
     * The hosted checkout page, for browser tests: it pays nothing by itself (the test delivers the
     * webhook) and links back to the success and cancel URLs the session was created with.
     */
    private static Answer checkoutPage(Session s) {
        return new Answer(200, "<!doctype html><title>Fake Stripe Checkout</title><h1>Fake Stripe Checkout</h1>"
                + "<p id=\"session\">" + html(s.id()) + "</p><p id=\"amount\">" + s.amountTotalCents() + "</p>"
                + "<a id=\"success\" href=\"" + html(s.successUrl()) + "\">Pay</a> "
                + "<a id=\"cancel\" href=\"" + html(s.cancelUrl()) + "\">Cancel</a>");
    }

    private static String html(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace("\"", "&quot;");
    }

    private static Answer error(int status, String type, String message) {
        return new Answer(status, "{\"error\":{\"type\":" + q(type) + ",\"message\":" + q(message) + "}}");
    }

    private static Map<String, String> prefixed(Map<String, String> form, String name) {
        Map<String, String> out = new LinkedHashMap<>();
        String prefix = name + "[";
        form.forEach((k, v) -> {
            if (k.startsWith(prefix) && k.endsWith("]") && k.indexOf('[', prefix.length()) < 0) {
                out.put(k.substring(prefix.length(), k.length() - 1), v);
            }
        });
        return out;
    }

    private static Map<String, String> decode(String body) {
        Map<String, String> out = new LinkedHashMap<>();
        if (body.isEmpty()) {
            return out;
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.put(k, v);
        }
        return out;
    }

    private static String json(Map<String, String> map) {
        StringBuilder out = new StringBuilder("{");
        map.forEach((k, v) -> out.append(out.length() > 1 ? "," : "").append(q(k)).append(':').append(q(v)));
        return out.append('}').toString();
    }

    /** A JSON string literal, or {@code null}. */
    private static String q(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

package dev.switchboard.billing.stripe;

import java.util.Optional;

import com.stripe.exception.SignatureVerificationException;
import com.stripe.net.Webhook;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

import dev.switchboard.billing.error.BillingException;
import dev.switchboard.billing.ledger.BalanceWatchers;

/**
 * Stripe's webhook: verify the signature (stripe-java's {@link Webhook.Signature}, with the
 * configured tolerance, so a stale replay is refused), then, in one transaction, record the event id
 * and apply what it says to the purchase and the ledger. A replayed event finds its id recorded and
 * changes nothing; events about one purchase in any order converge (see {@link PurchaseStore}).
 *
 * <p>Handled: {@code checkout.session.completed} (paid only when {@code payment_status} is
 * {@code paid}), {@code checkout.session.async_payment_succeeded} and {@code …_failed},
 * {@code payment_intent.succeeded} (also saves the card for auto top-up) and {@code …payment_failed},
 * {@code charge.succeeded} (the receipt) and {@code charge.refunded}. Other types are recorded and
 * ignored.
 */
@Component
class StripeWebhooks {

    private static final Logger log = LoggerFactory.getLogger(StripeWebhooks.class);

    private final StripeProperties properties;
    private final ObjectMapper json;
    private final PurchaseStore purchases;
    private final PurchaseCrediting crediting;
    private final CreditSettingsStore settings;
    private final BalanceWatchers watchers;
    private final TransactionalOperator tx;

    StripeWebhooks(StripeProperties properties, ObjectMapper json, PurchaseStore purchases,
                   PurchaseCrediting crediting, CreditSettingsStore settings, BalanceWatchers watchers,
                   TransactionalOperator tx) {
        this.properties = properties;
        this.json = json;
        this.purchases = purchases;
        this.crediting = crediting;
        this.settings = settings;
        this.watchers = watchers;
        this.tx = tx;
    }

    /** Returns the event's type and whether it was new, for the response body. */
    Mono<WebhookOutcome> receive(String payload, String signatureHeader) {
        return Mono.fromCallable(() -> verify(payload, signatureHeader))
                .flatMap(this::handle);
    }

    private JsonNode verify(String payload, String signatureHeader) {
        if (!properties.webhooksConfigured()) {
            throw BillingException.unavailable("Stripe webhooks are not configured");
        }
        if (payload == null || signatureHeader == null || signatureHeader.isBlank()) {
            throw BillingException.badRequest("Missing Stripe-Signature header or body");
        }
        try {
            Webhook.Signature.verifyHeader(payload, signatureHeader, properties.webhookSecret(),
                    properties.webhookTolerance().toSeconds());
        } catch (SignatureVerificationException e) {
            // stripe-java's message says whether the signature or the timestamp failed; neither holds the secret.
            throw BillingException.badRequest("Invalid Stripe signature: " + e.getMessage());
        }
        try {
            JsonNode event = json.readTree(payload);
            if (text(event, "id") == null || text(event, "type") == null || !event.path("data").path("object").isObject()) {
                throw BillingException.badRequest("Not a Stripe event");
            }
            return event;
        } catch (JacksonException e) {
            throw BillingException.badRequest("Malformed JSON in Stripe event");
        }
    }

    private Mono<WebhookOutcome> handle(JsonNode event) {
        String id = text(event, "id");
        String type = text(event, "type");
        JsonNode object = event.path("data").path("object");
        PurchaseReference reference = reference(type, object);
        Mono<String> purchaseId = reference == null ? Mono.empty() : findPurchase(reference);
        return purchaseId
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .flatMap(found -> purchases.recordEvent(id, type)
                        .flatMap(isNew -> isNew && found.isPresent()
                                ? apply(found.get(), type, object).thenReturn(true)
                                : Mono.just(isNew))
                        .as(tx::transactional)
                        .flatMap(isNew -> afterCommit(found.orElse(null)).thenReturn(new WebhookOutcome(id, type, isNew))));
    }

    /**
     * An event that names a purchase we do not have yet (its row not committed) is refused with 503
     * and not recorded, so Stripe delivers it again; one that names none of ours is recorded and ignored.
     */
    private Mono<String> findPurchase(PurchaseReference reference) {
        return purchases.idOf(reference.purchaseId(), reference.sessionId(), reference.paymentIntentId())
                .switchIfEmpty(Mono.defer(() -> reference.purchaseId() != null
                        ? Mono.error(BillingException.unavailable("Unknown purchase " + reference.purchaseId() + "; retry later"))
                        : Mono.empty()));
    }

    private Mono<Void> apply(String purchaseId, String type, JsonNode object) {
        StripeFacts facts = facts(type, object);
        log.info("Stripe {} for purchase {}", type, purchaseId);
        Mono<Void> saveCard = "payment_intent.succeeded".equals(type) ? saveCard(purchaseId, object) : Mono.empty();
        return purchases.recordFacts(purchaseId, facts)
                .then(saveCard)
                .then(crediting.reconcile(purchaseId))
                .then();
    }

    /** Repeated on every delivery, replays included: the Redis mirror applies each transfer once. */
    private Mono<Void> afterCommit(String purchaseId) {
        if (purchaseId == null) {
            return Mono.empty();
        }
        return crediting.mirror(purchaseId)
                .then(purchases.find(purchaseId))
                .flatMap(purchase -> watchers.changed(purchase.orgId()));
    }

    /** A card saved by a checkout ({@code setup_future_usage: off_session}) becomes the auto top-up card. */
    private Mono<Void> saveCard(String purchaseId, JsonNode intent) {
        String method = text(intent, "payment_method");
        if (method == null) {
            return Mono.empty();
        }
        return purchases.find(purchaseId)
                .flatMap(purchase -> settings.savePaymentMethod(purchase.orgId(), text(intent, "customer"), method));
    }

    private static StripeFacts facts(String type, JsonNode object) {
        return switch (type) {
            case "checkout.session.completed" -> new StripeFacts(
                    "paid".equals(text(object, "payment_status")), false,
                    text(object, "id"), text(object, "payment_intent"), null, 0);
            case "checkout.session.async_payment_succeeded" -> new StripeFacts(true, false,
                    text(object, "id"), text(object, "payment_intent"), null, 0);
            case "checkout.session.async_payment_failed" -> new StripeFacts(false, true,
                    text(object, "id"), text(object, "payment_intent"), null, 0);
            case "payment_intent.succeeded" -> new StripeFacts(true, false, null, text(object, "id"), null, 0);
            case "payment_intent.payment_failed" -> new StripeFacts(false, true, null, text(object, "id"), null, 0);
            case "charge.succeeded" -> new StripeFacts(false, false, null, text(object, "payment_intent"),
                    text(object, "receipt_url"), 0);
            case "charge.refunded" -> new StripeFacts(false, false, null, text(object, "payment_intent"),
                    text(object, "receipt_url"), object.path("amount_refunded").asLong(0));
            default -> new StripeFacts(false, false, null, null, null, 0);
        };
    }

    /** How an event's object names its purchase; null for event types that are not about purchases. */
    private static PurchaseReference reference(String type, JsonNode object) {
        String metadataId = text(object.path("metadata"), "purchase_id");
        return switch (type) {
            case "checkout.session.completed", "checkout.session.async_payment_succeeded",
                 "checkout.session.async_payment_failed" ->
                    new PurchaseReference(metadataId, text(object, "id"), text(object, "payment_intent"));
            case "payment_intent.succeeded", "payment_intent.payment_failed" ->
                    new PurchaseReference(metadataId, null, text(object, "id"));
            case "charge.succeeded", "charge.refunded" ->
                    new PurchaseReference(metadataId, null, text(object, "payment_intent"));
            default -> null;
        };
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || !value.isValueNode() ? null : value.asString();
    }

    private record PurchaseReference(String purchaseId, String sessionId, String paymentIntentId) {
    }

    /** @param handled false when the event id had been recorded before (a replay) */
    record WebhookOutcome(String id, String type, boolean handled) {
    }
}

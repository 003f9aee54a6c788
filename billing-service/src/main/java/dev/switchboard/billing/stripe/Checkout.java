package dev.switchboard.billing.stripe;

import java.math.BigDecimal;
import java.util.UUID;

import com.stripe.model.checkout.Session;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.checkout.SessionCreateParams;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

import dev.switchboard.billing.error.BillingException;
import dev.switchboard.billing.ledger.Ledger;
import dev.switchboard.contracts.billing.CheckoutView;

/**
 * Starts a purchase: validates the amount, records the purchase as pending with its amount and fee,
 * then asks Stripe for a Checkout Session of two line items (the credits, and the purchase fee) that
 * saves the card for later off-session use (auto top-up). The purchase id travels in the session's
 * and the PaymentIntent's metadata, so every later event finds it.
 */
@Component
class Checkout {

    private final StripeProperties properties;
    private final PurchaseFee fee;
    private final StripeGateway stripe;
    private final PurchaseStore purchases;
    private final CreditSettingsStore settings;
    private final Ledger ledger;

    Checkout(StripeProperties properties, StripeGateway stripe, PurchaseStore purchases,
             CreditSettingsStore settings, Ledger ledger) {
        this.properties = properties;
        this.fee = new PurchaseFee(properties.purchaseFeePercent(), properties.purchaseFeeMinimumUsd());
        this.stripe = stripe;
        this.purchases = purchases;
        this.settings = settings;
        this.ledger = ledger;
    }

    Mono<CheckoutView> start(UUID orgId, long amountNanos) {
        if (!properties.paymentsConfigured()) {
            return Mono.error(BillingException.unavailable("payments are not configured"));
        }
        return Mono.fromCallable(() -> amountCents(amountNanos))
                .flatMap(cents -> start(orgId, cents, fee.feeCents(cents)));
    }

    private Mono<CheckoutView> start(UUID orgId, long amountCents, long feeCents) {
        String purchaseId = "pur_" + UUID.randomUUID().toString().replace("-", "");
        long amountNanos = PurchaseFee.centsToNanos(amountCents);
        long feeNanos = PurchaseFee.centsToNanos(feeCents);
        return ledger.openOrgAccount(orgId)
                .then(customerOf(orgId))
                .flatMap(customer -> purchases.insertPending(purchaseId, orgId, "checkout", amountNanos, feeNanos,
                                amountCents + feeCents, null)
                        .then(stripe.createCheckoutSession(
                                sessionParams(orgId, purchaseId, customer, amountCents, feeCents),
                                "checkout:" + purchaseId)))
                .flatMap(session -> purchases.attachSession(purchaseId, session.getId()).thenReturn(session))
                .map(session -> view(purchaseId, session, amountNanos, feeNanos));
    }

    /** Whole cents between the configured minimum and maximum. */
    private long amountCents(long amountNanos) {
        BigDecimal usd = BigDecimal.valueOf(amountNanos).movePointLeft(9);
        if (amountNanos % PurchaseFee.NANOS_PER_CENT != 0) {
            throw BillingException.badRequest("amount must be in whole cents, not " + usd.toPlainString());
        }
        if (usd.compareTo(properties.minAmountUsd()) < 0 || usd.compareTo(properties.maxAmountUsd()) > 0) {
            throw BillingException.badRequest("amount must be between " + properties.minAmountUsd().toPlainString()
                    + " and " + properties.maxAmountUsd().toPlainString() + " USD, not " + usd.stripTrailingZeros().toPlainString());
        }
        return amountNanos / PurchaseFee.NANOS_PER_CENT;
    }

    /** One Stripe customer per organisation, created once (the idempotency key is the organisation). */
    private Mono<String> customerOf(UUID orgId) {
        return settings.get(orgId)
                .flatMap(current -> current.stripeCustomerId() != null
                        ? Mono.just(current.stripeCustomerId())
                        : stripe.createCustomer(CustomerCreateParams.builder()
                                        .setDescription("Switchboard organisation " + orgId)
                                        .putMetadata("org_id", orgId.toString())
                                        .build(), "customer:" + orgId)
                                .flatMap(customer -> settings.saveCustomer(orgId, customer.getId())
                                        .thenReturn(customer.getId())));
    }

    private SessionCreateParams sessionParams(UUID orgId, String purchaseId, String customer, long amountCents,
                                              long feeCents) {
        return SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.PAYMENT)
                .setCustomer(customer)
                .setClientReferenceId(orgId.toString())
                .setSuccessUrl(properties.successUrl())
                .setCancelUrl(properties.cancelUrl())
                .putMetadata("purchase_id", purchaseId)
                .putMetadata("org_id", orgId.toString())
                .addLineItem(lineItem("Switchboard credits", amountCents))
                .addLineItem(lineItem("Purchase fee", feeCents))
                .setPaymentIntentData(SessionCreateParams.PaymentIntentData.builder()
                        .setSetupFutureUsage(SessionCreateParams.PaymentIntentData.SetupFutureUsage.OFF_SESSION)
                        .putMetadata("purchase_id", purchaseId)
                        .putMetadata("org_id", orgId.toString())
                        .build())
                .build();
    }

    private static SessionCreateParams.LineItem lineItem(String name, long cents) {
        return SessionCreateParams.LineItem.builder()
                .setQuantity(1L)
                .setPriceData(SessionCreateParams.LineItem.PriceData.builder()
                        .setCurrency("usd")
                        .setUnitAmount(cents)
                        .setProductData(SessionCreateParams.LineItem.PriceData.ProductData.builder()
                                .setName(name)
                                .build())
                        .build())
                .build();
    }

    private static CheckoutView view(String purchaseId, Session session, long amountNanos, long feeNanos) {
        return new CheckoutView(purchaseId, session.getId(), session.getUrl(), amountNanos, feeNanos);
    }
}

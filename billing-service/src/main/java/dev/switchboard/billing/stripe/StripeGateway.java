package dev.switchboard.billing.stripe;

import java.util.concurrent.Callable;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.Customer;
import com.stripe.model.PaymentIntent;
import com.stripe.model.checkout.Session;
import com.stripe.net.RequestOptions;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.PaymentIntentCreateParams;
import com.stripe.param.checkout.SessionCreateParams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import dev.switchboard.billing.error.BillingException;

/**
 * The only door to Stripe. stripe-java blocks, so every call runs on {@code boundedElastic}; every
 * call carries the idempotency key its caller derives from what it does (a purchase id, a crossing
 * number), so a retry after a timeout never charges twice.
 */
@Component
class StripeGateway {

    private static final Logger log = LoggerFactory.getLogger(StripeGateway.class);

    private final StripeProperties properties;
    private final StripeClient client;

    StripeGateway(StripeProperties properties) {
        this.properties = properties;
        this.client = properties.paymentsConfigured()
                ? StripeClient.builder()
                        .setApiKey(properties.secretKey())
                        .setApiBase(properties.apiBase().toString().replaceAll("/+$", ""))
                        // Retries are ours to decide (with the same idempotency key), not hidden in the client.
                        .setMaxNetworkRetries(0)
                        .build()
                : null;
    }

    Mono<Customer> createCustomer(CustomerCreateParams params, String idempotencyKey) {
        return call(idempotencyKey, options -> client.v1().customers().create(params, options));
    }

    Mono<Session> createCheckoutSession(SessionCreateParams params, String idempotencyKey) {
        return call(idempotencyKey, options -> client.v1().checkout().sessions().create(params, options));
    }

    Mono<PaymentIntent> createPaymentIntent(PaymentIntentCreateParams params, String idempotencyKey) {
        return call(idempotencyKey, options -> client.v1().paymentIntents().create(params, options));
    }

    private <T> Mono<T> call(String idempotencyKey, StripeCall<T> call) {
        if (client == null) {
            return Mono.error(BillingException.unavailable("payments are not configured"));
        }
        RequestOptions options = RequestOptions.builder().setIdempotencyKey(idempotencyKey).build();
        Callable<T> blocking = () -> call.apply(options);
        return Mono.fromCallable(blocking)
                .subscribeOn(Schedulers.boundedElastic())
                .onErrorMap(StripeException.class, StripeGateway::toBillingError);
    }

    /** Stripe's message is safe to show (it never holds the key); its request id helps support. */
    private static BillingException toBillingError(StripeException e) {
        log.warn("Stripe call failed: status {}, code {}, request {}: {}", e.getStatusCode(), e.getCode(),
                e.getRequestId(), e.getStripeError() != null ? e.getStripeError().getMessage() : e.getClass().getSimpleName());
        Integer status = e.getStatusCode();
        String message = e.getStripeError() != null && e.getStripeError().getMessage() != null
                ? e.getStripeError().getMessage() : "the payment provider could not be reached";
        return status != null && status == 402
                ? BillingException.of(HttpStatus.PAYMENT_REQUIRED, "Payment failed: " + message)
                : BillingException.of(HttpStatus.BAD_GATEWAY, "Payment provider error: " + message);
    }

    @FunctionalInterface
    private interface StripeCall<T> {
        T apply(RequestOptions options) throws StripeException;
    }

    @Override
    public String toString() {
        return "StripeGateway[" + properties + "]";
    }
}

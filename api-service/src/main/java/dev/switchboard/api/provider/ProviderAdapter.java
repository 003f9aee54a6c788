package dev.switchboard.api.provider;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Calls one kind of upstream API. One implementation per API style; a fresh decoder per request.
 * Errors are signalled as {@link ProviderException} carrying a {@link ProviderError}.
 */
public interface ProviderAdapter {

    /** True when this adapter speaks the catalog's {@code apiStyle}. */
    boolean speaks(String apiStyle);

    /** A non-streamed completion. */
    Mono<Completion> complete(UpstreamCall call);

    /**
     * A streamed completion: events as they arrive, nothing buffered. Cancelling the subscription
     * cancels the upstream request.
     */
    Flux<StreamEvent> stream(UpstreamCall call);

    /**
     * The upstream's own count of the prompt of {@code call.body()} (a chat request; cached tokens
     * included), without generating anything; empty when its API has no such operation, and the
     * caller then estimates.
     */
    default Mono<Long> countTokens(UpstreamCall call) {
        return Mono.empty();
    }

    /** True when this adapter's API has an embeddings operation. */
    default boolean embeds() {
        return false;
    }

    /**
     * Embeddings for {@code call.body()}, an OpenAI embeddings request; the answer is OpenAI's
     * embeddings list ({@code data[].embedding} as float arrays) with its usage. An adapter whose
     * API has no embeddings keeps this default: a 400 that says so, never retried elsewhere.
     */
    default Mono<Completion> embed(UpstreamCall call) {
        return Mono.error(new ProviderException(new ProviderError.InvalidRequest(call.endpoint().provider().slug(), 400,
                "model does not support embeddings")));
    }
}

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
}

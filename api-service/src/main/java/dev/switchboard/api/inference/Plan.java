package dev.switchboard.api.inference;

import dev.switchboard.api.identity.Caller;
import dev.switchboard.api.identity.keys.KeyLimit;
import dev.switchboard.api.routing.Route;
import dev.switchboard.api.routing.RoutingRequest;

/**
 * Everything decided before the upstream call: who, what, where to, and how much credit is held.
 *
 * @param origin       the client's {@code HTTP-Referer}, if any, kept on the generation record
 * @param api          the API the client spoke, as recorded ({@code UsageEvent.API_*})
 * @param keyLimit     the calling key's limit, or {@code null} when it has none
 * @param keyHeldNanos what is held against the key's limit: the worst case that would count against it
 */
record Plan(Caller caller, String generationId, ChatRequest request, RoutingRequest routing, Route route,
            long heldNanos, String origin, String api, KeyLimit keyLimit, long keyHeldNanos) {

    /** The first model asked for; the model that served (and is billed) is the serving endpoint's. */
    String modelId() {
        return route.primaryModelId();
    }
}

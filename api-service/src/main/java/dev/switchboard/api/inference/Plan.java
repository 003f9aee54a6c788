package dev.switchboard.api.inference;

import dev.switchboard.api.identity.Caller;
import dev.switchboard.api.routing.RoutePlanner;

/**
 * Everything decided before the upstream call: who, what, where to, and how much credit is held.
 *
 * @param origin the client's {@code HTTP-Referer}, if any, kept on the generation record
 */
record Plan(Caller caller, String generationId, ChatRequest request, RoutePlanner.Route route, long heldNanos,
            String origin) {

    String modelId() {
        return route.model().id();
    }
}

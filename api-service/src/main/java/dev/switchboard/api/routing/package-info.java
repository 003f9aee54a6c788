/**
 * Where a request is routed: which endpoints of which models may serve it, in which order, and
 * why. {@link dev.switchboard.api.routing.RoutePlanner} filters ({@code EndpointFilters}), orders
 * ({@code CandidateOrdering}: provider order, sort, or price-weighted random; sticky, BYOK first;
 * outages last) and explains; {@link dev.switchboard.api.routing.EndpointHealth} keeps this
 * instance's circuit breakers and recent figures; {@link dev.switchboard.api.routing.StickyRoutes}
 * keeps sessions on one endpoint across instances.
 */
package dev.switchboard.api.routing;

/**
 * Where a request is routed: which endpoints of a model may serve it, in which order. This is the
 * foundation's strategy (usable endpoints, cheapest first); provider preferences, fallbacks and
 * health-aware balancing build on the same {@link dev.switchboard.api.routing.RoutePlanner} seam.
 */
package dev.switchboard.api.routing;

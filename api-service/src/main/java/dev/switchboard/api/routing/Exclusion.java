package dev.switchboard.api.routing;

import java.util.function.Supplier;

/**
 * An endpoint the planner did not keep, and why.
 *
 * @param filter  the filter's name, as the 404 and the generation record show it
 *                ({@code context_length}, {@code provider.ignore}, {@code circuit_open}…)
 * @param because the reason as text, rendered only when someone reads it (the 404, the generation
 *                record): most exclusions of a successful request are never read on its path
 */
public record Exclusion(String model, String endpoint, String provider, String filter, Supplier<String> because) {

    public String reason() {
        return because.get();
    }

    /**
     * True when the endpoint was removed for what it is now (disabled, failing, no credential)
     * rather than for what the request asked: a request refused only for these is a 503, not a 404.
     */
    public boolean availability() {
        return switch (filter) {
            case "disabled", "circuit_open", "no_credentials" -> true;
            default -> false;
        };
    }
}

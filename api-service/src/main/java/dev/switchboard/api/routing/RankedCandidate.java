package dev.switchboard.api.routing;

import java.util.List;

/**
 * A candidate in its final place, with the reasons that put it there ({@code weight 0.64},
 * {@code provider.order[0]}, {@code outage in the last 30s: moved last}…).
 */
public record RankedCandidate(Candidate candidate, List<Placement> placements) {

    /** The reasons as text, rendered on demand (for the generation record, not on the request path). */
    public List<String> why() {
        return placements.stream().map(Placement::text).toList();
    }
}

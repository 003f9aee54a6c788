package dev.switchboard.api.routing;

import java.util.List;

/**
 * The planner's decision: the candidates to try, in order, across every model of the request, and
 * what it did not keep.
 *
 * @param strategy how the candidates were ordered ({@code price-weighted}, {@code sort:throughput},
 *                 {@code provider.order}), per model in request order
 */
public record Route(String primaryModelId, List<RankedCandidate> ranked, List<Exclusion> excluded,
                    List<String> strategy) {

    /** The candidates alone, in order. */
    public List<Candidate> candidates() {
        return ranked.stream().map(RankedCandidate::candidate).toList();
    }

    public Candidate candidate(int index) {
        return ranked.get(index).candidate();
    }

    public int size() {
        return ranked.size();
    }

    /** The first candidate after {@code index} that serves another model, or {@link #size()} when none does. */
    public int nextModelStart(int index) {
        String model = candidate(index).modelId();
        for (int i = index + 1; i < ranked.size(); i++) {
            if (!candidate(i).modelId().equals(model)) {
                return i;
            }
        }
        return ranked.size();
    }
}

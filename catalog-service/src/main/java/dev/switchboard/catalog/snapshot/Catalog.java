package dev.switchboard.catalog.snapshot;

import java.time.Instant;
import java.util.Map;

import dev.switchboard.contracts.catalog.CatalogSnapshot;

/**
 * One built catalog: the snapshot served to the api-service plus the presentation details the
 * public model API needs and the snapshot contract does not carry.
 *
 * @param snapshot        the wire snapshot; its version is the content hash
 * @param details         per model id
 * @param builtAt         the instant the prices in force were chosen for
 * @param nextPriceChange the earliest effective_from after {@code builtAt}, or null: the snapshot
 *                        must be rebuilt then
 */
public record Catalog(CatalogSnapshot snapshot, Map<String, ModelDetails> details, Instant builtAt,
                      Instant nextPriceChange) {

    public String version() {
        return snapshot.version();
    }

    /** What OpenRouter's model schema shows beyond the snapshot. */
    public record ModelDetails(String modality, String tokenizer, String instructType, boolean moderated) {
    }
}

package dev.switchboard.catalog.publicapi;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The envelopes of the public responses, as in OpenRouter's OpenAPI spec. */
final class Responses {

    private Responses() {
    }

    /** {@code GET /api/v1/models}: everything on one page, so {@code links.next} is null. */
    record ModelList(List<OpenRouterModel> data, @JsonProperty("total_count") int totalCount, Links links) {
    }

    record Links(String next) {
    }

    /** {@code GET /api/v1/models/count}. */
    record ModelCount(Count data) {
    }

    record Count(int count) {
    }

    /** {@code GET /api/v1/models/{author}/{slug}/endpoints}. */
    record EndpointList(ModelEndpoints data) {
    }

    record ModelEndpoints(String id, String name, long created, String description,
                          OpenRouterModel.Architecture architecture, List<PublicEndpoint> endpoints) {
    }

    /** {@code GET /api/v1/providers}. */
    record ProviderList(List<PublicProvider> data) {
    }

    /**
     * A provider in OpenRouter's shape plus Switchboard's data policy. Privacy, terms and status URLs
     * are not in the catalog yet, so they are null.
     */
    record PublicProvider(String name, String slug,
                          @JsonProperty("privacy_policy_url") String privacyPolicyUrl,
                          @JsonProperty("terms_of_service_url") String termsOfServiceUrl,
                          @JsonProperty("status_page_url") String statusPageUrl,
                          @JsonProperty("data_policy") DataPolicy dataPolicy) {
    }

    record DataPolicy(boolean training, @JsonProperty("retains_prompts") boolean retainsPrompts,
                      @JsonProperty("retention_days") Integer retentionDays) {
    }
}

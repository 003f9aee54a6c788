package dev.switchboard.api.byok;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One BYOK credential in OpenRouter's shape. The secret never appears: {@code label} is its mask.
 * {@code priority} and {@code base_url} are Switchboard's additions ({@code is_fallback} is
 * {@code priority == "fallback"}); the allow-lists are not supported and are always {@code null}.
 */
record ByokView(String id,
                String provider,
                @JsonProperty("workspace_id") String workspaceId,
                String name,
                String label,
                boolean disabled,
                @JsonProperty("is_fallback") boolean isFallback,
                String priority,
                @JsonProperty("base_url") String baseUrl,
                @JsonProperty("allowed_models") @JsonInclude(JsonInclude.Include.ALWAYS) List<String> allowedModels,
                @JsonProperty("allowed_api_key_hashes") @JsonInclude(JsonInclude.Include.ALWAYS) List<String> allowedApiKeyHashes,
                @JsonProperty("allowed_user_ids") @JsonInclude(JsonInclude.Include.ALWAYS) List<String> allowedUserIds,
                @JsonProperty("sort_order") int sortOrder,
                @JsonProperty("created_at") String createdAt,
                @JsonProperty("updated_at") String updatedAt) {

    static ByokView of(ByokKey key) {
        return new ByokView(key.id().toString(), key.provider(), key.orgId().toString(), key.name(), key.label(),
                key.disabled(), key.priority() == ByokPriority.FALLBACK, key.priority().code(), key.baseUrl(),
                null, null, null, 0, timestamp(key.createdAt()), timestamp(key.updatedAt()));
    }

    private static String timestamp(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}

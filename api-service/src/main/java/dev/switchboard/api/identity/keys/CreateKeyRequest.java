package dev.switchboard.api.identity.keys;

import java.math.BigDecimal;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code POST /api/v1/keys}, OpenRouter's request:
 * {@code {"name","limit"?,"limit_reset"?,"include_byok_in_limit"?,"expires_at"?,"is_management_key"?}}.
 * {@code limit} is USD, read exactly as written.
 */
record CreateKeyRequest(String name,
                        BigDecimal limit,
                        @JsonProperty("limit_reset") String limitReset,
                        @JsonProperty("include_byok_in_limit") Boolean includeByokInLimit,
                        @JsonProperty("expires_at") String expiresAt,
                        @JsonProperty("is_management_key") Boolean isManagementKey) {
}

package dev.switchboard.api.provider.openai;

import java.util.Set;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * How one OpenAI-compatible upstream differs from OpenAI, as data
 * ({@code provider/openai-compatible-profiles.json}).
 *
 * @param defaultBaseUrl   used when neither configuration nor the catalog names a base URL
 * @param auth             {@code bearer}, or {@code none} for self-hosted servers that run without a key
 * @param streamUsage      the server accepts {@code stream_options.include_usage} (without it, usage
 *                         is charged from what the stream carried)
 * @param maxTokensField   {@code max_tokens} or {@code max_completion_tokens}: the field the server reads
 * @param dropParameters   request fields the server refuses with a 400
 * @param reasoningField   where the server puts reasoning text: {@code reasoning} or {@code reasoning_content}
 * @param reasoningEffort  the server accepts {@code reasoning_effort}
 * @param forwardReasoning the server understands OpenRouter's {@code reasoning} object itself (OpenRouter as upstream)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CompatibleProfile(String slug, String defaultBaseUrl, String auth, Boolean streamUsage,
                                String maxTokensField, Set<String> dropParameters, String reasoningField,
                                Boolean reasoningEffort, Boolean forwardReasoning) {

    /** OpenAI's own behaviour: what a provider without a profile gets. */
    public static final CompatibleProfile OPENAI = new CompatibleProfile("openai", null, "bearer", true, null,
            Set.of(), "reasoning", true, false);

    public CompatibleProfile {
        dropParameters = dropParameters == null ? Set.of() : Set.copyOf(dropParameters);
        reasoningField = reasoningField == null ? "reasoning" : reasoningField;
        auth = auth == null ? "bearer" : auth;
        // Boxed so a profile may leave a flag out; absent means OpenAI's behaviour.
        streamUsage = streamUsage == null || streamUsage;
        reasoningEffort = reasoningEffort == null || reasoningEffort;
        forwardReasoning = forwardReasoning != null && forwardReasoning;
    }

    /** A server that may run without a key: configuring its base URL alone makes it callable. */
    public boolean keyless() {
        return "none".equals(auth);
    }
}

package dev.switchboard.api.provider.anthropic;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** An Anthropic Messages answer: the whole body of a non-streamed call, the head of a stream. */
@JsonIgnoreProperties(ignoreUnknown = true)
record AnthropicMessage(String id, String model, String role, List<AnthropicContentBlock> content,
                        @JsonProperty("stop_reason") String stopReason,
                        @JsonProperty("stop_sequence") String stopSequence, AnthropicUsage usage) {

    AnthropicMessage {
        content = content == null ? List.of() : content;
        usage = usage == null ? AnthropicUsage.NONE : usage;
    }
}

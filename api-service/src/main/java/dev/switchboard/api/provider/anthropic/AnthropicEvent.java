package dev.switchboard.api.provider.anthropic;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * The server-sent events of a streamed Anthropic Messages call, by their {@code type}. An event
 * type this code does not know decodes as {@link Unknown} and is ignored, as Anthropic asks
 * clients to do for forward compatibility.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type", defaultImpl = AnthropicEvent.Unknown.class)
@JsonSubTypes({
        @JsonSubTypes.Type(value = AnthropicEvent.MessageStart.class, name = "message_start"),
        @JsonSubTypes.Type(value = AnthropicEvent.ContentBlockStart.class, name = "content_block_start"),
        @JsonSubTypes.Type(value = AnthropicEvent.ContentBlockDelta.class, name = "content_block_delta"),
        @JsonSubTypes.Type(value = AnthropicEvent.ContentBlockStop.class, name = "content_block_stop"),
        @JsonSubTypes.Type(value = AnthropicEvent.MessageDelta.class, name = "message_delta"),
        @JsonSubTypes.Type(value = AnthropicEvent.MessageStop.class, name = "message_stop"),
        @JsonSubTypes.Type(value = AnthropicEvent.Ping.class, name = "ping"),
        @JsonSubTypes.Type(value = AnthropicEvent.Error.class, name = "error"),
})
sealed interface AnthropicEvent {

    @JsonIgnoreProperties(ignoreUnknown = true)
    record MessageStart(AnthropicMessage message) implements AnthropicEvent {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ContentBlockStart(int index, @JsonProperty("content_block") AnthropicContentBlock contentBlock)
            implements AnthropicEvent {
    }

    /** A piece of a block: {@code text_delta}, {@code input_json_delta}, {@code thinking_delta} or {@code signature_delta}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ContentBlockDelta(int index, Delta delta) implements AnthropicEvent {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Delta(String type, String text, @JsonProperty("partial_json") String partialJson, String thinking,
                 String signature) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ContentBlockStop(int index) implements AnthropicEvent {
    }

    /** The stop reason, and the usage so far (output tokens are cumulative). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record MessageDelta(MessageDeltaBody delta, AnthropicUsage usage) implements AnthropicEvent {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record MessageDeltaBody(@JsonProperty("stop_reason") String stopReason,
                            @JsonProperty("stop_sequence") String stopSequence) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record MessageStop() implements AnthropicEvent {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Ping() implements AnthropicEvent {
    }

    /** An error after the stream began, for example {@code overloaded_error}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Error(AnthropicErrorBody error) implements AnthropicEvent {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Unknown() implements AnthropicEvent {
    }
}

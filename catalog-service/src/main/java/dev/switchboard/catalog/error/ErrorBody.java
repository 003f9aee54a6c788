package dev.switchboard.catalog.error;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/** OpenRouter's error shape: {@code {"error":{"code":N,"message":"…","metadata":{…}}}}. */
public record ErrorBody(Detail error) {

    public static ErrorBody of(int code, String message, Map<String, Object> metadata) {
        return new ErrorBody(new Detail(code, message, metadata == null || metadata.isEmpty() ? null : metadata));
    }

    /** The error itself; {@code metadata} is omitted when there is none. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Detail(int code, String message, Map<String, Object> metadata) {
    }
}

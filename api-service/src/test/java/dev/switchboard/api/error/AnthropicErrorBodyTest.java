package dev.switchboard.api.error;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;

class AnthropicErrorBodyTest {

    static Stream<Arguments> statuses() {
        return Stream.of(
                Arguments.of(HttpStatus.BAD_REQUEST, 400, "invalid_request_error"),
                Arguments.of(HttpStatus.UNAUTHORIZED, 401, "authentication_error"),
                Arguments.of(HttpStatus.PAYMENT_REQUIRED, 402, "billing_error"),
                Arguments.of(HttpStatus.FORBIDDEN, 403, "permission_error"),
                Arguments.of(HttpStatus.NOT_FOUND, 404, "not_found_error"),
                Arguments.of(HttpStatus.REQUEST_TIMEOUT, 504, "timeout_error"),
                Arguments.of(HttpStatus.PAYLOAD_TOO_LARGE, 413, "request_too_large"),
                Arguments.of(HttpStatus.TOO_MANY_REQUESTS, 429, "rate_limit_error"),
                Arguments.of(HttpStatus.INTERNAL_SERVER_ERROR, 500, "api_error"),
                Arguments.of(HttpStatus.BAD_GATEWAY, 502, "api_error"),
                Arguments.of(HttpStatus.SERVICE_UNAVAILABLE, 529, "overloaded_error"));
    }

    @ParameterizedTest
    @MethodSource("statuses")
    void openRoutersStatusBecomesTheStatusAndTypeAnAnthropicClientExpects(HttpStatus ours, int status, String type) {
        ApiException error = new ApiException(ours, "why");
        assertThat(AnthropicErrorBody.status(error).value()).isEqualTo(status);
        assertThat(AnthropicErrorBody.of(error)).isEqualTo(
                new AnthropicErrorBody("error", new AnthropicErrorBody.Detail(type, "why")));
    }
}

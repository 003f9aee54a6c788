package dev.switchboard.billing.error;

/**
 * OpenRouter's error shape, which every Switchboard service answers with:
 * {@code {"error":{"code":N,"message":"…"}}}.
 */
record ErrorBody(Detail error) {

    static ErrorBody of(int code, String message) {
        return new ErrorBody(new Detail(code, message));
    }

    record Detail(int code, String message) {
    }
}

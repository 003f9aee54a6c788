package dev.switchboard.api.paging;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.regex.Pattern;

import dev.switchboard.api.error.ApiException;

/**
 * Where a page of a newest-first list ends: the last row's creation time (microseconds, as
 * PostgreSQL stores it) and id. Keyset pagination, so rows arriving meanwhile neither repeat nor
 * shift a page, and rows sharing a timestamp are told apart by their id; opaque to clients (base64url).
 */
public record KeysetCursor(Instant createdAt, String id) {

    /** The ids this API pages by (UUIDs, generation and Stripe ids); anything else was not issued here. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.:-]{1,128}");

    public String encode() {
        long micros = Math.addExact(Math.multiplyExact(createdAt.getEpochSecond(), 1_000_000L), createdAt.getNano() / 1_000);
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((micros + "|" + id).getBytes(StandardCharsets.UTF_8));
    }

    /** @throws ApiException 400 when {@code cursor} is not one this API returned */
    public static KeysetCursor decode(String cursor) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int bar = text.indexOf('|');
            long micros = Long.parseLong(text.substring(0, bar));
            String id = text.substring(bar + 1);
            if (!ID.matcher(id).matches()) {
                throw new IllegalArgumentException("id");
            }
            return new KeysetCursor(Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
                    Math.floorMod(micros, 1_000_000L) * 1_000), id);
        } catch (RuntimeException malformed) {
            throw ApiException.badRequest("cursor is not one this API returned");
        }
    }
}

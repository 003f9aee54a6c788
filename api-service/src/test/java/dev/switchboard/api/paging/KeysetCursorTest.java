package dev.switchboard.api.paging;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.switchboard.api.error.ApiException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A cursor carries only ids this API issues, so its id can never be read as a URI template or extra parameters. */
class KeysetCursorTest {

    @Test
    void aCursorThisApiIssuedDecodesToTheSameRow() {
        KeysetCursor cursor = new KeysetCursor(Instant.parse("2026-11-23T08:00:00.123456Z"), "pi_3Qx-9f.a:1");

        assertThat(KeysetCursor.decode(cursor.encode())).isEqualTo(cursor);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{orgId}", "a&limit=1000", "a b", "a/b", "é"})
    void aCursorWhoseIdIsOutsideTheIssuedAlphabetIsABadRequest(String id) {
        String cursor = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("1763884800000000|" + id).getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> KeysetCursor.decode(cursor))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining("cursor");
    }
}

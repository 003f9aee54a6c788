package dev.switchboard.contracts.catalog;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One upstream attempt the api-service made, reported in batches to
 * {@code POST /internal/catalog/attempts} for the availability windows.
 *
 * @param endpointId   {@link EndpointInfo#id()}
 * @param startedAt    when the upstream call started
 * @param httpStatus   the upstream's HTTP status, or 0 when no response arrived (connect error,
 *                     timeout, stream broken before its end)
 * @param ttftMs       time to first token, or null when none arrived
 * @param durationMs   time from start to the last byte (or the failure)
 * @param outputTokens completion tokens produced
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AttemptOutcome(String endpointId, Instant startedAt, int httpStatus, Long ttftMs, long durationMs,
                             long outputTokens) {
}

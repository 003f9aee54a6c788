package dev.switchboard.contracts.catalog;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Exact prices in USD as decimal strings ({@code "0.0000025"}): per prompt token, per completion
 * token, per cached-prompt-token read, per cache-write token, per request and per input image.
 * Unknown prices are {@code "0"}. {@code id} names this effective-dated price row, so a generation
 * can record exactly which prices it was charged at.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Prices(String id, String prompt, String completion, String cacheRead, String cacheWrite,
                     String request, String image, Instant effectiveFrom) {
}

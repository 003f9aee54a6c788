package dev.switchboard.api.catalog;

import java.math.BigDecimal;

import dev.switchboard.contracts.catalog.Prices;

/**
 * An endpoint's prices as exact decimals of USD per unit, parsed once when a snapshot arrives.
 *
 * @param id the effective-dated price row these came from, recorded on every generation
 */
public record PriceSheet(String id, BigDecimal prompt, BigDecimal completion, BigDecimal cacheRead,
                         BigDecimal cacheWrite, BigDecimal request, BigDecimal image) {

    static PriceSheet of(Prices p) {
        return new PriceSheet(p.id(), decimal(p.prompt()), decimal(p.completion()), decimal(p.cacheRead()),
                decimal(p.cacheWrite()), decimal(p.request()), decimal(p.image()));
    }

    private static BigDecimal decimal(String s) {
        if (s == null || s.isBlank()) {
            return BigDecimal.ZERO;
        }
        BigDecimal d = new BigDecimal(s.trim());
        if (d.signum() < 0) {
            throw new IllegalArgumentException("negative price " + s);
        }
        return d;
    }
}

package dev.switchboard.api.availability;

import dev.switchboard.contracts.catalog.AttemptOutcome;

/**
 * Sees every upstream attempt as it ends, on the thread that ended it, before the outcome is
 * queued for catalog-service. For in-process health (routing's circuit breakers and outage
 * windows), which must react within the same request. Must be quick and must not block or throw.
 */
public interface AttemptObserver {

    void observe(AttemptOutcome outcome);
}

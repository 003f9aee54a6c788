package dev.switchboard.billing.usage;

import java.util.List;

import org.springframework.data.redis.connection.stream.RecordId;

import dev.switchboard.billing.ledger.Transfer;
import dev.switchboard.contracts.billing.UsageEvent;

/** One usage stream entry after reading: postable, or malformed and bound for the dead-letter stream. */
sealed interface StreamEntry {

    RecordId id();

    record Postable(RecordId id, UsageEvent event, List<Transfer> legs) implements StreamEntry {
    }

    /**
     * @param payload the raw {@code event} field, kept verbatim in the dead-letter stream (empty if absent)
     * @param reason  why it cannot be posted; safe to log (it never quotes the payload)
     */
    record Malformed(RecordId id, String payload, String reason) implements StreamEntry {
    }
}

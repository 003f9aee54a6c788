package dev.switchboard.billing.stripe;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import dev.switchboard.billing.error.BillingException;

/**
 * One page of an organisation's purchase history, newest first ({@code created_at DESC, id DESC}):
 * at most {@code limit} purchases strictly after the keyset {@code (beforeCreatedAt, beforeId)} in that
 * order, or from the newest when there is none. The id breaks ties between purchases created in the
 * same microsecond, so paging neither repeats nor skips them. api-service owns the cursor clients see.
 */
record HistoryPage(int limit, Instant beforeCreatedAt, String beforeId) {

    /** Without a limit: the latest {@value}, as the history was before it was paged. */
    static final int DEFAULT_LIMIT = 100;
    /** api-service asks for one more than its largest page (100), to learn whether a next page exists. */
    static final int MAX_LIMIT = 200;

    /** @throws BillingException 400 naming the parameter that is out of range, malformed or alone */
    static HistoryPage of(Integer limit, String beforeCreatedAt, String beforeId) {
        int size = limit == null ? DEFAULT_LIMIT : limit;
        if (size < 1 || size > MAX_LIMIT) {
            throw BillingException.badRequest("limit must be from 1 to " + MAX_LIMIT);
        }
        boolean hasAt = beforeCreatedAt != null && !beforeCreatedAt.isBlank();
        boolean hasId = beforeId != null && !beforeId.isBlank();
        if (hasAt != hasId) {
            throw BillingException.badRequest("beforeCreatedAt and beforeId go together");
        }
        if (!hasAt) {
            return new HistoryPage(size, null, null);
        }
        try {
            return new HistoryPage(size, Instant.parse(beforeCreatedAt), beforeId);
        } catch (DateTimeParseException e) {
            throw BillingException.badRequest("beforeCreatedAt must be an ISO-8601 instant");
        }
    }

    boolean first() {
        return beforeCreatedAt == null;
    }
}

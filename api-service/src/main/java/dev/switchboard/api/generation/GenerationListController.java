package dev.switchboard.api.generation;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.switchboard.api.error.ApiException;
import dev.switchboard.api.identity.Caller;
import dev.switchboard.api.paging.KeysetCursor;
import dev.switchboard.api.paging.PageRequest;

/**
 * {@code GET /api/v1/generations?limit=&cursor=&key=&model=&from=&to=}: the organisation's
 * generations, newest first, for the browser's activity pages. {@code key} is an API key hash,
 * {@code from} (inclusive) and {@code to} (exclusive) are ISO dates (UTC) or date-times. Each item has
 * the shape of {@code GET /api/v1/generation} without the attempts and routing detail;
 * {@code next_cursor} is null on the last page.
 */
@RestController
class GenerationListController {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 100;

    private final DatabaseClient db;

    GenerationListController(DatabaseClient db) {
        this.db = db;
    }

    @GetMapping("/api/v1/generations")
    Mono<Map<String, Object>> list(@AuthenticationPrincipal Caller caller,
                                   @RequestParam(defaultValue = "" + DEFAULT_LIMIT) int limit,
                                   @RequestParam(required = false) String cursor,
                                   @RequestParam(required = false) String key,
                                   @RequestParam(required = false) String model,
                                   @RequestParam(required = false) String from,
                                   @RequestParam(required = false) String to) {
        PageRequest request = PageRequest.of(limit, MAX_LIMIT, cursor);
        KeysetCursor after = request.after();
        Instant fromInstant = instant("from", from);
        Instant toInstant = instant("to", to);
        StringBuilder sql = new StringBuilder("SELECT * FROM generations WHERE org_id = :org");
        Map<String, Object> binds = new LinkedHashMap<>();
        binds.put("org", caller.orgId());
        if (key != null && !key.isBlank()) {
            sql.append(" AND api_key_hash = :key");
            binds.put("key", key);
        }
        if (model != null && !model.isBlank()) {
            sql.append(" AND model = :model");
            binds.put("model", model);
        }
        if (fromInstant != null) {
            sql.append(" AND created_at >= :from");
            binds.put("from", fromInstant.atOffset(ZoneOffset.UTC));
        }
        if (toInstant != null) {
            sql.append(" AND created_at < :to");
            binds.put("to", toInstant.atOffset(ZoneOffset.UTC));
        }
        if (after != null) {
            sql.append(" AND (created_at, id) < (:afterAt, :afterId)");
            binds.put("afterAt", after.createdAt().atOffset(ZoneOffset.UTC));
            binds.put("afterId", after.id());
        }
        sql.append(" ORDER BY created_at DESC, id DESC LIMIT :limit");
        binds.put("limit", request.fetch());
        DatabaseClient.GenericExecuteSpec spec = db.sql(sql.toString());
        for (Map.Entry<String, Object> bind : binds.entrySet()) {
            spec = spec.bind(bind.getKey(), bind.getValue());
        }
        return spec.map(row -> Map.entry(new KeysetCursor(row.get("created_at", OffsetDateTime.class).toInstant(),
                        row.get("id", String.class)), GenerationController.summary(row)))
                .all()
                .collectList()
                .map(rows -> request.page(rows, Map.Entry::getKey, Map.Entry::getValue));
    }

    /** A date means its 00:00 UTC; a date-time must carry its offset. */
    private static Instant instant(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return value.length() == 10 ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(field + " must be a date (2026-11-23) or a date-time with offset");
        }
    }
}

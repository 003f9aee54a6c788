package dev.switchboard.api.generation;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.switchboard.api.credit.Pricing;
import dev.switchboard.api.error.ApiException;
import dev.switchboard.api.identity.Caller;

/**
 * {@code GET /api/v1/activity}: the organisation's usage of the last 30 UTC days (today included),
 * one item per day × model × endpoint (provider), newest day first, in OpenRouter's shape.
 * {@code usage} is what was charged (USD), {@code byok_usage_inference} the list-price value of BYOK
 * usage. Optional filters: {@code date} (one day within the window) and {@code api_key_hash}.
 */
@RestController
class ActivityController {

    static final int DAYS = 30;

    private final DatabaseClient db;
    private final Clock clock;

    ActivityController(DatabaseClient db, ObjectProvider<Clock> clock) {
        this.db = db;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    @GetMapping("/api/v1/activity")
    Mono<Map<String, Object>> activity(@AuthenticationPrincipal Caller caller,
                                       @RequestParam(required = false) String date,
                                       @RequestParam(name = "api_key_hash", required = false) String keyHash) {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        LocalDate first = today.minusDays(DAYS - 1);
        LocalDate from = first;
        LocalDate until = today.plusDays(1);
        if (date != null && !date.isBlank()) {
            LocalDate day = day(date);
            if (day.isBefore(first) || day.isAfter(today)) {
                return Mono.error(ApiException.badRequest("date must be within the last " + DAYS + " days (" + first
                        + " to " + today + ")"));
            }
            from = day;
            until = day.plusDays(1);
        }
        return db.sql("""
                        SELECT (created_at AT TIME ZONE 'UTC')::date AS day, model, coalesce(endpoint_id, '') AS endpoint_id,
                               provider, count(*) AS requests,
                               sum(prompt_tokens) AS prompt_tokens, sum(completion_tokens) AS completion_tokens,
                               sum(reasoning_tokens) AS reasoning_tokens, sum(total_nanos) AS usage_nanos,
                               coalesce(sum(list_cost_nanos) FILTER (WHERE byok), 0) AS byok_nanos
                          FROM generations
                         WHERE org_id = :org AND created_at >= :from AND created_at < :until
                           AND (:key = '' OR api_key_hash = :key)
                         GROUP BY 1, 2, 3, 4
                         ORDER BY 1 DESC, 2, 4, 3""")
                .bind("org", caller.orgId())
                .bind("from", from.atStartOfDay(ZoneOffset.UTC).toOffsetDateTime())
                .bind("until", until.atStartOfDay(ZoneOffset.UTC).toOffsetDateTime())
                .bind("key", keyHash == null ? "" : keyHash)
                .map(ActivityController::item)
                .all()
                .collectList()
                .map(items -> Map.of("data", items));
    }

    private static Map<String, Object> item(Readable row) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("date", row.get("day", LocalDate.class).toString());
        item.put("model", row.get("model", String.class));
        item.put("model_permaslug", row.get("model", String.class));
        item.put("endpoint_id", row.get("endpoint_id", String.class));
        item.put("provider_name", row.get("provider", String.class));
        item.put("usage", Pricing.usd(number(row, "usage_nanos")));
        item.put("byok_usage_inference", Pricing.usd(number(row, "byok_nanos")));
        item.put("requests", number(row, "requests"));
        item.put("prompt_tokens", number(row, "prompt_tokens"));
        item.put("completion_tokens", number(row, "completion_tokens"));
        item.put("reasoning_tokens", number(row, "reasoning_tokens"));
        return item;
    }

    private static long number(Readable row, String column) {
        Number value = row.get(column, Number.class);
        return value == null ? 0 : value.longValue();
    }

    private static LocalDate day(String date) {
        try {
            return LocalDate.parse(date);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("date must be YYYY-MM-DD");
        }
    }
}

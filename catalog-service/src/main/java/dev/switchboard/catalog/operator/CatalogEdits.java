package dev.switchboard.catalog.operator;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import reactor.core.publisher.Mono;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

import dev.switchboard.catalog.error.CatalogException;

/**
 * The database side of the operator's edits. Statuses are validated here, not only by the schema's
 * checks, so a wrong value is a 400 that names the allowed ones rather than a 500.
 */
@Component
class CatalogEdits {

    private static final Set<String> STATUSES = Set.of("active", "down", "disabled");

    private final DatabaseClient db;
    private final TransactionalOperator transactions;

    CatalogEdits(DatabaseClient db, ReactiveTransactionManager transactionManager) {
        this.db = db;
        this.transactions = TransactionalOperator.create(transactionManager);
    }

    Mono<StatusView> setProviderStatus(String slug, StatusChange change, Instant now) {
        return setStatus("provider", "slug", slug, change, now);
    }

    Mono<StatusView> setModelStatus(String modelId, StatusChange change, Instant now) {
        return setStatus("model", "id", modelId, change, now);
    }

    Mono<StatusView> setEndpointStatus(UUID endpointId, StatusChange change, Instant now) {
        return setStatus("endpoint", "id", endpointId, change, now);
    }

    /** {@code table} and {@code key} are constants of this class, never request input. */
    private Mono<StatusView> setStatus(String table, String key, Object id, StatusChange change, Instant now) {
        String status = change == null ? null : change.status();
        if (status == null || !STATUSES.contains(status)) {
            return Mono.error(new CatalogException(400, "status must be one of active, down, disabled",
                    Map.of("field", "status")));
        }
        String reason = change.reason() == null || change.reason().isBlank() ? null : change.reason().strip();
        return db.sql("UPDATE " + table + " SET status = :status, status_reason = :reason, status_changed_at = :now"
                        + " WHERE " + key + " = :id RETURNING status, status_reason")
                .bind("status", status)
                .bind("reason", Parameter.fromOrEmpty(reason, String.class))
                .bind("now", now.atOffset(ZoneOffset.UTC))
                .bind("id", id)
                .map(row -> new StatusView(table, String.valueOf(id), row.get("status", String.class),
                        row.get("status_reason", String.class), null))
                .one()
                .switchIfEmpty(Mono.error(() -> CatalogException.notFound("no " + table + " " + id, Map.of())));
    }

    /** Inserts the endpoint and its first price row in one transaction; the endpoint's id comes back. */
    Mono<UUID> addEndpoint(String modelId, NewEndpoint request, Instant now) {
        ValidEndpoint endpoint = ValidEndpoint.of(request);
        Mono<UUID> work = db.sql("""
                        INSERT INTO endpoint (model_id, provider, upstream_model_id, context_length,
                                              max_completion_tokens, quantization, supported_parameters)
                        SELECT m.id, p.slug, :upstream, coalesce(:context, m.context_length), :maxCompletion,
                               :quantization, coalesce(:parameters, m.supported_parameters)
                        FROM model m, provider p
                        WHERE m.id = :model AND p.slug = :provider
                        RETURNING id
                        """)
                .bind("model", modelId)
                .bind("provider", endpoint.provider())
                .bind("upstream", endpoint.upstreamModelId())
                .bind("context", Parameter.fromOrEmpty(endpoint.contextLength(), Long.class))
                .bind("maxCompletion", Parameter.fromOrEmpty(endpoint.maxCompletionTokens(), Long.class))
                .bind("quantization", Parameter.fromOrEmpty(endpoint.quantization(), String.class))
                .bind("parameters", Parameter.fromOrEmpty(endpoint.supportedParameters(), String[].class))
                .map(row -> row.get("id", UUID.class))
                .one()
                .switchIfEmpty(Mono.error(() -> CatalogException.notFound(
                        "no model " + modelId + " or no provider " + endpoint.provider(), Map.of())))
                .onErrorMap(DataIntegrityViolationException.class, e -> new CatalogException(409,
                        "model " + modelId + " already has an endpoint at " + endpoint.provider() + " for "
                                + endpoint.upstreamModelId(), Map.of()))
                .flatMap(id -> firstPrice(id, endpoint.prices(), now).thenReturn(id));
        return transactions.transactional(work);
    }

    private Mono<Void> firstPrice(UUID endpointId, List<BigDecimal> prices, Instant now) {
        return db.sql("""
                        INSERT INTO price (endpoint_id, effective_from, prompt, completion, cache_read, cache_write,
                                           request, image)
                        VALUES (:endpoint, :now, :prompt, :completion, :cacheRead, :cacheWrite, :request, :image)
                        """)
                .bind("endpoint", endpointId)
                .bind("now", now.atOffset(ZoneOffset.UTC))
                .bind("prompt", prices.get(0))
                .bind("completion", prices.get(1))
                .bind("cacheRead", prices.get(2))
                .bind("cacheWrite", prices.get(3))
                .bind("request", prices.get(4))
                .bind("image", prices.get(5))
                .then();
    }
}

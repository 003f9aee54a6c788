package dev.switchboard.catalog.seed;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.ObjectMapper;

import org.springframework.core.io.ClassPathResource;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

import dev.switchboard.catalog.platform.PlatformProperties;

/**
 * Loads the seed catalog into an empty {@code catalog} schema, and the simulated provider while demo
 * mode is on.
 *
 * <p>Two instances may start at once against one database. Each load runs in one transaction that
 * first takes a transaction-level advisory lock, so the second instance waits, then sees the rows
 * the first committed and loads nothing. A failed load rolls back whole: the catalog is either
 * empty or complete.
 */
@Component
public class SeedLoader {

    /** Advisory lock key of the seed load: any fixed bigint unique within this database. */
    private static final long SEED_LOCK = 0x5b_ca7a_1065L;
    private static final Logger log = LoggerFactory.getLogger(SeedLoader.class);

    private final DatabaseClient db;
    private final TransactionalOperator transactions;
    private final ObjectMapper json;
    private final PlatformProperties platform;

    SeedLoader(DatabaseClient db, ReactiveTransactionManager transactionManager, ObjectMapper json,
               PlatformProperties platform) {
        this.db = db;
        this.transactions = TransactionalOperator.create(transactionManager);
        this.json = json;
        this.platform = platform;
    }

    /** Loads what is missing (the seed into an empty catalog; {@code sim} in demo mode); idempotent. */
    public Mono<Void> loadIfMissing() {
        Mono<Void> load = lock()
                .then(loadSeedIfEmpty())
                .then(platform.demo() ? loadSimulatedIfAbsent() : Mono.empty());
        return transactions.transactional(load);
    }

    private Mono<Void> lock() {
        return db.sql("SELECT pg_advisory_xact_lock(:key)")
                .bind("key", SEED_LOCK)
                .then();
    }

    private Mono<Void> loadSeedIfEmpty() {
        return db.sql("SELECT EXISTS (SELECT 1 FROM model WHERE id NOT LIKE 'sim/%') AS loaded")
                .map(row -> Boolean.TRUE.equals(row.get("loaded", Boolean.class)))
                .one()
                .filter(loaded -> !loaded)
                .flatMap(empty -> read("catalog/seed.json"))
                .flatMap(this::insert);
    }

    private Mono<Void> loadSimulatedIfAbsent() {
        return db.sql("SELECT EXISTS (SELECT 1 FROM provider WHERE slug = 'sim') AS loaded")
                .map(row -> Boolean.TRUE.equals(row.get("loaded", Boolean.class)))
                .one()
                .filter(loaded -> !loaded)
                .flatMap(absent -> read("catalog/sim.json"))
                .flatMap(this::insert);
    }

    /** Reads a bundled catalog file; class-path I/O is blocking, so it runs on boundedElastic. */
    private Mono<SeedCatalog> read(String resource) {
        return Mono.fromCallable(() -> {
                    try (InputStream in = new ClassPathResource(resource).getInputStream()) {
                        return json.readValue(in, SeedCatalog.class);
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot read " + resource, e);
                    }
                })
                .subscribeOn(Schedulers.boundedElastic());
    }

    /**
     * Inserts a catalog file in four statements (providers, models, endpoints, prices): each takes
     * its rows as one JSON array that PostgreSQL expands with {@code jsonb_to_recordset}, so loading
     * hundreds of models is four round trips, not thousands. Prices travel as JSON strings and are
     * cast to numeric by PostgreSQL, so they stay exact.
     */
    private Mono<Void> insert(SeedCatalog seed) {
        List<EndpointRow> endpoints = new ArrayList<>();
        List<PriceRow> prices = new ArrayList<>();
        for (SeedCatalog.Model model : seed.models()) {
            for (SeedCatalog.Endpoint e : model.endpoints()) {
                UUID endpointId = UUID.randomUUID();
                endpoints.add(new EndpointRow(endpointId, model.id(), e.provider(), e.upstreamModelId(),
                        e.contextLength(), e.maxCompletionTokens(), e.quantization(), e.supportedParameters()));
                prices.add(PriceRow.of(endpointId, seed.pricesEffectiveFrom(), e.prices()));
            }
        }
        return execute("""
                        INSERT INTO provider (slug, name, api_style, base_url, simulated, trains_on_data,
                                              retains_prompts, retention_days, policy_source)
                        SELECT slug, name, "apiStyle", "baseUrl", simulated, "trainsOnData", "retainsPrompts",
                               "retentionDays", coalesce("policySource", 'default')
                        FROM jsonb_to_recordset(CAST(:rows AS jsonb)) AS r(slug text, name text, "apiStyle" text,
                             "baseUrl" text, simulated boolean, "trainsOnData" boolean, "retainsPrompts" boolean,
                             "retentionDays" integer, "policySource" text)
                        """, seed.providers())
                .then(execute("""
                        INSERT INTO model (id, canonical_slug, name, created, description, context_length, modality,
                                           input_modalities, output_modalities, tokenizer, instruct_type,
                                           is_moderated, supported_parameters)
                        SELECT id, "canonicalSlug", name, created, coalesce(description, ''), "contextLength",
                               modality, "inputModalities", "outputModalities", tokenizer, "instructType",
                               "isModerated", coalesce("supportedParameters", '{}')
                        FROM jsonb_to_recordset(CAST(:rows AS jsonb)) AS r(id text, "canonicalSlug" text, name text,
                             created bigint, description text, "contextLength" bigint, modality text,
                             "inputModalities" text[], "outputModalities" text[], tokenizer text,
                             "instructType" text, "isModerated" boolean, "supportedParameters" text[])
                        """, seed.models()))
                .then(execute("""
                        INSERT INTO endpoint (id, model_id, provider, upstream_model_id, context_length,
                                              max_completion_tokens, quantization, supported_parameters)
                        SELECT id, "modelId", provider, "upstreamModelId", "contextLength", "maxCompletionTokens",
                               quantization, coalesce("supportedParameters", '{}')
                        FROM jsonb_to_recordset(CAST(:rows AS jsonb)) AS r(id uuid, "modelId" text, provider text,
                             "upstreamModelId" text, "contextLength" bigint, "maxCompletionTokens" bigint,
                             quantization text, "supportedParameters" text[])
                        """, endpoints))
                .then(execute("""
                        INSERT INTO price (endpoint_id, effective_from, prompt, completion, cache_read, cache_write,
                                           request, image)
                        SELECT "endpointId", "effectiveFrom", prompt, completion, "cacheRead", "cacheWrite",
                               request, image
                        FROM jsonb_to_recordset(CAST(:rows AS jsonb)) AS r("endpointId" uuid,
                             "effectiveFrom" timestamptz, prompt numeric, completion numeric, "cacheRead" numeric,
                             "cacheWrite" numeric, request numeric, image numeric)
                        """, prices))
                .doOnSuccess(done -> log.info("catalog loaded: {} providers, {} models, {} endpoints",
                        seed.providers().size(), seed.models().size(), endpoints.size()));
    }

    private Mono<Void> execute(String sql, List<?> rows) {
        return db.sql(sql)
                .bind("rows", json.writeValueAsString(rows))
                .then();
    }

    /** An endpoint row with the id its price rows refer to. */
    private record EndpointRow(UUID id, String modelId, String provider, String upstreamModelId, long contextLength,
                               Long maxCompletionTokens, String quantization, List<String> supportedParameters) {
    }

    /** A price row; an absent price is zero ("unknown prices are 0"), as the snapshot contract says. */
    private record PriceRow(UUID endpointId, Instant effectiveFrom, String prompt, String completion,
                            String cacheRead, String cacheWrite, String request, String image) {

        static PriceRow of(UUID endpointId, Instant effectiveFrom, SeedCatalog.Prices p) {
            return new PriceRow(endpointId, effectiveFrom, decimal(p.prompt()), decimal(p.completion()),
                    decimal(p.cacheRead()), decimal(p.cacheWrite()), decimal(p.request()), decimal(p.image()));
        }

        /** Validated here so that a malformed seed fails with the value in the message, before SQL. */
        private static String decimal(String value) {
            return value == null || value.isBlank() ? "0" : new BigDecimal(value).toPlainString();
        }
    }
}

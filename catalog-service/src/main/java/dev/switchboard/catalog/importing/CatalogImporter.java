package dev.switchboard.catalog.importing;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import tools.jackson.databind.ObjectMapper;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Applies a validated {@link CatalogImport} in one transaction: models and endpoints are inserted or
 * updated, and every endpoint whose listed price differs from the one in force gets a new price row
 * effective at the import's instant (history is kept; rows are never changed). Imports are serialised
 * by an advisory lock so two at once cannot interleave their upserts.
 */
@Component
class CatalogImporter {

    private static final long IMPORT_LOCK = 0x5b_ca7a_1e77L;
    private static final Logger log = LoggerFactory.getLogger(CatalogImporter.class);

    private final DatabaseClient db;
    private final TransactionalOperator transactions;
    private final ObjectMapper json;

    CatalogImporter(DatabaseClient db, ReactiveTransactionManager transactionManager, ObjectMapper json) {
        this.db = db;
        this.transactions = TransactionalOperator.create(transactionManager);
        this.json = json;
    }

    /** Applies {@code file} with its prices effective at {@code now}; the result lacks the version. */
    Mono<ImportResult> apply(String format, CatalogImport file, Instant now) {
        Mono<ImportResult> work = lock()
                .then(format.equals("openrouter") ? ensureOpenRouterProvider() : Mono.empty())
                .then(Mono.zip(storedProviders(), storedEndpointModels(), storedModelNames()))
                .map(stored -> resolve(file, stored.getT1(), stored.getT2(), stored.getT3()))
                .flatMap(resolved -> write(resolved, format.equals("openrouter"), now)
                        .map(pricesChanged -> new ImportResult(format, resolved.models().size(),
                                resolved.endpoints().size(), pricesChanged, resolved.skipped(), null)));
        return transactions.transactional(work)
                .doOnSuccess(r -> log.info("catalog import ({}): {} models, {} endpoints, {} new prices, {} skipped",
                        format, r.models(), r.endpoints(), r.pricesChanged(), r.skipped()));
    }

    private Mono<Void> lock() {
        return db.sql("SELECT pg_advisory_xact_lock(:key)").bind("key", IMPORT_LOCK).then();
    }

    /** OpenRouter itself is the provider of an OpenRouter listing's endpoints (see {@link OpenRouterFile}). */
    private Mono<Void> ensureOpenRouterProvider() {
        return db.sql("""
                        INSERT INTO provider (slug, name, api_style, base_url, trains_on_data, retains_prompts,
                                              policy_source)
                        VALUES ('openrouter', 'OpenRouter', 'openai-compatible', 'https://openrouter.ai/api/v1',
                                false, false, 'default')
                        ON CONFLICT (slug) DO NOTHING
                        """)
                .then();
    }

    private Mono<Set<String>> storedProviders() {
        return db.sql("SELECT slug FROM provider")
                .map(row -> row.get("slug", String.class))
                .all()
                .collect(HashSet::new, Set::add);
    }

    /** {@code "<provider> <upstream id>"} → the model the endpoint is stored under. */
    private Mono<Map<String, String>> storedEndpointModels() {
        return db.sql("SELECT provider, upstream_model_id, model_id FROM endpoint ORDER BY created_at, model_id")
                .map(row -> Map.entry(row.get("provider", String.class) + " " + row.get("upstream_model_id", String.class),
                        row.get("model_id", String.class)))
                .all()
                .collect(HashMap::new, (map, e) -> map.putIfAbsent(e.getKey(), e.getValue()));
    }

    /**
     * Normalised model name (see {@link ModelNames}) → stored model id, the first in id order winning.
     * OpenRouter's free variants ({@code :free}) are never a match, as in derive.py.
     */
    private Mono<Map<String, String>> storedModelNames() {
        return db.sql("SELECT id, canonical_slug FROM model WHERE id NOT LIKE '%:free' ORDER BY id")
                .map(row -> List.of(row.get("id", String.class), row.get("canonical_slug", String.class)))
                .all()
                .collect(HashMap::new, (map, model) -> {
                    for (String name : model) {
                        ModelNames.matchKeys(name).forEach(key -> map.putIfAbsent(key, model.getFirst()));
                    }
                });
    }

    /**
     * Decides the model of each endpoint from a non-authoritative source: the model it is already
     * stored under; else the stored model its upstream id names (see {@link ModelNames}) while that
     * model has no endpoint at the provider yet (one per provider, as the seed has); else the new
     * model the file proposed. Models nothing refers to any more are dropped; endpoints at providers
     * the catalog does not hold are skipped, since their API style and base URL are unknown.
     */
    private static CatalogImport resolve(CatalogImport file, Set<String> providers, Map<String, String> stored,
                                         Map<String, String> modelsByName) {
        Set<String> authoritative = new HashSet<>();
        file.models().stream().filter(CatalogImport.ModelEntry::authoritative).forEach(m -> authoritative.add(m.id()));
        Set<String> servedAt = new HashSet<>();
        stored.forEach((providerAndUpstream, model) ->
                servedAt.add(model + " " + providerAndUpstream.substring(0, providerAndUpstream.indexOf(' '))));
        int skipped = file.skipped();
        List<CatalogImport.EndpointEntry> endpoints = new ArrayList<>();
        for (CatalogImport.EndpointEntry e : file.endpoints()) {
            if (!providers.contains(e.provider())) {
                skipped++;
                continue;
            }
            String model = authoritative.contains(e.modelId()) ? e.modelId()
                    : modelOf(e, stored, modelsByName, servedAt);
            servedAt.add(model + " " + e.provider());
            endpoints.add(model.equals(e.modelId()) ? e : e.withModel(model));
        }
        Set<String> referenced = new HashSet<>();
        endpoints.forEach(e -> referenced.add(e.modelId()));
        List<CatalogImport.ModelEntry> models = file.models().stream()
                .filter(m -> referenced.contains(m.id()))
                .toList();
        return new CatalogImport(models, List.copyOf(endpoints), skipped);
    }

    private static String modelOf(CatalogImport.EndpointEntry e, Map<String, String> stored,
                                  Map<String, String> modelsByName, Set<String> servedAt) {
        String existing = stored.get(e.provider() + " " + e.upstreamModelId());
        if (existing != null) {
            return existing;
        }
        for (String key : ModelNames.matchKeys(e.upstreamModelId())) {
            String named = modelsByName.get(key);
            if (named != null && !servedAt.contains(named + " " + e.provider())) {
                return named;
            }
        }
        return e.modelId();
    }

    private Mono<Long> write(CatalogImport file, boolean authoritative, Instant now) {
        return upsertModels(file.models())
                .then(upsertEndpoints(file.endpoints(), authoritative))
                .then(appendChangedPrices(file.endpoints(), now));
    }

    /**
     * Authoritative models replace the stored identity; the others are only inserted when missing, so a
     * LiteLLM import never overwrites an OpenRouter description with a bare upstream id.
     */
    private Mono<Void> upsertModels(List<CatalogImport.ModelEntry> models) {
        List<CatalogImport.ModelEntry> replacing = models.stream().filter(CatalogImport.ModelEntry::authoritative).toList();
        List<CatalogImport.ModelEntry> adding = models.stream().filter(m -> !m.authoritative()).toList();
        return insertModels(replacing, """
                        ON CONFLICT (id) DO UPDATE SET
                            canonical_slug = excluded.canonical_slug, name = excluded.name,
                            created = excluded.created, description = excluded.description,
                            context_length = excluded.context_length, modality = excluded.modality,
                            input_modalities = excluded.input_modalities,
                            output_modalities = excluded.output_modalities, tokenizer = excluded.tokenizer,
                            instruct_type = excluded.instruct_type, is_moderated = excluded.is_moderated,
                            supported_parameters = excluded.supported_parameters
                        """)
                .then(insertModels(adding, "ON CONFLICT (id) DO NOTHING"));
    }

    private Mono<Void> insertModels(List<CatalogImport.ModelEntry> models, String onConflict) {
        if (models.isEmpty()) {
            return Mono.empty();
        }
        return db.sql("""
                        INSERT INTO model (id, canonical_slug, name, created, description, context_length, modality,
                                           input_modalities, output_modalities, tokenizer, instruct_type,
                                           is_moderated, supported_parameters)
                        SELECT id, "canonicalSlug", name, created, description, "contextLength", modality,
                               "inputModalities", "outputModalities", tokenizer, "instructType", "isModerated",
                               "supportedParameters"
                        FROM jsonb_to_recordset(CAST(:rows AS jsonb)) AS r(id text, "canonicalSlug" text, name text,
                             created bigint, description text, "contextLength" bigint, modality text,
                             "inputModalities" text[], "outputModalities" text[], tokenizer text,
                             "instructType" text, "isModerated" boolean, "supportedParameters" text[])
                        """ + onConflict)
                .bind("rows", json.writeValueAsString(models))
                .then();
    }

    /**
     * Limits are always taken from the file. Supported parameters only from an authoritative one:
     * LiteLLM's capability flags are coarser than the per-endpoint lists the catalog already holds.
     */
    private Mono<Void> upsertEndpoints(List<CatalogImport.EndpointEntry> endpoints, boolean authoritative) {
        return db.sql("""
                        INSERT INTO endpoint (model_id, provider, upstream_model_id, context_length,
                                              max_completion_tokens, quantization, supported_parameters)
                        SELECT "modelId", provider, "upstreamModelId", "contextLength", "maxCompletionTokens",
                               quantization, "supportedParameters"
                        FROM jsonb_to_recordset(CAST(:rows AS jsonb)) AS r("modelId" text, provider text,
                             "upstreamModelId" text, "contextLength" bigint, "maxCompletionTokens" bigint,
                             quantization text, "supportedParameters" text[])
                        ON CONFLICT (model_id, provider, upstream_model_id) DO UPDATE SET
                            context_length = excluded.context_length,
                            max_completion_tokens = excluded.max_completion_tokens,
                            quantization = excluded.quantization
                        """ + (authoritative ? ", supported_parameters = excluded.supported_parameters" : ""))
                .bind("rows", json.writeValueAsString(endpoints.stream().map(EndpointRow::of).toList()))
                .then();
    }

    /**
     * One statement: the listed prices are compared with the row in force at {@code now}, and only
     * the endpoints whose price differs (or that have none) get a row effective at {@code now}.
     */
    private Mono<Long> appendChangedPrices(List<CatalogImport.EndpointEntry> endpoints, Instant now) {
        return db.sql("""
                        INSERT INTO price (endpoint_id, effective_from, prompt, completion, cache_read, cache_write,
                                           request, image)
                        SELECT e.id, :now, r.prompt, r.completion, r."cacheRead", r."cacheWrite", r.request, r.image
                        FROM jsonb_to_recordset(CAST(:rows AS jsonb)) AS r("modelId" text, provider text,
                             "upstreamModelId" text, prompt numeric, completion numeric, "cacheRead" numeric,
                             "cacheWrite" numeric, request numeric, image numeric)
                        JOIN endpoint e ON e.model_id = r."modelId" AND e.provider = r.provider
                                       AND e.upstream_model_id = r."upstreamModelId"
                        LEFT JOIN LATERAL (SELECT * FROM price p
                                           WHERE p.endpoint_id = e.id AND p.effective_from <= :now
                                           ORDER BY p.effective_from DESC LIMIT 1) current ON true
                        WHERE current.id IS NULL
                           OR (current.prompt, current.completion, current.cache_read, current.cache_write,
                               current.request, current.image)
                              IS DISTINCT FROM (r.prompt, r.completion, r."cacheRead", r."cacheWrite", r.request,
                                                r.image)
                        """)
                .bind("rows", json.writeValueAsString(endpoints.stream().map(EndpointRow::of).toList()))
                .bind("now", now.atOffset(ZoneOffset.UTC))
                .fetch()
                .rowsUpdated();
    }

    /** An endpoint as the statements read it: prices as plain decimal strings, so they stay exact. */
    private record EndpointRow(String modelId, String provider, String upstreamModelId, long contextLength,
                               Long maxCompletionTokens, String quantization, List<String> supportedParameters,
                               String prompt, String completion, String cacheRead, String cacheWrite,
                               String request, String image) {

        static EndpointRow of(CatalogImport.EndpointEntry e) {
            return new EndpointRow(e.modelId(), e.provider(), e.upstreamModelId(), e.contextLength(),
                    e.maxCompletionTokens(), e.quantization(), e.supportedParameters(), plain(e.prompt()),
                    plain(e.completion()), plain(e.cacheRead()), plain(e.cacheWrite()), plain(e.request()),
                    plain(e.image()));
        }

        private static String plain(BigDecimal value) {
            return value.toPlainString();
        }
    }
}

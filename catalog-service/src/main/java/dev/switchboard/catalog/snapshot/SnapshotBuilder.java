package dev.switchboard.catalog.snapshot;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.ObjectMapper;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

import dev.switchboard.catalog.platform.PlatformProperties;
import dev.switchboard.contracts.catalog.CatalogSnapshot;
import dev.switchboard.contracts.catalog.EndpointInfo;
import dev.switchboard.contracts.catalog.ModelInfo;
import dev.switchboard.contracts.catalog.Prices;
import dev.switchboard.contracts.catalog.ProviderInfo;

/**
 * Reads the catalog from the database as of one instant. An endpoint without a price in force at
 * that instant is left out (it cannot be priced), and so is a model left without endpoints. While
 * demo mode is off, simulated providers are left out even if an earlier demo run stored them.
 */
@Component
class SnapshotBuilder {

    private final DatabaseClient db;
    private final ObjectMapper json;
    private final PlatformProperties platform;

    SnapshotBuilder(DatabaseClient db, ObjectMapper json, PlatformProperties platform) {
        this.db = db;
        this.json = json;
        this.platform = platform;
    }

    /** {@code at} is truncated to microseconds, PostgreSQL's precision, as price rows are. */
    Mono<Catalog> build(Instant at) {
        return Mono.zip(providers(), models(), endpoints(at), nextPriceChange(at))
                .map(rows -> assemble(at, rows.getT1(), rows.getT2(), rows.getT3(), rows.getT4().orElse(null)));
    }

    private Mono<List<ProviderInfo>> providers() {
        return db.sql("SELECT * FROM provider ORDER BY slug")
                .map(SnapshotBuilder::provider)
                .all()
                .filter(p -> platform.demo() || !p.simulated())
                .collectList();
    }

    private Mono<List<ModelRow>> models() {
        return db.sql("SELECT * FROM model WHERE status <> 'disabled' ORDER BY id")
                .map(SnapshotBuilder::model)
                .all()
                .collectList();
    }

    private Mono<List<EndpointRow>> endpoints(Instant at) {
        return db.sql("""
                        SELECT e.*, p.id AS price_id, p.effective_from, p.prompt, p.completion, p.cache_read,
                               p.cache_write, p.request, p.image
                        FROM endpoint e
                        JOIN LATERAL (SELECT * FROM price
                                      WHERE price.endpoint_id = e.id AND price.effective_from <= :at
                                      ORDER BY price.effective_from DESC
                                      LIMIT 1) p ON true
                        ORDER BY e.model_id, e.provider, e.upstream_model_id
                        """)
                .bind("at", at.atOffset(ZoneOffset.UTC))
                .map(SnapshotBuilder::endpoint)
                .all()
                .collectList();
    }

    private Mono<Optional<Instant>> nextPriceChange(Instant at) {
        return db.sql("SELECT min(effective_from) AS next FROM price WHERE effective_from > :at")
                .bind("at", at.atOffset(ZoneOffset.UTC))
                .map(row -> Optional.ofNullable(row.get("next", OffsetDateTime.class)).map(OffsetDateTime::toInstant))
                .one();
    }

    private Catalog assemble(Instant at, List<ProviderInfo> providerRows, List<ModelRow> modelRows,
                             List<EndpointRow> endpointRows, Instant nextPriceChange) {
        Map<String, ProviderInfo> providers = providerRows.stream()
                .collect(Collectors.toMap(ProviderInfo::slug, p -> p, (a, b) -> a, LinkedHashMap::new));
        Map<String, List<EndpointInfo>> endpointsByModel = new LinkedHashMap<>();
        for (EndpointRow row : endpointRows) {
            ProviderInfo provider = providers.get(row.info().provider());
            if (provider == null) {
                continue; // a simulated provider outside demo mode
            }
            EndpointInfo endpoint = withStatus(row.info(), provider.status());
            endpointsByModel.computeIfAbsent(row.modelId(), id -> new ArrayList<>()).add(endpoint);
        }
        List<ModelInfo> models = new ArrayList<>();
        Map<String, Catalog.ModelDetails> details = new LinkedHashMap<>();
        for (ModelRow row : modelRows) {
            List<EndpointInfo> endpoints = endpointsByModel.get(row.info().id());
            if (endpoints == null) {
                continue;
            }
            ModelInfo m = row.info();
            List<EndpointInfo> served = endpoints.stream().map(e -> withStatus(e, row.status())).toList();
            models.add(new ModelInfo(m.id(), m.canonicalSlug(), m.name(), m.created(), m.description(),
                    m.contextLength(), m.inputModalities(), m.outputModalities(), m.supportedParameters(),
                    served));
            details.put(m.id(), row.details());
        }
        Set<String> used = models.stream()
                .flatMap(m -> m.endpoints().stream())
                .map(EndpointInfo::provider)
                .collect(Collectors.toSet());
        List<ProviderInfo> providerInfos = providers.values().stream()
                .filter(p -> used.contains(p.slug()))
                .map(this::withPlatformSettings)
                .toList();
        String version = version(providerInfos, models);
        return new Catalog(new CatalogSnapshot(version, at, providerInfos, List.copyOf(models)), Map.copyOf(details),
                at, nextPriceChange);
    }

    /**
     * A provider or model that is down or disabled takes its active endpoints with it; an endpoint's
     * own switch wins when it is already off, so switching the owner back on restores it as it was.
     */
    private static EndpointInfo withStatus(EndpointInfo e, String ownerStatus) {
        if ("active".equals(ownerStatus) || !"active".equals(e.status())) {
            return e;
        }
        return new EndpointInfo(e.id(), e.provider(), e.upstreamModelId(), e.prices(), e.contextLength(),
                e.maxCompletionTokens(), e.quantization(), e.supportedParameters(), ownerStatus);
    }

    private ProviderInfo withPlatformSettings(ProviderInfo p) {
        PlatformProperties.ProviderSettings settings = platform.provider(p.slug());
        boolean keyConfigured = settings.keyConfigured() || (p.simulated() && platform.demo());
        String baseUrl = settings.baseUrlConfigured() ? settings.baseUrl() : p.baseUrl();
        return new ProviderInfo(p.slug(), p.name(), p.apiStyle(), baseUrl, p.simulated(), keyConfigured,
                p.trainsOnData(), p.retainsPrompts(), p.retentionDays(), p.status());
    }

    /**
     * The version is a hash of the content (not of the build time), so every catalog-service instance
     * that reads the same database agrees on it and a rebuild that changed nothing keeps the ETag.
     */
    private String version(List<ProviderInfo> providers, List<ModelInfo> models) {
        byte[] content = json.writeValueAsBytes(List.of(providers, models));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(content);
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** {@code platformKeyConfigured} is filled in from configuration later. */
    private static ProviderInfo provider(Readable row) {
        return new ProviderInfo(
                row.get("slug", String.class),
                row.get("name", String.class),
                row.get("api_style", String.class),
                row.get("base_url", String.class),
                Boolean.TRUE.equals(row.get("simulated", Boolean.class)),
                false,
                Boolean.TRUE.equals(row.get("trains_on_data", Boolean.class)),
                Boolean.TRUE.equals(row.get("retains_prompts", Boolean.class)),
                row.get("retention_days", Integer.class),
                row.get("status", String.class));
    }

    private static ModelRow model(Readable row) {
        ModelInfo info = new ModelInfo(
                row.get("id", String.class),
                row.get("canonical_slug", String.class),
                row.get("name", String.class),
                row.get("created", Long.class),
                row.get("description", String.class),
                row.get("context_length", Long.class),
                List.of(row.get("input_modalities", String[].class)),
                List.of(row.get("output_modalities", String[].class)),
                List.of(row.get("supported_parameters", String[].class)),
                List.of());
        Catalog.ModelDetails details = new Catalog.ModelDetails(
                row.get("modality", String.class),
                row.get("tokenizer", String.class),
                row.get("instruct_type", String.class),
                Boolean.TRUE.equals(row.get("is_moderated", Boolean.class)));
        return new ModelRow(info, details, row.get("status", String.class));
    }

    private static EndpointRow endpoint(Readable row) {
        Prices prices = new Prices(
                String.valueOf(row.get("price_id", UUID.class)),
                decimal(row.get("prompt", BigDecimal.class)),
                decimal(row.get("completion", BigDecimal.class)),
                decimal(row.get("cache_read", BigDecimal.class)),
                decimal(row.get("cache_write", BigDecimal.class)),
                decimal(row.get("request", BigDecimal.class)),
                decimal(row.get("image", BigDecimal.class)),
                row.get("effective_from", OffsetDateTime.class).toInstant());
        EndpointInfo info = new EndpointInfo(
                String.valueOf(row.get("id", UUID.class)),
                row.get("provider", String.class),
                row.get("upstream_model_id", String.class),
                prices,
                row.get("context_length", Long.class),
                row.get("max_completion_tokens", Long.class),
                row.get("quantization", String.class),
                List.of(row.get("supported_parameters", String[].class)),
                row.get("status", String.class));
        return new EndpointRow(row.get("model_id", String.class), info);
    }

    /** Exact: numeric is read as BigDecimal and written without exponent or trailing zeros. */
    static String decimal(BigDecimal value) {
        return value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString();
    }

    private record ModelRow(ModelInfo info, Catalog.ModelDetails details, String status) {
    }

    private record EndpointRow(String modelId, EndpointInfo info) {
    }
}

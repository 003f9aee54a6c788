package dev.switchboard.api.generation;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.r2dbc.spi.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;
import tools.jackson.databind.ObjectMapper;

import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.connection.stream.Consumer;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.ReadOffset;
import org.springframework.data.redis.connection.stream.RecordId;
import org.springframework.data.redis.connection.stream.StreamOffset;
import org.springframework.data.redis.connection.stream.StreamReadOptions;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

import dev.switchboard.api.platform.RedisPrefix;
import dev.switchboard.api.platform.StreamGroups;
import dev.switchboard.contracts.RedisKeys;
import dev.switchboard.contracts.billing.UsageEvent;

/**
 * Reads settled generations from the usage stream (consumer group {@code generations}) and stores
 * them, up to 100 rows per statement batch. An entry is acknowledged only after its row is
 * committed; at start the consumer first re-reads what it had read but not acknowledged, so a crash
 * loses nothing, and {@code ON CONFLICT DO NOTHING} makes a second delivery harmless.
 */
@Component
class GenerationRecorder implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(GenerationRecorder.class);

    private static final String INSERT = """
            INSERT INTO generations (id, org_id, user_id, api_key_hash, model, provider, endpoint_id, upstream_model_id,
              byok, streamed, cancelled, finish_reason, prompt_tokens, completion_tokens, cached_prompt_tokens,
              cache_write_tokens, reasoning_tokens, prompt_price, completion_price, request_price, cache_read_price,
              cache_write_price, list_cost_nanos, upstream_cost_nanos, platform_fee_nanos, byok_fee_nanos, total_nanos,
              held_nanos, latency_ms, generation_time_ms, time_to_first_token_ms, origin, created_at, completed_at,
              provider_responses, routing, api)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17,
              CAST($18 AS NUMERIC), CAST($19 AS NUMERIC), CAST($20 AS NUMERIC), CAST($21 AS NUMERIC), CAST($22 AS NUMERIC),
              $23, $24, $25, $26, $27, $28, $29, $30, $31, $32, $33, $34, CAST($35 AS JSONB), CAST($36 AS JSONB), $37)
            ON CONFLICT (id) DO NOTHING
            """;

    private static final int BATCH = 100;
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration LINGER = Duration.ofMillis(20);

    private final ReactiveStringRedisTemplate redis;
    private final StreamGroups groups;
    private final DatabaseClient db;
    private final ObjectMapper json;
    private final String stream;
    private final Consumer consumer;
    private final Counter recorded;
    private final Counter malformed;
    private volatile Disposable running;

    GenerationRecorder(ReactiveStringRedisTemplate redis, StreamGroups groups, DatabaseClient db, ObjectMapper json,
                       RedisPrefix prefix, MeterRegistry meters) {
        this.redis = redis;
        this.groups = groups;
        this.db = db;
        this.json = json;
        this.stream = prefix.keys().usageStream();
        this.consumer = Consumer.from(RedisKeys.GENERATIONS_GROUP, "api-" + hostname());
        this.recorded = meters.counter("switchboard.generations.recorded");
        this.malformed = meters.counter("switchboard.generations.malformed");
    }

    @Override
    public void start() {
        running = groups.ensure(stream, RedisKeys.GENERATIONS_GROUP)
                .thenMany(Flux.concat(drain(ReadOffset.from("0")), follow()))
                .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(200)).maxBackoff(Duration.ofSeconds(5))
                        .doBeforeRetry(signal -> log.warn("Generation recorder restarting: {}", signal.failure().toString())))
                .subscribe();
    }

    /** Reads and records batches from {@code offset} until a read comes back empty. */
    private Flux<Long> drain(ReadOffset offset) {
        return readAndRecord(offset)
                .repeat()
                .takeWhile(count -> count > 0);
    }

    /**
     * New entries, for ever. Reads never BLOCK: Spring Data Redis opens a fresh connection for each
     * blocking read, which under load cost more CPU than the requests being recorded. Instead an
     * empty read waits {@link #POLL}, and a partial batch lingers {@link #LINGER} so batches grow.
     */
    private Flux<Long> follow() {
        return readAndRecord(ReadOffset.lastConsumed())
                .delayUntil(count -> Mono.delay(count == 0 ? POLL : count < BATCH ? LINGER : Duration.ZERO))
                .repeat();
    }

    private Mono<Long> readAndRecord(ReadOffset offset) {
        return redis.<String, String>opsForStream()
                .read(consumer, StreamReadOptions.empty().count(BATCH), StreamOffset.create(stream, offset))
                .collectList()
                .flatMap(this::record);
    }

    private Mono<Long> record(List<MapRecord<String, String, String>> batch) {
        if (batch.isEmpty()) {
            return Mono.just(0L);
        }
        List<Recorded> events = new ArrayList<>(batch.size());
        for (MapRecord<String, String, String> entry : batch) {
            try {
                events.add(new Recorded(json.readValue(entry.getValue().get(RedisKeys.USAGE_FIELD), UsageEvent.class),
                        routeReport(entry.getValue().get(RedisKeys.ROUTE_FIELD))));
            } catch (RuntimeException e) {
                malformed.increment();
                log.error("Usage entry {} is not a usage event and is skipped: {}", entry.getId(), e.toString());
            }
        }
        RecordId[] ids = batch.stream().map(MapRecord::getId).toArray(RecordId[]::new);
        return insert(events)
                .then(redis.opsForStream().acknowledge(stream, RedisKeys.GENERATIONS_GROUP, ids))
                .doOnNext(acked -> recorded.increment(events.size()))
                .thenReturn((long) batch.size());
    }

    /** A usage event and the routing report that travelled with it. */
    private record Recorded(UsageEvent event, RouteColumns route) {
    }

    /** The JSON of {@code provider_responses} (an array) and {@code routing} (an object or null). */
    private record RouteColumns(String providerResponses, String routing) {
    }

    /**
     * Splits the entry's route field; an entry written before routing was recorded (or a malformed
     * report) keeps the record without it rather than losing the generation.
     */
    private RouteColumns routeReport(String report) {
        if (report == null || report.isBlank()) {
            return new RouteColumns("[]", null);
        }
        try {
            tools.jackson.databind.JsonNode node = json.readTree(report);
            tools.jackson.databind.JsonNode responses = node.path("provider_responses");
            tools.jackson.databind.JsonNode routing = node.get("routing");
            return new RouteColumns(responses.isArray() ? responses.toString() : "[]",
                    routing != null && routing.isObject() ? routing.toString() : null);
        } catch (RuntimeException e) {
            malformed.increment();
            log.warn("A generation's routing report is not JSON and is not recorded: {}", e.toString());
            return new RouteColumns("[]", null);
        }
    }

    private Mono<Void> insert(List<Recorded> events) {
        if (events.isEmpty()) {
            return Mono.empty();
        }
        return db.inConnectionMany(connection -> {
            Statement statement = connection.createStatement(INSERT);
            for (int i = 0; i < events.size(); i++) {
                if (i > 0) {
                    statement.add();
                }
                bind(statement, events.get(i));
            }
            return Flux.from(statement.execute()).flatMap(result -> result.getRowsUpdated());
        }).then();
    }

    private static void bind(Statement s, Recorded recorded) {
        UsageEvent e = recorded.event();
        s.bind(0, e.generationId()).bind(1, e.orgId());
        bindNullable(s, 2, e.userId(), java.util.UUID.class);
        bindNullable(s, 3, e.apiKeyHash(), String.class);
        s.bind(4, e.model()).bind(5, e.provider());
        bindNullable(s, 6, e.endpointId(), String.class);
        bindNullable(s, 7, e.upstreamModelId(), String.class);
        s.bind(8, e.byok()).bind(9, e.streamed()).bind(10, e.cancelled());
        bindNullable(s, 11, e.finishReason(), String.class);
        s.bind(12, e.promptTokens()).bind(13, e.completionTokens()).bind(14, e.cachedPromptTokens())
                .bind(15, e.cacheWriteTokens()).bind(16, e.reasoningTokens())
                .bind(17, e.promptPrice()).bind(18, e.completionPrice()).bind(19, e.requestPrice())
                .bind(20, e.cacheReadPrice()).bind(21, e.cacheWritePrice())
                .bind(22, e.listCostNanos()).bind(23, e.upstreamCostNanos()).bind(24, e.platformFeeNanos())
                .bind(25, e.byokFeeNanos()).bind(26, e.totalNanos()).bind(27, e.heldNanos())
                .bind(28, e.latencyMs()).bind(29, e.generationTimeMs()).bind(30, e.timeToFirstTokenMs());
        bindNullable(s, 31, e.origin(), String.class);
        s.bind(32, e.createdAt().atOffset(ZoneOffset.UTC)).bind(33, e.completedAt().atOffset(ZoneOffset.UTC));
        s.bind(34, recorded.route().providerResponses());
        bindNullable(s, 35, recorded.route().routing(), String.class);
        s.bind(36, e.api() != null ? e.api() : UsageEvent.API_CHAT);
    }

    private static <T> void bindNullable(Statement s, int index, T value, Class<T> type) {
        if (value == null) {
            s.bindNull(index, type);
        } else {
            s.bind(index, value);
        }
    }

    @Override
    public void stop() {
        Disposable d = running;
        if (d != null) {
            d.dispose();
        }
        running = null;
    }

    @Override
    public boolean isRunning() {
        return running != null;
    }

    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}

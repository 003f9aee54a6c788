package dev.switchboard.billing.usage;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;

import org.springframework.context.SmartLifecycle;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.RedisStreamCommands.XClaimOptions;
import org.springframework.data.redis.connection.stream.Consumer;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.PendingMessage;
import org.springframework.data.redis.connection.stream.ReadOffset;
import org.springframework.data.redis.connection.stream.RecordId;
import org.springframework.data.redis.connection.stream.StreamOffset;
import org.springframework.data.redis.connection.stream.StreamInfo;
import org.springframework.data.redis.connection.stream.StreamReadOptions;
import org.springframework.data.redis.core.ReactiveStreamOperations;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;

import dev.switchboard.billing.ledger.BalanceWatchers;
import dev.switchboard.billing.ledger.Ledger;
import dev.switchboard.contracts.RedisKeys;
import dev.switchboard.contracts.billing.UsageEvent;

/**
 * Posts settled usage from the Redis usage stream to the ledger, in consumer group
 * {@link RedisKeys#BILLING_GROUP}.
 *
 * <p>Delivery is at least once and posting is idempotent, which together make it exactly once in the
 * books: a batch is posted in one database transaction whose transfer ids derive from the generation
 * id, and acknowledged only after the commit. An entry read but never acknowledged (this process was
 * killed) is re-read from this consumer's pending list when it starts again, or claimed by another
 * consumer once it has been idle for {@code claimIdle}. The Redis balance is not touched: api-service
 * debited it when it settled the generation.
 *
 * <p>One loop per process, one cycle at a time: claim abandoned entries when due, read a batch, post,
 * dead-letter, acknowledge. A failing cycle (Redis or PostgreSQL away) is logged, paused for
 * {@code retryBackoff} and retried from this consumer's own pending entries, so nothing is skipped.
 */
@Component
class UsageStreamConsumer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(UsageStreamConsumer.class);

    /**
     * How far into the pending list a claim looks, in batches. Each live consumer holds at most one
     * batch there, so abandoned entries are found as long as fewer consumers than this are alive.
     */
    private static final int PENDING_SCAN_PAGES = 10;

    private final ReactiveStreamOperations<String, String, String> stream;
    private final Ledger ledger;
    private final ObjectMapper json;
    private final UsageConsumerProperties properties;
    private final String streamKey;
    private final String deadLetterKey;
    private final Consumer consumer;
    private final BalanceWatchers watchers;

    private final Counter consumed;
    private final Counter deadLettered;
    private final Counter failedCycles;
    private final AtomicLong pendingEntries = new AtomicLong();
    private final AtomicLong undeliveredEntries = new AtomicLong();

    private volatile boolean running;
    private volatile boolean groupReady;
    /** Set at start and after a failure: read this consumer's own unacknowledged entries before new ones. */
    private volatile boolean ownPendingFirst;
    private volatile long nextClaimAtMillis;
    private volatile Disposable loop;
    private final AtomicReference<Runnable> onStopped = new AtomicReference<>();

    UsageStreamConsumer(ReactiveStringRedisTemplate redis, RedisKeys keys, Ledger ledger, ObjectMapper json,
                        UsageConsumerProperties properties, MeterRegistry meters, BalanceWatchers watchers) {
        this.stream = redis.opsForStream();
        this.ledger = ledger;
        this.watchers = watchers;
        this.json = json;
        this.properties = properties;
        this.streamKey = keys.usageStream();
        this.deadLetterKey = keys.usageStream() + ":dead";
        this.consumer = Consumer.from(RedisKeys.BILLING_GROUP, consumerName());
        this.consumed = Counter.builder("switchboard.billing.usage.consumed")
                .description("Usage events posted to the ledger (redeliveries included)")
                .register(meters);
        this.deadLettered = Counter.builder("switchboard.billing.usage.dead_lettered")
                .description("Usage stream entries that could not be read, moved to the dead-letter stream")
                .register(meters);
        this.failedCycles = Counter.builder("switchboard.billing.usage.failed_cycles")
                .description("Consumer cycles that failed (Redis or PostgreSQL unavailable) and were retried")
                .register(meters);
        Gauge.builder("switchboard.billing.usage.pending", pendingEntries, AtomicLong::get)
                .description("Entries delivered to the billing group but not yet acknowledged, as last seen")
                .register(meters);
        Gauge.builder("switchboard.billing.usage.lag", undeliveredEntries, AtomicLong::get)
                .description("Entries in the usage stream not yet delivered to the billing group, as last seen")
                .register(meters);
    }

    /** host + pid: unique per process, and stable across the life of this process. */
    private static String consumerName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = System.getenv().getOrDefault("HOSTNAME", "unknown-host");
        }
        return host + "-" + ProcessHandle.current().pid();
    }

    String name() {
        return consumer.getName();
    }

    @Override
    public void start() {
        Disposable previous = loop;
        if (previous != null) {
            // Started again before the previous loop wound down: cancelling it rolls back any batch in
            // flight, and whatever it read without acknowledging is re-read first by the new loop.
            previous.dispose();
        }
        ownPendingFirst = true;
        nextClaimAtMillis = 0;
        running = true;
        loop = Mono.defer(this::cycle)
                .onErrorResume(this::pauseAfterFailure)
                .repeat(() -> running)
                .doFinally(signal -> stopped())
                .subscribe();
    }

    @Override
    public void stop() {
        running = false;
    }

    /** Lets the cycle in flight finish (at most one read, one batch and one pause), then reports back. */
    @Override
    public void stop(Runnable callback) {
        running = false;
        Disposable current = loop;
        if (current == null || current.isDisposed()) {
            callback.run();
            return;
        }
        onStopped.set(callback);
        if (current.isDisposed()) {
            runStopCallback();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void stopped() {
        log.debug("Usage stream consumer {} stopped", consumer.getName());
        runStopCallback();
    }

    private void runStopCallback() {
        Runnable callback = onStopped.getAndSet(null);
        if (callback != null) {
            callback.run();
        }
    }

    private Mono<Void> cycle() {
        return ensureGroup()
                .then(Mono.defer(this::claimAbandoned))
                .then(Mono.defer(this::readBatch))
                .flatMap(batch -> process(batch).then(pauseAfter(batch.size())));
    }

    /** Nothing new: wait a poll interval. A partial batch: linger so the next one is fuller. */
    private Mono<Void> pauseAfter(int read) {
        if (read >= properties.batchSize() || ownPendingFirst) {
            return Mono.empty();
        }
        Duration pause = read == 0 ? properties.pollInterval() : properties.linger();
        return Mono.delay(pause).then();
    }

    /** The group starts at id 0 so entries appended before billing-service first ran are posted too. */
    private Mono<Void> ensureGroup() {
        if (groupReady) {
            return Mono.empty();
        }
        return stream.createGroup(streamKey, ReadOffset.from("0"), RedisKeys.BILLING_GROUP)
                .onErrorResume(UsageStreamConsumer::groupAlreadyExists, e -> Mono.just("exists"))
                .doOnNext(created -> groupReady = true)
                .then();
    }

    /** Redis answers BUSYGROUP when the group exists; the client wraps that error at some depth. */
    private static boolean groupAlreadyExists(Throwable error) {
        for (Throwable e = error; e != null; e = e.getCause()) {
            if (e.getMessage() != null && e.getMessage().contains("BUSYGROUP")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Takes over entries that another consumer read but did not acknowledge within {@code claimIdle}.
     * XPENDING then XCLAIM with MIN-IDLE (Spring Data Redis has no XAUTOCLAIM): the MIN-IDLE check
     * makes the claim atomic, so of two consumers racing for an entry only one gets it.
     */
    private Mono<Void> claimAbandoned() {
        long now = System.currentTimeMillis();
        if (now < nextClaimAtMillis) {
            return Mono.empty();
        }
        nextClaimAtMillis = now + properties.claimInterval().toMillis();
        Mono<Void> recordBacklog = stream.groups(streamKey)
                .filter(group -> RedisKeys.BILLING_GROUP.equals(group.groupName()))
                .doOnNext(this::recordBacklog)
                .then();
        int scanned = PENDING_SCAN_PAGES * properties.batchSize();
        Mono<Void> claim = stream.pending(streamKey, RedisKeys.BILLING_GROUP, Range.unbounded(), scanned)
                .flatMapIterable(pending -> pending)
                .filter(this::abandoned)
                .take(properties.batchSize())
                .map(PendingMessage::getId)
                .collectList()
                .filter(ids -> !ids.isEmpty())
                .flatMapMany(this::claim)
                .collectList()
                .flatMap(this::process);
        return recordBacklog.then(claim);
    }

    /** XINFO GROUPS reports the group's lag (entries not yet delivered) since Redis 7; older servers omit it. */
    private void recordBacklog(StreamInfo.XInfoGroup group) {
        pendingEntries.set(group.pendingCount());
        if (group.getRaw().get("lag") instanceof Long lag) {
            undeliveredEntries.set(lag);
        }
    }

    private boolean abandoned(PendingMessage pending) {
        return !pending.getConsumerName().equals(consumer.getName())
                && pending.getElapsedTimeSinceLastDelivery().compareTo(properties.claimIdle()) >= 0;
    }

    private Flux<MapRecord<String, String, String>> claim(List<RecordId> ids) {
        log.info("Claiming {} usage entries abandoned by other consumers", ids.size());
        return stream.claim(streamKey, RedisKeys.BILLING_GROUP, consumer.getName(),
                XClaimOptions.minIdle(properties.claimIdle()).ids(ids.toArray(RecordId[]::new)));
    }

    private Mono<List<MapRecord<String, String, String>>> readBatch() {
        if (ownPendingFirst) {
            return read(StreamReadOptions.empty().count(properties.batchSize()), ReadOffset.from("0"))
                    .doOnNext(batch -> ownPendingFirst = !batch.isEmpty());
        }
        return read(StreamReadOptions.empty().count(properties.batchSize()), ReadOffset.lastConsumed());
    }

    private Mono<List<MapRecord<String, String, String>>> read(StreamReadOptions options, ReadOffset offset) {
        return stream.read(consumer, options, StreamOffset.create(streamKey, offset))
                .collectList();
    }

    private Mono<Void> process(List<MapRecord<String, String, String>> records) {
        if (records.isEmpty()) {
            return Mono.empty();
        }
        List<StreamEntry> entries = records.stream()
                .map(this::toEntry)
                .toList();
        List<StreamEntry.Postable> postable = entries.stream()
                .filter(StreamEntry.Postable.class::isInstance)
                .map(StreamEntry.Postable.class::cast)
                .toList();
        List<StreamEntry.Malformed> malformed = entries.stream()
                .filter(StreamEntry.Malformed.class::isInstance)
                .map(StreamEntry.Malformed.class::cast)
                .toList();
        return post(postable)
                .then(deadLetter(malformed))
                .then(acknowledge(entries));
    }

    private StreamEntry toEntry(MapRecord<String, String, String> record) {
        Map<String, String> fields = record.getValue();
        String payload = fields == null ? null : fields.get(RedisKeys.USAGE_FIELD);
        if (payload == null) {
            return new StreamEntry.Malformed(record.getId(), "", "no '" + RedisKeys.USAGE_FIELD + "' field");
        }
        try {
            UsageEvent event = json.readValue(payload, UsageEvent.class);
            return new StreamEntry.Postable(record.getId(), event, UsageLegs.of(event));
        } catch (JacksonException e) {
            String reason = "not a UsageEvent: " + e.getClass().getSimpleName();
            return new StreamEntry.Malformed(record.getId(), payload, reason);
        } catch (IllegalArgumentException e) {
            return new StreamEntry.Malformed(record.getId(), payload, e.getMessage());
        }
    }

    /** One transaction for the whole batch; organisations without an account get one. */
    private Mono<Void> post(List<StreamEntry.Postable> postable) {
        if (postable.isEmpty()) {
            return Mono.empty();
        }
        Set<UUID> orgIds = new LinkedHashSet<>();
        postable.forEach(entry -> orgIds.add(entry.event().orgId()));
        return ledger.postBatch(orgIds, postable.stream().flatMap(entry -> entry.legs().stream()).toList())
                .doOnNext(newTransfers -> consumed.increment(postable.size()))
                // The batch is committed whatever a watcher does.
                .then(Mono.defer(() -> watchers.changed(orgIds)));
    }

    /** Never lost silently, never blocking the stream: kept verbatim with the reason, then acknowledged. */
    private Mono<Void> deadLetter(List<StreamEntry.Malformed> malformed) {
        return Flux.fromIterable(malformed)
                .concatMap(this::deadLetter)
                .then();
    }

    private Mono<RecordId> deadLetter(StreamEntry.Malformed entry) {
        log.warn("Usage entry {} cannot be posted ({}); moved to {}", entry.id(), entry.reason(), deadLetterKey);
        return stream.add(deadLetterKey, Map.of(
                        RedisKeys.USAGE_FIELD, entry.payload(),
                        "sourceId", entry.id().getValue(),
                        "reason", entry.reason()))
                .doOnNext(id -> deadLettered.increment());
    }

    private Mono<Void> acknowledge(List<StreamEntry> entries) {
        RecordId[] ids = entries.stream()
                .map(StreamEntry::id)
                .toArray(RecordId[]::new);
        return stream.acknowledge(streamKey, RedisKeys.BILLING_GROUP, ids)
                .then();
    }

    private Mono<Void> pauseAfterFailure(Throwable failure) {
        failedCycles.increment();
        log.warn("Usage stream cycle failed, retrying in {}: {}", properties.retryBackoff(), failure.toString());
        // The group may be gone (Redis flushed); entries read but not acknowledged are re-read first.
        groupReady = false;
        ownPendingFirst = true;
        return Mono.delay(properties.retryBackoff())
                .then();
    }
}

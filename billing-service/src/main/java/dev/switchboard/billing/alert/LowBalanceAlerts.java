package dev.switchboard.billing.alert;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.ObjectMapper;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.data.redis.connection.RedisStreamCommands.XAddOptions;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.StreamRecords;
import org.springframework.data.redis.core.ReactiveStreamOperations;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;

import dev.switchboard.billing.ledger.BalanceWatcher;
import dev.switchboard.contracts.RedisKeys;
import dev.switchboard.contracts.billing.LowBalanceAlert;

/**
 * Watches balances for a crossing of the low-balance alert threshold and hands each crossing to
 * api-service, which mails it.
 *
 * <p>At most once per crossing: the crossing is claimed with the alert's latch in the same statement
 * that writes it to the outbox, and re-armed only once the balance is seen above the threshold (after
 * a purchase, a grant, or a settings change). Nothing lost: the outbox row is marked published only
 * after Redis has the entry, and anything unpublished is appended again on the organisation's next
 * balance change and at every start. The rare second append (a crash between the two) carries the
 * same crossing number, which api-service mails once.
 *
 * <p>Ordered after auto top-up, so a crossing that a successful top-up has already ended sends nothing.
 */
@Component
@Order(1)
class LowBalanceAlerts implements BalanceWatcher {

    private static final Logger log = LoggerFactory.getLogger(LowBalanceAlerts.class);

    /**
     * Approximate cap on the stream's length. There is at most one entry per crossing, so reaching it
     * means api-service has not read the stream for a hundred thousand crossings; the cap only keeps a
     * platform without api-service from growing Redis for ever.
     */
    private static final long STREAM_MAX_LENGTH = 100_000;

    private final LowBalanceAlertStore store;
    private final ReactiveStreamOperations<String, String, String> stream;
    private final ObjectMapper json;
    private final String streamKey;

    LowBalanceAlerts(LowBalanceAlertStore store, ReactiveStringRedisTemplate redis, ObjectMapper json, RedisKeys keys) {
        this.store = store;
        this.stream = redis.opsForStream();
        this.json = json;
        this.streamKey = keys.lowBalanceAlerts();
    }

    @Override
    public Mono<Void> balancesChanged(Collection<UUID> orgIds) {
        return store.withThreshold(orgIds)
                .collectList()
                .flatMapMany(Flux::fromIterable)
                .concatMap(this::check)
                .then(store.unpublished(orgIds).collectList())
                .flatMap(this::publishAll);
    }

    /** Claims a new crossing, or re-arms when the balance is back above the threshold. */
    private Mono<Void> check(UUID orgId) {
        return store.claim(orgId)
                .doOnNext(alert -> log.info("Balance of organisation {} is at or below its low-balance alert "
                        + "threshold (crossing {})", alert.orgId(), alert.crossing()))
                .switchIfEmpty(Mono.defer(() -> store.rearm(orgId).then(Mono.empty())))
                .then();
    }

    /**
     * One at a time, in the order they crossed, from a list read to the end: a query's rows are not
     * held open while the same work issues further statements.
     */
    private Mono<Void> publishAll(List<LowBalanceAlert> alerts) {
        return Flux.fromIterable(alerts)
                .concatMap(this::publish)
                .then();
    }

    private Mono<Void> publish(LowBalanceAlert alert) {
        MapRecord<String, String, String> entry = StreamRecords.newRecord()
                .in(streamKey)
                .ofMap(Map.of(RedisKeys.ALERT_FIELD, json.writeValueAsString(alert)));
        return stream.add(entry, XAddOptions.maxlen(STREAM_MAX_LENGTH).approximateTrimming(true))
                .then(store.markPublished(alert));
    }

    /** Crossings claimed before a crash or while Redis was away go out as soon as this instance is up. */
    @EventListener(ApplicationReadyEvent.class)
    void publishBacklog() {
        store.unpublished()
                .collectList()
                .filter(alerts -> !alerts.isEmpty())
                .flatMap(alerts -> publishAll(alerts).thenReturn(alerts.size()))
                .subscribe(published -> log.info("Published {} low-balance alerts left over from before the start", published),
                        e -> log.warn("Low-balance alerts left over could not be published yet: {}", e.toString()));
    }
}

package dev.switchboard.api.alerts;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;
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
import org.springframework.data.redis.connection.stream.StreamReadOptions;
import org.springframework.data.redis.core.ReactiveStreamOperations;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;

import dev.switchboard.api.platform.RedisPrefix;
import dev.switchboard.api.platform.StreamGroups;
import dev.switchboard.contracts.RedisKeys;
import dev.switchboard.contracts.billing.LowBalanceAlert;

/**
 * Reads billing-service's low-balance alerts (consumer group {@link RedisKeys#ALERT_MAIL_GROUP}) and
 * hands each to {@link LowBalanceAlertMail}. An entry is acknowledged only after its crossing has been
 * mailed (or found mailed already), so a crash loses nothing: this process's unacknowledged entries
 * are read again when its loop restarts, and another instance claims those of a process that is gone
 * once they have been idle for {@link #CLAIM_IDLE}. Delivery is idempotent per crossing, which is what
 * makes both the re-reading and the claiming safe.
 *
 * <p>An entry whose mail some recipient's server keeps refusing ({@link UndeliveredAlertException}) is
 * retried — only for the refused addresses — until it has been delivered {@link #MAX_DELIVERIES}
 * times (its XPENDING delivery count); then it is acknowledged and logged at ERROR, so that one bad
 * address can neither re-mail the others nor hold back every later alert.
 *
 * <p>Alerts are rare (one per crossing), so the loop polls once a second and never BLOCKs (Spring Data
 * Redis opens a connection per blocking read).
 */
@Component
class LowBalanceAlertReader implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LowBalanceAlertReader.class);

    private static final int BATCH = 20;
    private static final Duration POLL = Duration.ofSeconds(1);
    /** Well above the time one crossing takes to mail, so a live reader's entries are not taken over. */
    private static final Duration CLAIM_IDLE = Duration.ofMinutes(1);
    /** Reads of one entry after which a recipient that is still refused is given up on. */
    static final int MAX_DELIVERIES = 5;

    private final ReactiveStreamOperations<String, String, String> stream;
    private final StreamGroups groups;
    private final LowBalanceAlertMail mail;
    private final ObjectMapper json;
    private final String streamKey;
    private final Consumer consumer;
    private volatile Disposable running;

    LowBalanceAlertReader(ReactiveStringRedisTemplate redis, StreamGroups groups, LowBalanceAlertMail mail,
                          ObjectMapper json, RedisPrefix prefix) {
        this.stream = redis.opsForStream();
        this.groups = groups;
        this.mail = mail;
        this.json = json;
        this.streamKey = prefix.keys().lowBalanceAlerts();
        this.consumer = Consumer.from(RedisKeys.ALERT_MAIL_GROUP, "api-" + hostname() + "-" + ProcessHandle.current().pid());
    }

    @Override
    public void start() {
        running = groups.ensure(streamKey, RedisKeys.ALERT_MAIL_GROUP)
                .thenMany(Flux.concat(drain(), follow()))
                .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(200)).maxBackoff(Duration.ofSeconds(5))
                        .doBeforeRetry(signal -> log.warn("Low-balance alert reader restarting: {}",
                                signal.failure().toString())))
                .subscribe();
    }

    @Override
    public void stop() {
        Disposable loop = running;
        if (loop != null) {
            loop.dispose();
        }
        running = null;
    }

    @Override
    public boolean isRunning() {
        return running != null;
    }

    /** This consumer's own entries, read before but not acknowledged (the loop failed midway). */
    private Flux<Long> drain() {
        return deliverBatch(ReadOffset.from("0"))
                .repeat()
                .takeWhile(count -> count > 0);
    }

    private Flux<Long> follow() {
        return Mono.defer(() -> claimAbandoned().then(deliverBatch(ReadOffset.lastConsumed())))
                .delayUntil(count -> Mono.delay(count == 0 ? POLL : Duration.ZERO))
                .repeat();
    }

    private Mono<Long> deliverBatch(ReadOffset offset) {
        return stream.read(consumer, StreamReadOptions.empty().count(BATCH), StreamOffset.create(streamKey, offset))
                .collectList()
                .flatMap(this::deliverAll);
    }

    /**
     * Delivers a batch that has been read to the end. Never one entry at a time while the read is still
     * streaming: Lettuce stops reading the shared connection while a subscriber has no demand, so an
     * acknowledgement sent from inside the read would wait behind the read for the command timeout,
     * and every other Redis command of this process with it.
     */
    private Mono<Long> deliverAll(List<MapRecord<String, String, String>> entries) {
        return Flux.fromIterable(entries)
                .concatMap(this::deliver)
                .count();
    }

    /** Entries another reader took and did not acknowledge within {@link #CLAIM_IDLE}: that reader is gone. */
    private Mono<Void> claimAbandoned() {
        return stream.pending(streamKey, RedisKeys.ALERT_MAIL_GROUP, Range.unbounded(), BATCH)
                .flatMapIterable(pending -> pending)
                .filter(pending -> !pending.getConsumerName().equals(consumer.getName())
                        && pending.getElapsedTimeSinceLastDelivery().compareTo(CLAIM_IDLE) >= 0)
                .map(PendingMessage::getId)
                .collectList()
                .filter(ids -> !ids.isEmpty())
                .flatMap(ids -> claim(ids).collectList())
                .flatMap(this::deliverAll)
                .then();
    }

    private Flux<MapRecord<String, String, String>> claim(List<RecordId> ids) {
        log.info("Claiming {} low-balance alerts abandoned by another reader", ids.size());
        // MIN-IDLE makes the claim atomic: of two readers racing for an entry, one gets it.
        return stream.claim(streamKey, RedisKeys.ALERT_MAIL_GROUP, consumer.getName(),
                XClaimOptions.minIdle(CLAIM_IDLE).ids(ids.toArray(RecordId[]::new)));
    }

    private Mono<Long> deliver(MapRecord<String, String, String> entry) {
        LowBalanceAlert alert;
        try {
            alert = json.readValue(entry.getValue().get(RedisKeys.ALERT_FIELD), LowBalanceAlert.class);
        } catch (RuntimeException e) {
            // Re-reading it would fail the same way for ever; it is logged and acknowledged.
            log.error("Low-balance alert entry {} cannot be read and is skipped: {}", entry.getId(), e.toString());
            return acknowledge(entry);
        }
        return mail.deliver(alert)
                .then(Mono.defer(() -> acknowledge(entry)))
                .onErrorResume(UndeliveredAlertException.class, e -> deliveries(entry)
                        .filter(count -> count >= MAX_DELIVERIES)
                        .switchIfEmpty(Mono.error(e))
                        .flatMap(count -> {
                            log.error("Giving up on entry {} after {} deliveries: {}", entry.getId(), count,
                                    e.getMessage());
                            return acknowledge(entry);
                        }));
    }

    /**
     * How many times the entry has been read by this group (XPENDING), this read included. Looked up
     * among this consumer's oldest pending entries, where the entry being delivered is (entries are
     * delivered in order): the reactive template cannot pass an exact id range to XPENDING.
     */
    private Mono<Long> deliveries(MapRecord<String, String, String> entry) {
        return stream.pending(streamKey, consumer, Range.unbounded(), BATCH)
                .flatMapIterable(pending -> pending)
                .filter(pending -> pending.getId().equals(entry.getId()))
                .next()
                .map(PendingMessage::getTotalDeliveryCount);
    }

    private Mono<Long> acknowledge(MapRecord<String, String, String> entry) {
        return stream.acknowledge(streamKey, RedisKeys.ALERT_MAIL_GROUP, entry.getId());
    }

    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}

package dev.switchboard.billing.ledger;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import reactor.core.publisher.Mono;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

import dev.switchboard.billing.error.BillingException;
import dev.switchboard.contracts.RedisKeys;

/**
 * Keeps the organisation's Redis balance ({@link RedisKeys#balance}), which api-service holds and
 * settles against, in step with the credits in the ledger.
 *
 * <p>The ledger is the truth; Redis is a mirror that api-service debits at settle time, before the
 * usage is posted here. Credits reach the mirror exactly once because every credit transfer id is
 * recorded in {@link RedisKeys#credited} in the same script that adds its amount. When the balance
 * key is missing (a fresh Redis, or a flush) it is rebuilt from the ledger together with that set,
 * atomically, so a credit is either in both or in neither.
 */
@Component
public class SpendableBalance {

    /**
     * KEYS: balance, credited. ARGV: transfer id, amount. Returns -1 when the balance is missing,
     * else 1 if the credit was added now, 0 if it had been added before.
     */
    private static final RedisScript<Long> CREDIT = RedisScript.of("""
            if redis.call('EXISTS', KEYS[1]) == 0 then
              return -1
            end
            if redis.call('SADD', KEYS[2], ARGV[1]) == 1 then
              redis.call('INCRBY', KEYS[1], ARGV[2])
              return 1
            end
            return 0
            """, Long.class);

    /**
     * KEYS: balance, credited. ARGV: ledger balance, then every credit transfer id. Only the caller
     * that creates the balance records the ids, so a concurrent rebuild from an older snapshot can
     * never mark a credit as applied that its balance lacks. Returns the balance as a string
     * (a Lua number would lose precision above 2^53).
     */
    private static final RedisScript<String> REBUILD = RedisScript.of("""
            if redis.call('SET', KEYS[1], ARGV[1], 'NX') then
              for i = 2, #ARGV do
                redis.call('SADD', KEYS[2], ARGV[i])
              end
            end
            return redis.call('GET', KEYS[1])
            """, String.class);

    private static final long BALANCE_MISSING = -1;

    private final ReactiveStringRedisTemplate redis;
    private final RedisKeys keys;
    private final Ledger ledger;

    SpendableBalance(ReactiveStringRedisTemplate redis, RedisKeys keys, Ledger ledger) {
        this.redis = redis;
        this.keys = keys;
        this.ledger = ledger;
    }

    /**
     * Adds a committed credit transfer to the Redis balance unless it was added before. When the
     * balance is missing it is rebuilt first; the rebuild may already include the credit, which the
     * second attempt then recognises.
     */
    public Mono<Void> applyCredit(UUID orgId, String transferId, long amountNanos) {
        return runCredit(orgId, transferId, amountNanos)
                .filter(outcome -> outcome == BALANCE_MISSING)
                .flatMap(missing -> rebuildIfMissing(orgId))
                .flatMap(rebuilt -> runCredit(orgId, transferId, amountNanos))
                .then();
    }

    /**
     * Takes a committed reversal (a refund) off the Redis balance unless it was taken before; the
     * same set of applied transfer ids guards credits and reversals, and a rebuild includes both.
     */
    public Mono<Void> applyReversal(UUID orgId, String transferId, long amountNanos) {
        return applyCredit(orgId, transferId, -amountNanos);
    }

    /**
     * Recreates the Redis balance from the ledger if it is missing and returns the Redis balance;
     * empty when the organisation has no account.
     */
    Mono<Long> rebuildIfMissing(UUID orgId) {
        return ledger.creditSnapshot(orgId)
                .flatMap(snapshot -> rebuild(orgId, snapshot))
                .map(Long::parseLong);
    }

    private Mono<String> rebuild(UUID orgId, CreditSnapshot snapshot) {
        return redis.execute(REBUILD, List.of(keys.balance(orgId), keys.credited(orgId)), rebuildArguments(snapshot))
                .next();
    }

    private Mono<Long> runCredit(UUID orgId, String transferId, long amountNanos) {
        return redis.execute(CREDIT, List.of(keys.balance(orgId), keys.credited(orgId)),
                        List.of(transferId, Long.toString(amountNanos)))
                .next()
                .switchIfEmpty(Mono.error(() -> BillingException.internal("credit script returned nothing")));
    }

    private static List<String> rebuildArguments(CreditSnapshot snapshot) {
        List<String> args = new ArrayList<>(snapshot.creditTransferIds().size() + 1);
        args.add(Long.toString(snapshot.balanceNanos()));
        args.addAll(snapshot.creditTransferIds());
        return args;
    }
}

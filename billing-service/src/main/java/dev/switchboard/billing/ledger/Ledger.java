package dev.switchboard.billing.ledger;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

import dev.switchboard.contracts.billing.CreditsView;
import dev.switchboard.contracts.billing.LedgerCheck;

/**
 * The books: opens accounts, posts transfers exactly once, and reads balances back.
 *
 * <p>Invariants the schema enforces and this class relies on: amounts are positive, a transfer
 * moves money between two different existing accounts, a transfer id is posted at most once, and
 * posted transfers never change. An organisation's credits are grants and purchases minus refunds,
 * its usage the sum of its usage legs, and its balance credits minus usage.
 */
@Component
public class Ledger {

    private static final String KIND_CREDITS = "('grant', 'purchase', 'refund')";
    private static final String KIND_USAGE = "('usage_upstream', 'usage_fee', 'usage_byok_fee')";

    private static final String INSERT_TRANSFER = """
            INSERT INTO transfers (id, debit_account, credit_account, amount_nanos, kind, generation_id, note)
            VALUES (:id, :debit, :credit, :amount, :kind, :generation, :note)
            ON CONFLICT (id) DO NOTHING""";

    private static final String CREDITS = """
            SELECT COALESCE(SUM(CASE WHEN t.credit_account = a.code THEN t.amount_nanos ELSE -t.amount_nanos END)
                            FILTER (WHERE t.kind IN %s), 0)::bigint AS credits_nanos,
                   COALESCE(SUM(CASE WHEN t.debit_account = a.code THEN t.amount_nanos ELSE -t.amount_nanos END)
                            FILTER (WHERE t.kind IN %s), 0)::bigint AS usage_nanos
            FROM accounts a
            LEFT JOIN transfers t ON t.debit_account = a.code OR t.credit_account = a.code
            WHERE a.code = :code
            GROUP BY a.code""".formatted(KIND_CREDITS, KIND_USAGE);

    /**
     * The balance (credits minus usage) of the account bound as {@code :code}, as a scalar subquery, so
     * that a statement elsewhere can decide on the balance as of its own snapshot.
     */
    public static final String BALANCE_OF_CODE = "(SELECT c.credits_nanos - c.usage_nanos FROM (" + CREDITS + ") c)";

    /**
     * Recomputes the books from every transfer: legs seen from both sides, each account's net, and
     * for every organisation whether its net equals its credits minus its usage. A full scan, meant
     * for audits and tests, not for a request path.
     */
    private static final String CHECK = """
            WITH legs AS (
                SELECT credit_account AS account, kind, amount_nanos AS signed_nanos FROM transfers
                UNION ALL
                SELECT debit_account, kind, -amount_nanos FROM transfers
            ), per_account AS (
                SELECT a.code, a.kind AS account_kind,
                       COALESCE(SUM(l.signed_nanos), 0) AS net,
                       COALESCE(SUM(l.signed_nanos) FILTER (WHERE l.kind IN %s), 0) AS credits,
                       COALESCE(-SUM(l.signed_nanos) FILTER (WHERE l.kind IN %s), 0) AS usage
                FROM accounts a
                LEFT JOIN legs l ON l.account = a.code
                GROUP BY a.code, a.kind
            )
            SELECT (SELECT count(*) FROM transfers) AS transfers,
                   (SELECT COALESCE(-SUM(signed_nanos), 0) FROM legs WHERE signed_nanos < 0)::bigint AS debits,
                   (SELECT COALESCE(SUM(signed_nanos), 0) FROM legs WHERE signed_nanos > 0)::bigint AS credits,
                   (SELECT COALESCE(SUM(net), 0) FROM per_account)::bigint AS net_of_all,
                   (SELECT count(*) FROM per_account
                    WHERE account_kind = 'org' AND net <> credits - usage) AS mismatched_orgs
            """.formatted(KIND_CREDITS, KIND_USAGE);

    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final Counter posted;

    public Ledger(DatabaseClient db, TransactionalOperator tx, MeterRegistry meters) {
        this.db = db;
        this.tx = tx;
        this.posted = Counter.builder("switchboard.billing.transfers.posted")
                .description("Ledger transfers posted (a re-posted idempotency key is not counted)")
                .register(meters);
    }

    /** Opens the organisation's account if it is not open yet. */
    public Mono<Void> openOrgAccount(UUID orgId) {
        return db.sql("INSERT INTO accounts (code, kind, org_id) VALUES (:code, 'org', :org) ON CONFLICT DO NOTHING")
                .bind("code", AccountCode.org(orgId).value())
                .bind("org", orgId)
                .fetch()
                .rowsUpdated()
                .then();
    }

    public Mono<Boolean> hasOrgAccount(UUID orgId) {
        return db.sql("SELECT 1 FROM accounts WHERE code = :code")
                .bind("code", AccountCode.org(orgId).value())
                .map((row, meta) -> Boolean.TRUE)
                .first()
                .defaultIfEmpty(Boolean.FALSE);
    }

    /**
     * Posts {@code transfer} unless its id is already posted, and returns what the ledger holds under
     * that id: {@code transfer} itself, or the earlier transfer with the same id (the caller decides
     * whether a differing one is a conflict).
     */
    public Mono<Transfer> postOnce(Transfer transfer) {
        return insert(transfer)
                .doOnNext(this::countPosted)
                .flatMap(inserted -> inserted > 0 ? Mono.just(transfer) : find(transfer.id()));
    }

    /**
     * Posts a batch in one database transaction of two statements: opens the accounts of
     * {@code orgIds} that are missing, then inserts every transfer whose id is new. Returns how many
     * were new. A batch may hold the same transfer twice (a redelivered event); only the first counts.
     */
    public Mono<Long> postBatch(Collection<UUID> orgIds, List<Transfer> transfers) {
        List<Transfer> distinct = transfers.stream()
                .collect(Collectors.toMap(Transfer::id, t -> t, (first, again) -> first, LinkedHashMap::new))
                .values()
                .stream()
                .toList();
        return openOrgAccounts(orgIds)
                .then(insertAll(distinct))
                .as(tx::transactional)
                .doOnNext(this::countPosted);
    }

    private Mono<Void> openOrgAccounts(Collection<UUID> orgIds) {
        if (orgIds.isEmpty()) {
            return Mono.empty();
        }
        return db.sql("""
                        INSERT INTO accounts (code, kind, org_id)
                        SELECT 'org:' || org_id, 'org', org_id FROM unnest(CAST(:orgs AS uuid[])) AS org_id
                        ON CONFLICT DO NOTHING""")
                .bind("orgs", orgIds.stream().map(UUID::toString).toArray(String[]::new))
                .fetch()
                .rowsUpdated()
                .then();
    }

    /** One statement for the whole batch: a batch of 100 generations is up to 300 legs. */
    private Mono<Long> insertAll(List<Transfer> transfers) {
        if (transfers.isEmpty()) {
            return Mono.just(0L);
        }
        return db.sql("""
                        INSERT INTO transfers
                            (id, debit_account, credit_account, amount_nanos, kind, generation_id, note)
                        SELECT * FROM unnest(CAST(:ids AS text[]), CAST(:debits AS text[]), CAST(:credits AS text[]),
                                             CAST(:amounts AS bigint[]), CAST(:kinds AS text[]),
                                             CAST(:generations AS text[]), CAST(:notes AS text[]))
                        ON CONFLICT (id) DO NOTHING""")
                .bind("ids", column(transfers, Transfer::id))
                .bind("debits", column(transfers, t -> t.debit().value()))
                .bind("credits", column(transfers, t -> t.credit().value()))
                .bind("amounts", transfers.stream().map(Transfer::amountNanos).toArray(Long[]::new))
                .bind("kinds", column(transfers, t -> t.kind().code()))
                .bind("generations", column(transfers, Transfer::generationId))
                .bind("notes", column(transfers, Transfer::note))
                .fetch()
                .rowsUpdated();
    }

    private static String[] column(List<Transfer> transfers, Function<Transfer, String> field) {
        return transfers.stream().map(field).toArray(String[]::new);
    }

    /** The organisation's credits, usage and balance; empty when it has no account. */
    public Mono<CreditsView> credits(UUID orgId) {
        return db.sql(CREDITS)
                .bind("code", AccountCode.org(orgId).value())
                .map((row, meta) -> creditsView(orgId,
                        row.get("credits_nanos", Long.class),
                        row.get("usage_nanos", Long.class)))
                .first();
    }

    /**
     * The organisation's balance together with the ids of the transfers that credited it, read in
     * one statement so both come from the same snapshot; empty when it has no account.
     */
    Mono<CreditSnapshot> creditSnapshot(UUID orgId) {
        return db.sql("""
                        SELECT c.credits_nanos - c.usage_nanos AS balance_nanos,
                               ARRAY(SELECT id FROM transfers
                                     WHERE (credit_account = :code AND kind IN ('grant', 'purchase'))
                                        OR (debit_account = :code AND kind = 'refund')) AS credit_ids
                        FROM (%s) c""".formatted(CREDITS))
                .bind("code", AccountCode.org(orgId).value())
                .map((row, meta) -> new CreditSnapshot(
                        row.get("balance_nanos", Long.class),
                        List.of(row.get("credit_ids", String[].class))))
                .first();
    }

    /** The transfers of one purchase: its credit ({@code purchase:<id>}) and its refund reversals. */
    public Flux<Transfer> transfersOfPurchase(String purchaseId) {
        return db.sql("""
                        SELECT id, kind, debit_account, credit_account, amount_nanos, generation_id, note
                        FROM transfers
                        WHERE id = 'purchase:' || :purchase OR id LIKE 'refund:' || :purchase || ':%'
                        ORDER BY created_at, id""")
                .bind("purchase", purchaseId)
                .map((row, meta) -> transfer(row))
                .all();
    }

    /** The legs posted for one generation, oldest first. */
    Flux<PostedTransfer> transfersOfGeneration(String generationId) {
        return db.sql("""
                        SELECT id, kind, debit_account, credit_account, amount_nanos, created_at
                        FROM transfers WHERE generation_id = :generation ORDER BY created_at, id""")
                .bind("generation", generationId)
                .map((row, meta) -> new PostedTransfer(
                        row.get("id", String.class),
                        TransferKind.ofCode(row.get("kind", String.class)),
                        row.get("debit_account", String.class),
                        row.get("credit_account", String.class),
                        row.get("amount_nanos", Long.class),
                        row.get("created_at", Instant.class)))
                .all();
    }

    public Mono<LedgerCheck> check() {
        return db.sql(CHECK)
                .map((row, meta) -> {
                    long debits = row.get("debits", Long.class);
                    long credits = row.get("credits", Long.class);
                    long net = row.get("net_of_all", Long.class);
                    long mismatched = row.get("mismatched_orgs", Long.class);
                    boolean balanced = net == 0 && debits == credits && mismatched == 0;
                    return new LedgerCheck(balanced, row.get("transfers", Long.class), debits, credits, net);
                })
                .one();
    }

    private Mono<Long> insert(Transfer t) {
        return db.sql(INSERT_TRANSFER)
                .bind("id", t.id())
                .bind("debit", t.debit().value())
                .bind("credit", t.credit().value())
                .bind("amount", t.amountNanos())
                .bind("kind", t.kind().code())
                .bind("generation", Parameter.fromOrEmpty(t.generationId(), String.class))
                .bind("note", Parameter.fromOrEmpty(t.note(), String.class))
                .fetch()
                .rowsUpdated();
    }

    private void countPosted(long newTransfers) {
        posted.increment(newTransfers);
    }

    private Mono<Transfer> find(String id) {
        return db.sql("""
                        SELECT id, kind, debit_account, credit_account, amount_nanos, generation_id, note
                        FROM transfers WHERE id = :id""")
                .bind("id", id)
                .map((row, meta) -> transfer(row))
                .one();
    }

    private static Transfer transfer(io.r2dbc.spi.Row row) {
        return new Transfer(
                row.get("id", String.class),
                TransferKind.ofCode(row.get("kind", String.class)),
                new AccountCode(row.get("debit_account", String.class)),
                new AccountCode(row.get("credit_account", String.class)),
                row.get("amount_nanos", Long.class),
                row.get("generation_id", String.class),
                row.get("note", String.class));
    }

    private static CreditsView creditsView(UUID orgId, long creditsNanos, long usageNanos) {
        return new CreditsView(orgId, creditsNanos, usageNanos, creditsNanos - usageNanos);
    }
}

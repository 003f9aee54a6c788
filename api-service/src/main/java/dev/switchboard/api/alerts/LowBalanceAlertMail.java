package dev.switchboard.api.alerts;

import java.math.BigDecimal;
import java.util.Arrays;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.mail.MailException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

import dev.switchboard.api.identity.Usd;
import dev.switchboard.api.identity.org.OrgAction;
import dev.switchboard.api.identity.org.Role;
import dev.switchboard.api.mail.Mail;
import dev.switchboard.api.mail.MailProperties;
import dev.switchboard.api.mail.Mailer;
import dev.switchboard.contracts.billing.LowBalanceAlert;

/**
 * Mails one crossing to the members who can act on it: those whose role may buy credits
 * ({@link OrgAction#MANAGE_CREDITS}, owners and admins).
 *
 * <p>Once per crossing and recipient: in one transaction the crossing's row in
 * {@code low_balance_alert_mails} is inserted if new and locked, each recipient without a row in
 * {@code low_balance_alert_recipients} is mailed and given one as the SMTP server accepts it, and the
 * crossing is marked sent once nobody is left. A second delivery of the same crossing, even one read at
 * the same moment by another instance, waits for the lock and then finds it sent.
 *
 * <p>An address the server rejects does not stop the others: it is logged and counted
 * ({@value #REJECTED_METRIC}), the accepted recipients are committed, and the delivery then fails with
 * {@link UndeliveredAlertException} so the reader retries it — mailing only the rejected addresses —
 * until it gives up on the entry. The one window for a duplicate left is a crash after the SMTP server
 * accepted a mail and before the commit: those recipients are mailed again, a duplicate rather than a
 * loss, because a missed alert is the worse failure.
 */
@Component
class LowBalanceAlertMail {

    private static final Logger log = LoggerFactory.getLogger(LowBalanceAlertMail.class);

    static final String REJECTED_METRIC = "switchboard.alerts.low_balance.rejected_recipients";

    /** The roles that receive the alert, as stored in {@code memberships.role}. */
    private static final String[] RECIPIENT_ROLES = Arrays.stream(Role.values())
            .filter(OrgAction.MANAGE_CREDITS::allows)
            .map(Role::wire)
            .toArray(String[]::new);

    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final Mailer mailer;
    private final MailProperties properties;
    private final Counter rejected;

    LowBalanceAlertMail(DatabaseClient db, ReactiveTransactionManager transactions, Mailer mailer,
                        MailProperties properties, MeterRegistry meters) {
        this.db = db;
        this.tx = TransactionalOperator.create(transactions);
        this.mailer = mailer;
        this.properties = properties;
        this.rejected = meters.counter(REJECTED_METRIC);
    }

    /**
     * Completes once the crossing is mailed, was mailed before, or names an organisation that is gone;
     * fails with {@link UndeliveredAlertException}, after committing the recipients that were mailed,
     * if any address was rejected.
     */
    Mono<Void> deliver(LowBalanceAlert alert) {
        return record(alert)
                .then(Mono.defer(() -> lockUnsent(alert)))
                .flatMap(orgName -> unmailedRecipients(alert)
                        .concatMap(to -> mailTo(to, orgName, alert))
                        .filter(accepted -> !accepted)
                        .count()
                        .flatMap(failed -> failed == 0 ? markSent(alert).thenReturn(0L) : Mono.just(failed)))
                .as(tx::transactional)
                .filter(failed -> failed > 0)
                .flatMap(failed -> Mono.error(new UndeliveredAlertException(alert, failed)));
    }

    /** True once the SMTP server accepted the mail and its recipient is recorded; false if it refused it. */
    private Mono<Boolean> mailTo(String to, String orgName, LowBalanceAlert alert) {
        return Mono.defer(() -> mailer.send(mail(to, orgName, alert)))
                .then(Mono.defer(() -> markRecipient(alert, to)))
                .thenReturn(true)
                .onErrorResume(MailException.class, e -> {
                    rejected.increment();
                    log.warn("The low-balance alert of organisation {} (crossing {}) could not be mailed to one of "
                            + "its owners and admins: {}", alert.orgId(), alert.crossing(), e.getMessage());
                    return Mono.just(false);
                });
    }

    /** Nothing is inserted for an organisation that no longer exists: its crossing is dropped. */
    private Mono<Void> record(LowBalanceAlert alert) {
        return db.sql("""
                        INSERT INTO low_balance_alert_mails (org_id, crossing, balance_nanos, threshold_nanos)
                        SELECT id, :crossing, :balance, :threshold FROM organizations WHERE id = :org
                        ON CONFLICT (org_id, crossing) DO NOTHING""")
                .bind("org", alert.orgId())
                .bind("crossing", alert.crossing())
                .bind("balance", alert.balanceNanos())
                .bind("threshold", alert.thresholdNanos())
                .then();
    }

    /** The organisation's name, if this crossing still has to be mailed; holds the row until the commit. */
    private Mono<String> lockUnsent(LowBalanceAlert alert) {
        return db.sql("""
                        SELECT o.name FROM low_balance_alert_mails m JOIN organizations o ON o.id = m.org_id
                        WHERE m.org_id = :org AND m.crossing = :crossing AND m.sent_at IS NULL
                        FOR UPDATE OF m""")
                .bind("org", alert.orgId())
                .bind("crossing", alert.crossing())
                .map(row -> row.get("name", String.class))
                .one();
    }

    /** The owners and admins that an earlier, partly failed delivery of this crossing has not mailed. */
    private Flux<String> unmailedRecipients(LowBalanceAlert alert) {
        return db.sql("""
                        SELECT u.email FROM memberships m JOIN users u ON u.id = m.user_id
                        WHERE m.org_id = :org AND m.role = ANY(CAST(:roles AS text[]))
                          AND NOT EXISTS (SELECT 1 FROM low_balance_alert_recipients r
                                          WHERE r.org_id = :org AND r.crossing = :crossing AND r.email = u.email)
                        ORDER BY u.email""")
                .bind("org", alert.orgId())
                .bind("crossing", alert.crossing())
                .bind("roles", RECIPIENT_ROLES)
                .map(row -> row.get("email", String.class))
                .all();
    }

    private Mono<Void> markRecipient(LowBalanceAlert alert, String email) {
        return db.sql("""
                        INSERT INTO low_balance_alert_recipients (org_id, crossing, email)
                        VALUES (:org, :crossing, :email) ON CONFLICT DO NOTHING""")
                .bind("org", alert.orgId())
                .bind("crossing", alert.crossing())
                .bind("email", email)
                .then();
    }

    private Mono<Void> markSent(LowBalanceAlert alert) {
        return db.sql("""
                        UPDATE low_balance_alert_mails m SET sent_at = now(),
                            recipients = (SELECT count(*) FROM low_balance_alert_recipients r
                                          WHERE r.org_id = m.org_id AND r.crossing = m.crossing)
                        WHERE org_id = :org AND crossing = :crossing
                        RETURNING recipients""")
                .bind("org", alert.orgId())
                .bind("crossing", alert.crossing())
                .map(row -> row.get("recipients", Integer.class))
                .one()
                .doOnNext(recipients -> log.info(
                        "Mailed the low-balance alert of organisation {} (crossing {}) to {} owners and admins",
                        alert.orgId(), alert.crossing(), recipients))
                .then();
    }

    private Mail mail(String to, String orgName, LowBalanceAlert alert) {
        String balance = dollars(alert.balanceNanos());
        String threshold = dollars(alert.thresholdNanos());
        var link = properties.page("credits");
        String text = """
                The credit balance of %s is %s, at or below the low-balance alert of %s set for it.
                Requests stop being served when the balance runs out.

                Buy credits or turn on auto top-up: %s

                You get this mail because you are an owner or admin of %s. It is sent once each time the
                balance falls to the alert; the next one comes after the balance has been above it again.
                """.formatted(orgName, balance, threshold, link, orgName);
        return new Mail(to, "Switchboard: the credit balance of " + orgName + " is " + balance, text, link);
    }

    /** Exact, never rounded: {@code $4.50}, {@code $0.000000001}, {@code -$1.25}. */
    static String dollars(long nanos) {
        BigDecimal usd = Usd.fromNanos(Math.abs(nanos));
        return (nanos < 0 ? "-$" : "$") + usd.setScale(Math.max(2, usd.scale())).toPlainString();
    }
}

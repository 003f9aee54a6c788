package dev.switchboard.api.alerts;

import java.math.BigDecimal;
import java.util.Arrays;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

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
 * <p>Once per crossing: in one transaction the crossing's row in {@code low_balance_alert_mails} is
 * inserted if new and locked, the mails are sent only if it is not yet marked sent, and it is marked
 * sent before the commit. A second delivery of the same crossing, even one read at the same moment by
 * another instance, waits for the lock and then finds it sent. The one window left is a crash after
 * the SMTP server accepted a mail and before the commit: the entry is read again and the crossing
 * mailed again — a duplicate rather than a loss, because a missed alert is the worse failure.
 */
@Component
class LowBalanceAlertMail {

    private static final Logger log = LoggerFactory.getLogger(LowBalanceAlertMail.class);

    /** The roles that receive the alert, as stored in {@code memberships.role}. */
    private static final String[] RECIPIENT_ROLES = Arrays.stream(Role.values())
            .filter(OrgAction.MANAGE_CREDITS::allows)
            .map(Role::wire)
            .toArray(String[]::new);

    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final Mailer mailer;
    private final MailProperties properties;

    LowBalanceAlertMail(DatabaseClient db, ReactiveTransactionManager transactions, Mailer mailer,
                        MailProperties properties) {
        this.db = db;
        this.tx = TransactionalOperator.create(transactions);
        this.mailer = mailer;
        this.properties = properties;
    }

    /** Completes once the crossing is mailed, was mailed before, or names an organisation that is gone. */
    Mono<Void> deliver(LowBalanceAlert alert) {
        return record(alert)
                .then(Mono.defer(() -> lockUnsent(alert)))
                .flatMap(orgName -> recipients(alert)
                        .concatMap(to -> mailer.send(mail(to, orgName, alert)).thenReturn(to))
                        .count()
                        .flatMap(sent -> markSent(alert, sent)))
                .as(tx::transactional);
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

    private Flux<String> recipients(LowBalanceAlert alert) {
        return db.sql("""
                        SELECT u.email FROM memberships m JOIN users u ON u.id = m.user_id
                        WHERE m.org_id = :org AND m.role = ANY(CAST(:roles AS text[])) ORDER BY u.email""")
                .bind("org", alert.orgId())
                .bind("roles", RECIPIENT_ROLES)
                .map(row -> row.get("email", String.class))
                .all();
    }

    private Mono<Void> markSent(LowBalanceAlert alert, long recipients) {
        log.info("Mailed the low-balance alert of organisation {} (crossing {}) to {} owners and admins",
                alert.orgId(), alert.crossing(), recipients);
        return db.sql("""
                        UPDATE low_balance_alert_mails SET sent_at = now(), recipients = :recipients
                        WHERE org_id = :org AND crossing = :crossing""")
                .bind("org", alert.orgId())
                .bind("crossing", alert.crossing())
                .bind("recipients", (int) recipients)
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

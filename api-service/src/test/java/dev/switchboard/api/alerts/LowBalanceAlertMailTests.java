package dev.switchboard.api.alerts;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.r2dbc.core.DatabaseClient;

import dev.switchboard.api.identity.MailInbox;
import dev.switchboard.api.identity.org.OrgTestSupport;
import dev.switchboard.api.platform.RedisPrefix;
import dev.switchboard.contracts.RedisKeys;
import dev.switchboard.contracts.billing.LowBalanceAlert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The api-service end of the low-balance alert: crossings appended to the alert stream, as
 * billing-service appends them, are mailed once to the organisation's owners and admins.
 */
class LowBalanceAlertMailTests extends OrgTestSupport {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final long USD = 1_000_000_000L;
    private static final String SUBJECT = "Switchboard: the credit balance of ";

    @Autowired
    ReactiveStringRedisTemplate redis;
    @Autowired
    RedisPrefix prefix;
    @Autowired
    DatabaseClient db;
    @Autowired
    MeterRegistry meters;

    @Test
    void aCrossingDeliveredTwiceIsMailedOnceToEachOwnerAndAdminAndToNoMember() {
        Person owner = person("alert-owner");
        String name = "Lowbal " + System.nanoTime();
        String org = createOrg(owner, name);
        Person admin = join(owner, org, "admin");
        Person member = join(owner, org, "member");
        Person outsider = person("alert-outsider");
        LowBalanceAlert alert = new LowBalanceAlert(UUID.fromString(org), 1, 4_500_000_000L, 5 * USD, Instant.now());

        append(alert);
        append(alert); // billing-service appended it again after a crash
        awaitEarlierEntriesHandled();

        assertThat(alertMails(owner)).singleElement().satisfies(mail -> {
            assertThat(mail.subject()).isEqualTo(SUBJECT + name + " is $4.50");
            assertThat(mail.body()).contains("$4.50", "$5.00", name).containsPattern("http://localhost:\\d+/credits");
        });
        assertThat(alertMails(admin)).hasSize(1);
        assertThat(alertMails(member)).isEmpty();
        assertThat(alertMails(outsider)).isEmpty();
    }

    @Test
    void eachNewCrossingIsMailedAndOnlyToItsOwnOrganisation() {
        Person ada = person("alert-ada");
        Person bob = person("alert-bob");
        UUID adaOrg = UUID.fromString(ada.browser().orgId());

        append(new LowBalanceAlert(adaOrg, 1, 0, USD, Instant.now()));
        append(new LowBalanceAlert(adaOrg, 2, -250_000_000L, USD, Instant.now()));
        awaitEarlierEntriesHandled();

        assertThat(alertMails(ada)).extracting(MailInbox.Received::subject)
                .satisfiesExactly(first -> assertThat(first).endsWith(" is $0.00"),
                        second -> assertThat(second).endsWith(" is -$0.25"));
        assertThat(alertMails(bob)).isEmpty();
    }

    @Test
    void aCrossingOfAnOrganisationThatIsGoneOrAMalformedEntryIsAcknowledgedWithoutMail() {
        Person ada = person("alert-gone");

        append(new LowBalanceAlert(UUID.randomUUID(), 1, 0, USD, Instant.now()));
        redis.opsForStream().add(prefix.keys().lowBalanceAlerts(), Map.of(RedisKeys.ALERT_FIELD, "{not json")).block();
        append(new LowBalanceAlert(UUID.fromString(ada.browser().orgId()), 1, 0, USD, Instant.now()));
        awaitEarlierEntriesHandled();

        assertThat(alertMails(ada)).hasSize(1);
    }

    @Test
    void anAddressTheServerRefusesNeitherReMailsTheOthersNorHoldsBackLaterAlerts() {
        Person owner = person("alert-refused-owner");
        String org = createOrg(owner, "Refused " + System.nanoTime());
        Person admin = join(owner, org, "admin");
        // Sorted before the owner, so the owner is mailed after the refusal; Jakarta Mail refuses to send to it.
        db.sql("UPDATE users SET email = :bad WHERE email = :email")
                .bind("bad", "0refused" + System.nanoTime() + "@@example.com")
                .bind("email", admin.email())
                .then().block();
        double refusedBefore = meters.counter(LowBalanceAlertMail.REJECTED_METRIC).count();

        append(new LowBalanceAlert(UUID.fromString(org), 1, 0, USD, Instant.now()));
        awaitEarlierEntriesHandled();

        assertThat(alertMails(owner)).hasSize(1);
        assertThat(meters.counter(LowBalanceAlertMail.REJECTED_METRIC).count() - refusedBefore)
                .isEqualTo(LowBalanceAlertReader.MAX_DELIVERIES);
    }

    // --- helpers ------------------------------------------------------------------------------------

    private void append(LowBalanceAlert alert) {
        redis.opsForStream()
                .add(prefix.keys().lowBalanceAlerts(), Map.of(RedisKeys.ALERT_FIELD, JSON.writeValueAsString(alert)))
                .block();
    }

    /**
     * Appends a crossing of a fresh organisation and waits for its mail: the reader handles the stream
     * in order, so every entry appended before it has been handled too.
     */
    private void awaitEarlierEntriesHandled() {
        Person sentinel = person("alert-sentinel");
        append(new LowBalanceAlert(UUID.fromString(sentinel.browser().orgId()), 1, 0, USD, Instant.now()));
        await().atMost(Duration.ofSeconds(30)).until(() -> alertMails(sentinel).size() == 1);
    }

    private static List<MailInbox.Received> alertMails(Person person) {
        return MailInbox.instance().to(person.email()).stream()
                .filter(mail -> mail.subject().startsWith(SUBJECT))
                .toList();
    }
}

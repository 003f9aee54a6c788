package dev.switchboard.billing.alert;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.Range;
import org.springframework.r2dbc.core.DatabaseClient;

import dev.switchboard.billing.BillingServiceTest;
import dev.switchboard.contracts.RedisKeys;
import dev.switchboard.contracts.billing.CreditSettings;
import dev.switchboard.contracts.billing.GrantRequest;
import dev.switchboard.contracts.billing.LowBalanceAlert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The low-balance alert's crossing detection: one stream entry per crossing from above the threshold
 * to at or below it, re-armed only by the balance rising above it again.
 */
class LowBalanceAlertsTest extends BillingServiceTest {

    @Autowired
    private DatabaseClient db;

    @Test
    void aCrossingToAtOrBelowTheThresholdAlertsOnceAndARiseAboveItRearms() {
        UUID org = openAccount();
        grant(org, 10 * USD);
        putSettings(org, CreditSettings.update(5 * USD, false, null, null));

        spendAndSettle(org, 4 * USD, 6 * USD);
        assertThat(alertsOf(org)).isEmpty();

        spendAndSettle(org, USD, 5 * USD); // at the threshold: crossed
        assertThat(awaitAlerts(org, 1)).singleElement().satisfies(alert -> {
            assertThat(alert.crossing()).isEqualTo(1);
            assertThat(alert.balanceNanos()).isEqualTo(5 * USD);
            assertThat(alert.thresholdNanos()).isEqualTo(5 * USD);
        });

        spendAndSettle(org, 2 * USD, 3 * USD); // further below: the same crossing
        assertThat(alertsOf(org)).hasSize(1);

        grant(org, 10 * USD); // 13: above again, re-armed
        spendAndSettle(org, 9 * USD, 4 * USD);
        assertThat(awaitAlerts(org, 2)).extracting(LowBalanceAlert::crossing).containsExactly(1L, 2L);
        assertThat(alertsOf(org).get(1).balanceNanos()).isEqualTo(4 * USD);
    }

    @Test
    void anOrganisationWithoutAThresholdIsNeverAlerted() {
        UUID org = openAccount();
        grant(org, 2 * USD);
        putSettings(org, CreditSettings.update(null, false, null, null));

        spendAndSettle(org, 3 * USD, -USD);

        assertThat(alertsOf(org)).isEmpty();
    }

    @Test
    void settingAThresholdAboveTheBalanceIsNotACrossing() {
        UUID org = openAccount();
        grant(org, 3 * USD);

        putSettings(org, CreditSettings.update(5 * USD, false, null, null));
        spendAndSettle(org, USD, 2 * USD);
        assertThat(alertsOf(org)).isEmpty();

        grant(org, 10 * USD); // 12: now above it, so the next fall is a crossing
        spendAndSettle(org, 8 * USD, 4 * USD);
        assertThat(awaitAlerts(org, 1)).extracting(LowBalanceAlert::crossing).containsExactly(1L);
    }

    @Test
    void aCrossingRecordedButNotYetOnTheStreamIsAppendedOnTheNextChange() {
        UUID org = openAccount();
        grant(org, 10 * USD);
        putSettings(org, CreditSettings.update(5 * USD, false, null, null));
        spendAndSettle(org, 6 * USD, 4 * USD);
        awaitAlerts(org, 1);
        // As if billing-service had died between appending the entry and recording that it had.
        db.sql("UPDATE low_balance_alerts SET published_at = NULL WHERE org_id = :org").bind("org", org).then().block();

        spendAndSettle(org, USD, 3 * USD);

        // Appended again with the same crossing number, which api-service mails once; no new crossing.
        assertThat(awaitAlerts(org, 2)).extracting(LowBalanceAlert::crossing).containsExactly(1L, 1L);
        Long unpublished = db.sql("SELECT count(*) AS n FROM low_balance_alerts WHERE org_id = :org AND published_at IS NULL")
                .bind("org", org)
                .map(row -> row.get("n", Long.class))
                .one()
                .block();
        assertThat(unpublished).isZero();
    }

    // --- helpers ------------------------------------------------------------------------------------

    private void grant(UUID org, long nanos) {
        internal().post().uri("/internal/grants")
                .bodyValue(new GrantRequest("grant-" + UUID.randomUUID(), org, nanos, null))
                .exchange()
                .expectStatus().isOk();
    }

    /**
     * Spends, waits for the ledger to show {@code balanceNanos}, then saves the (unchanged) settings,
     * which checks the balance once more synchronously: afterwards every check this spend caused has
     * decided, so an absent alert is absent for good.
     */
    private void spendAndSettle(UUID org, long nanos, long balanceNanos) {
        spend(org, nanos);
        awaitBalance(org, balanceNanos);
        CreditSettings current = internal().get().uri("/internal/orgs/{org}/credit-settings", org)
                .exchange()
                .expectStatus().isOk()
                .expectBody(CreditSettings.class)
                .returnResult()
                .getResponseBody();
        putSettings(org, CreditSettings.update(current.lowBalanceAlertNanos(), false, null, null));
    }

    private List<LowBalanceAlert> awaitAlerts(UUID org, int count) {
        await().atMost(Duration.ofSeconds(10)).until(() -> alertsOf(org).size() >= count);
        return alertsOf(org);
    }

    private List<LowBalanceAlert> alertsOf(UUID org) {
        return redis.<String, String>opsForStream().range(keys.lowBalanceAlerts(), Range.unbounded())
                .map(entry -> json.readValue(entry.getValue().get(RedisKeys.ALERT_FIELD), LowBalanceAlert.class))
                .filter(alert -> alert.orgId().equals(org))
                .collectList()
                .block();
    }
}

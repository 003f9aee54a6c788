package dev.switchboard.billing.usage;

import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.switchboard.billing.ledger.AccountCode;
import dev.switchboard.billing.ledger.Transfer;
import dev.switchboard.billing.ledger.TransferKind;
import dev.switchboard.contracts.billing.UsageEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class UsageLegsTest {

    private static final UUID ORG = UUID.fromString("7d2c1f0e-4b7a-4f0e-9a51-2f1b8e6c3d10");

    @Test
    void platformKeyUsagePaysUpstreamAndFeeFromTheOrganisation() {
        List<Transfer> legs = UsageLegs.of(event("gen-1", ORG, 900, 100, 0, 1_000));

        assertThat(legs).containsExactly(
                new Transfer("gen-1:upstream", TransferKind.USAGE_UPSTREAM, AccountCode.org(ORG), AccountCode.UPSTREAM,
                        900, "gen-1", null),
                new Transfer("gen-1:fee", TransferKind.USAGE_FEE, AccountCode.org(ORG), AccountCode.FEES,
                        100, "gen-1", null));
    }

    @Test
    void byokUsagePaysOnlyTheByokFee() {
        assertThat(UsageLegs.of(event("gen-2", ORG, 0, 0, 7, 7)))
                .containsExactly(new Transfer("gen-2:byok_fee", TransferKind.USAGE_BYOK_FEE, AccountCode.org(ORG),
                        AccountCode.BYOK_FEES, 7, "gen-2", null));
    }

    @Test
    void freeGenerationHasNoLegs() {
        assertThat(UsageLegs.of(event("gen-3", ORG, 0, 0, 0, 0))).isEmpty();
    }

    static Stream<Arguments> unpostable() {
        return Stream.of(
                Arguments.of(event(null, ORG, 1, 0, 0, 1), "generationId"),
                Arguments.of(event(" ", ORG, 1, 0, 0, 1), "generationId"),
                Arguments.of(event("g".repeat(129), ORG, 1, 0, 0, 1), "generationId"),
                Arguments.of(event("gen-4", null, 1, 0, 0, 1), "orgId"),
                Arguments.of(event("gen-4", ORG, -1, 2, 0, 1), "negative"),
                Arguments.of(event("gen-4", ORG, Long.MAX_VALUE, 1, 0, 0), "overflow"),
                Arguments.of(event("gen-4", ORG, 10, 1, 0, 10), "totalNanos"));
    }

    @ParameterizedTest
    @MethodSource("unpostable")
    void eventTheLedgerCannotPostIsRejectedWithItsReason(UsageEvent event, String reason) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> UsageLegs.of(event))
                .withMessageContaining(reason);
    }

    private static UsageEvent event(String generationId, UUID orgId, long upstreamNanos, long feeNanos,
                                    long byokFeeNanos, long totalNanos) {
        return new UsageEvent(generationId, orgId, null, null, "m", "p", "e", "u", byokFeeNanos > 0, false, false,
                "stop", 1, 1, 0, 0, 0, "0", "0", "0", "0", "0", upstreamNanos, upstreamNanos, feeNanos, byokFeeNanos,
                totalNanos, totalNanos, 0, 0, 0, "api", null, null, UsageEvent.API_CHAT);
    }
}

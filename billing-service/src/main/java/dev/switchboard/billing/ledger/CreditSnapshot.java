package dev.switchboard.billing.ledger;

import java.util.List;

/** An organisation's ledger balance and the ids of every transfer that credited it, as of one instant. */
record CreditSnapshot(long balanceNanos, List<String> creditTransferIds) {
}

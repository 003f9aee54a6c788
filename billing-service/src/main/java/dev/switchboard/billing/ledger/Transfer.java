package dev.switchboard.billing.ledger;

import java.util.Objects;

/**
 * One transfer to post: {@code amountNanos} moves from {@code debit} to {@code credit}. The {@code id}
 * is the idempotency key: posting the same id again changes nothing.
 *
 * @param generationId set for usage legs only
 * @param note         free text for people reading the ledger; may be null
 */
public record Transfer(String id, TransferKind kind, AccountCode debit, AccountCode credit, long amountNanos,
                       String generationId, String note) {

    public Transfer {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(debit, "debit");
        Objects.requireNonNull(credit, "credit");
        if (amountNanos <= 0) {
            throw new IllegalArgumentException("a transfer moves a positive amount, not " + amountNanos);
        }
        if (debit.equals(credit)) {
            throw new IllegalArgumentException("a transfer needs two different accounts");
        }
    }

    /** Whether {@code other} is the same movement of money (it may differ in note and nothing else). */
    boolean sameMovementAs(Transfer other) {
        return kind == other.kind && debit.equals(other.debit) && credit.equals(other.credit)
                && amountNanos == other.amountNanos && Objects.equals(generationId, other.generationId);
    }
}

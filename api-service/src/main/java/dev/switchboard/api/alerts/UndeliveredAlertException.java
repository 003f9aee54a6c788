package dev.switchboard.api.alerts;

import dev.switchboard.contracts.billing.LowBalanceAlert;

/**
 * A crossing some of whose recipients the mail server refused: the others are mailed and recorded,
 * and the reader retries the entry for the refused ones a bounded number of times.
 */
class UndeliveredAlertException extends RuntimeException {

    UndeliveredAlertException(LowBalanceAlert alert, long refused) {
        super("the low-balance alert of organisation " + alert.orgId() + " (crossing " + alert.crossing()
                + ") was refused for " + refused + " recipients", null, false, false);
    }
}

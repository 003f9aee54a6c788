/**
 * Where a request is charged. Prices become nano-USD here, once, with explicit rounding; credit
 * holds live in Redis, sized to the worst case before the upstream call and settled with the actual
 * usage after it, in one atomic step that also hands the charge to billing-service.
 */
package dev.switchboard.api.credit;

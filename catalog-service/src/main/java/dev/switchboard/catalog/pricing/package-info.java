/**
 * Effective-dated prices: a price change is a new row with the instant it takes effect, history is
 * kept, and the price in force for a request starting at t is the latest row effective at or before t.
 */
package dev.switchboard.catalog.pricing;

/**
 * Wire records of the internal HTTP and Redis contracts between Switchboard's services. Records
 * only: no service logic lives here, and no service depends on another service's jar.
 *
 * <p>Money is always an integer number of nano-USD (1 USD = 1,000,000,000 nanos) in a field whose
 * name ends in {@code Nanos}; prices are exact decimals of USD per token, carried as strings.
 */
package dev.switchboard.contracts;

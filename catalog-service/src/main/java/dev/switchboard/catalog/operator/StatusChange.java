package dev.switchboard.catalog.operator;

/**
 * Body of the status switches: {@code status} is {@code active}, {@code down} (failing; expected to
 * come back) or {@code disabled} (taken out by the operator); {@code reason} is free text kept with it.
 */
record StatusChange(String status, String reason) {
}

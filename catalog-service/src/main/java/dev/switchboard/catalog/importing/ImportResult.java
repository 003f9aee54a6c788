package dev.switchboard.catalog.importing;

/**
 * The answer to an import: what the file held and what changed. {@code pricesChanged} counts
 * endpoints that got a new price row (a price equal to the one in force adds none, so importing the
 * same file twice changes nothing); {@code version} is the snapshot version after the import.
 */
record ImportResult(String format, int models, int endpoints, long pricesChanged, int skipped, String version) {
}

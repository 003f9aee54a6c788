/**
 * The catalog as the api-service routes by it: built from the database with the prices in force
 * now, kept in memory, versioned by a hash of its content, rebuilt on change and announced on Redis.
 */
package dev.switchboard.catalog.snapshot;

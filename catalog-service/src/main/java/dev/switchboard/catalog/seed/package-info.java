/**
 * The catalog a fresh platform starts with: the derived seed file ({@code catalog/seed.json}) and,
 * in demo mode, the simulated provider ({@code catalog/sim.json}), loaded once into an empty schema.
 */
package dev.switchboard.catalog.seed;

/**
 * catalog-service: models, providers, endpoints, effective-dated prices and availability. Requests
 * enter through {@code publicapi} (OpenRouter-shaped listings), {@code snapshot} (what the
 * api-service routes by), {@code pricing} and {@code availability}; {@code seed} fills an empty catalog.
 */
package dev.switchboard.catalog;

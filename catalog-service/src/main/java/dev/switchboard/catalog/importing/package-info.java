/**
 * Catalog import: an operator's catalog file (OpenRouter's {@code /api/v1/models} or LiteLLM's
 * {@code model_prices_and_context_window.json}) is validated whole, then applied in one transaction,
 * so a malformed file changes nothing.
 */
package dev.switchboard.catalog.importing;

/**
 * Where a provider is added. A provider is four parts: wire records, a pure translator, a
 * per-request stream decoder, and a thin {@link dev.switchboard.api.provider.ProviderAdapter}.
 * The transport (WebClient, auth header, timeouts, error body to {@link dev.switchboard.api.provider.ProviderError})
 * is shared. Long-tail OpenAI-compatible providers are data (a catalog entry, a profile in
 * {@code provider/openai-compatible-profiles.json} and configuration), not code.
 */
package dev.switchboard.api.provider;

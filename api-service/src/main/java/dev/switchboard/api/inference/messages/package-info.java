/**
 * Anthropic's Messages API spoken inbound ({@code POST /api/v1/messages}): pure translators from an
 * Anthropic request to the canonical chat request, and from chat answers and chunks back to
 * Anthropic's {@code message} and its exact stream events. No I/O here; the pipeline is
 * {@code inference}'s.
 */
package dev.switchboard.api.inference.messages;

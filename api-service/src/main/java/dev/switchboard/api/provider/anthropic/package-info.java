/**
 * Anthropic's Messages API: wire records ({@code AnthropicMessage}, the sealed {@code AnthropicEvent}
 * stream events), pure request and response translators, a per-request stream decoder, and the
 * adapter that sends {@code x-api-key} and {@code anthropic-version}.
 */
package dev.switchboard.api.provider.anthropic;

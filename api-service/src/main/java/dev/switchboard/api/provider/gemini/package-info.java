/**
 * Google's Gemini API ({@code generateContent}, {@code streamGenerateContent?alt=sse}): wire
 * records of the response, pure request and response translators, a per-request stream decoder,
 * and the adapter that sends {@code x-goog-api-key}.
 */
package dev.switchboard.api.provider.gemini;

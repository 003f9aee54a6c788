/**
 * Google's Gemini API ({@code generateContent}, {@code streamGenerateContent?alt=sse},
 * {@code batchEmbedContents}): wire records of the responses, pure request, response and
 * embeddings translators, a per-request stream decoder, and the adapter that sends
 * {@code x-goog-api-key}.
 */
package dev.switchboard.api.provider.gemini;

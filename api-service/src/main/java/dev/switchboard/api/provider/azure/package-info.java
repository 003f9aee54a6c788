/**
 * Azure OpenAI: deployment URLs, the {@code api-key} header and {@code api-version}, composed over
 * the OpenAI wire format of {@link dev.switchboard.api.provider.openai.OpenAiChatProtocol}.
 */
package dev.switchboard.api.provider.azure;

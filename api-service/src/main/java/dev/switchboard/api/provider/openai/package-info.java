/**
 * OpenAI chat completions, and every OpenAI-compatible upstream (Groq, Together, DeepInfra, vLLM,
 * Ollama, …): the canonical request format is already OpenAI's, so translation changes only what
 * differs (the model id, OpenRouter-only fields, usage reporting in streams), and how each
 * compatible server differs is data ({@code CompatibleProfiles}). {@code OpenAiChatProtocol} is
 * the wire exchange other packages compose (Azure OpenAI).
 */
package dev.switchboard.api.provider.openai;

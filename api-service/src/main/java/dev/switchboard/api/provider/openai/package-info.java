/**
 * OpenAI chat completions, and every OpenAI-compatible upstream (Groq, Together, DeepInfra, vLLM,
 * Ollama, …): the canonical request format is already OpenAI's, so translation changes only what
 * differs (the model id, OpenRouter-only fields, usage reporting in streams).
 */
package dev.switchboard.api.provider.openai;

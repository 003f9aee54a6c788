/**
 * OpenAI's legacy prompt completions ({@code POST /api/v1/completions}): pure translation of a
 * {@code prompt} into the canonical chat request and of chat answers and chunks into the
 * {@code text_completion} shape. The pipeline is {@code inference}'s.
 */
package dev.switchboard.api.inference.completions;

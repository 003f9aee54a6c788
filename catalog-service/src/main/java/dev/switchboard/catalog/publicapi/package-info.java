/**
 * The public model API in OpenRouter's shape ({@code /api/v1/models}, {@code /models/count},
 * {@code /models/{author}/{slug}/endpoints}, {@code /providers}). The api-service forwards these
 * paths here unchanged; responses are rendered from the in-memory catalog, once per version.
 */
package dev.switchboard.catalog.publicapi;

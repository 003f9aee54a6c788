/**
 * Request-rate allowances held in Redis and shared by every api-service instance: the per-organisation
 * allowance on {@code :free} models.
 */
package dev.switchboard.api.ratelimit;

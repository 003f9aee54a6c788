/**
 * Optional active health probes ({@code switchboard.probes.enabled}, off by default): each provider
 * with a platform key is asked for its model list on a schedule, and marked down after consecutive
 * failures, active again after a success.
 */
package dev.switchboard.catalog.probe;

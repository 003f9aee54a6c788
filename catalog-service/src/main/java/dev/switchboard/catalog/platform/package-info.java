/**
 * How this catalog-service instance is configured: demo mode, the platform keys and base URLs the
 * operator set per provider, and the shared Redis key names.
 */
package dev.switchboard.catalog.platform;

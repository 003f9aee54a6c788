/**
 * The operator's catalog routes on the public origin: {@code /api/admin/catalog/**} (operator token
 * only, by the security chain) forwarded to catalog-service's internal admin API.
 */
package dev.switchboard.api.admin.catalog;

/**
 * The operator's API ({@code /api/admin/**}, operator token only): credit grants today.
 */
package dev.switchboard.api.admin;

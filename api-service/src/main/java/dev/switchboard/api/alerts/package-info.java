/**
 * Low-balance alert mail: reads the crossings billing-service appends to the alert stream (consumer
 * group {@code alert-mail}) and mails each one, once, to the organisation's owners and admins.
 */
package dev.switchboard.api.alerts;

/** The one place where failures become JSON error responses in OpenRouter's error shape. */
package dev.switchboard.billing.error;

/** How the api-service reaches the rest of the platform: internal URLs, tokens and the Redis prefix. */
package dev.switchboard.api.platform;

/**
 * Every error this service answers with, in OpenRouter's shape
 * {@code {"error":{"code":N,"message":"…","metadata":{…}}}}, translated once at the boundary.
 */
package dev.switchboard.catalog.error;

/**
 * The api-service's in-memory view of the catalog: a snapshot fetched from catalog-service and
 * replaced whole when a newer version appears, so a request never waits on the network to route or
 * price. Also forwards the public model-listing API to catalog-service, which renders it.
 */
package dev.switchboard.api.catalog;

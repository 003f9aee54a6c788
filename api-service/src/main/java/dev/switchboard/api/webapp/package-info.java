/**
 * The browser app: the api-service serves the {@code web-ui} jar's single-page app on the public
 * origin. {@link dev.switchboard.api.webapp.AppBundle} fingerprints the app's files once at start;
 * {@link dev.switchboard.api.webapp.WebAppServing} serves them under {@code /assets/<fingerprint>/}
 * with a year of immutable caching, the WebJar libraries under their versioned {@code /webjars/}
 * paths the same way, and {@code index.html} (never cached) for every client-side route, so a deep
 * link or a reload lands in the app.
 */
package dev.switchboard.api.webapp;

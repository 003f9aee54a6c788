// The app's libraries, from the WebJars the web-ui jar depends on (versions as in web-ui/pom.xml).
// Their /webjars/<name>/<version>/ paths are versioned, so the api-service caches them as immutable.
export { html, svg, render, nothing } from '/webjars/lit-html/3.3.0/lit-html.js';
export { unsafeHTML } from '/webjars/lit-html/3.3.0/directives/unsafe-html.js';
export { live } from '/webjars/lit-html/3.3.0/directives/live.js';
export { marked } from '/webjars/marked/15.0.12/lib/marked.esm.js';
export { default as DOMPurify } from '/webjars/dompurify/3.2.6/dist/purify.es.mjs';

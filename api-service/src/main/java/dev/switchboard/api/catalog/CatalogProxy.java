package dev.switchboard.api.catalog;

import java.time.Duration;
import java.util.List;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.server.ServerWebExchange;

import dev.switchboard.api.error.ApiException;
import dev.switchboard.api.platform.PlatformProperties;

/**
 * The public model and provider listings are rendered by catalog-service, which owns that data;
 * the api-service, as the one public origin, forwards them (status, body, {@code ETag},
 * {@code Cache-Control}) and answers conditional requests itself.
 *
 * <p>Successful answers are kept per path and query for the catalog snapshot version this instance
 * holds, so a listing is fetched once per catalog change rather than once per request; a new
 * version (seen within seconds, see {@link CatalogSync}) makes every cached listing stale at once.
 * Availability figures inside a listing are therefore at most {@link #AVAILABILITY_STALENESS} old.
 */
@RestController
class CatalogProxy {

    private static final List<String> FORWARDED_RESPONSE_HEADERS =
            List.of(HttpHeaders.CONTENT_TYPE, HttpHeaders.ETAG, HttpHeaders.CACHE_CONTROL, HttpHeaders.VARY);
    static final Duration AVAILABILITY_STALENESS = Duration.ofSeconds(1);

    private final WebClient http;
    private final CatalogSync catalog;
    private final AsyncCache<String, ResponseEntity<byte[]>> listings = Caffeine.newBuilder()
            .maximumSize(2_000)
            .expireAfterWrite(AVAILABILITY_STALENESS)
            .buildAsync();

    CatalogProxy(WebClient.Builder builder, PlatformProperties platform, CatalogSync catalog) {
        this.catalog = catalog;
        this.http = builder.clone()
                .baseUrl(platform.catalogUrl().toString())
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + platform.internalToken())
                .codecs(c -> c.defaultCodecs().maxInMemorySize(64 * 1024 * 1024))
                .build();
    }

    @GetMapping({"/api/v1/models", "/api/v1/models/**", "/api/v1/providers", "/v1/models", "/v1/models/**"})
    Mono<ResponseEntity<byte[]>> forward(ServerWebExchange exchange) {
        String path = exchange.getRequest().getPath().value().replaceFirst("^/v1/", "/api/v1/");
        String query = exchange.getRequest().getURI().getRawQuery();
        String uri = path + (query == null ? "" : "?" + query);
        String ifNoneMatch = exchange.getRequest().getHeaders().getFirst(HttpHeaders.IF_NONE_MATCH);
        return Mono.fromFuture(listings.get(catalog.view().version() + " " + uri, (key, executor) -> fetch(uri).toFuture()))
                .map(listing -> notModified(listing, ifNoneMatch) ? notModifiedFrom(listing) : listing)
                .onErrorMap(e -> !(e instanceof ApiException),
                        e -> new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "The catalog is unavailable right now"));
    }

    private Mono<ResponseEntity<byte[]>> fetch(String uri) {
        return http.get()
                .uri(uri)
                .retrieve()
                .onStatus(status -> status.is5xxServerError(), response -> Mono.error(
                        new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "The catalog is unavailable right now")))
                .onStatus(status -> true, response -> Mono.empty())
                .toEntity(byte[].class)
                .map(CatalogProxy::copy);
    }

    private static boolean notModified(ResponseEntity<byte[]> listing, String ifNoneMatch) {
        String etag = listing.getHeaders().getETag();
        return ifNoneMatch != null && etag != null && listing.getStatusCode().is2xxSuccessful()
                && List.of(ifNoneMatch.split("\\s*,\\s*")).contains(etag);
    }

    private static ResponseEntity<byte[]> notModifiedFrom(ResponseEntity<byte[]> listing) {
        HttpHeaders headers = new HttpHeaders();
        headers.setETag(listing.getHeaders().getETag());
        List<String> cacheControl = listing.getHeaders().get(HttpHeaders.CACHE_CONTROL);
        if (cacheControl != null) {
            headers.put(HttpHeaders.CACHE_CONTROL, cacheControl);
        }
        return ResponseEntity.status(HttpStatus.NOT_MODIFIED).headers(headers).build();
    }

    private static ResponseEntity<byte[]> copy(ResponseEntity<byte[]> upstream) {
        HttpHeaders headers = new HttpHeaders();
        for (String name : FORWARDED_RESPONSE_HEADERS) {
            List<String> values = upstream.getHeaders().get(name);
            if (values != null) {
                headers.put(name, values);
            }
        }
        return ResponseEntity.status(upstream.getStatusCode()).headers(headers).body(upstream.getBody());
    }
}

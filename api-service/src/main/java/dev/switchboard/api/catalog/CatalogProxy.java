package dev.switchboard.api.catalog;

import java.util.List;

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
 * the api-service, as the one public origin, forwards them unchanged (status, body, {@code ETag},
 * {@code Cache-Control}, conditional requests).
 */
@RestController
class CatalogProxy {

    private static final List<String> FORWARDED_RESPONSE_HEADERS =
            List.of(HttpHeaders.CONTENT_TYPE, HttpHeaders.ETAG, HttpHeaders.CACHE_CONTROL, HttpHeaders.VARY);

    private final WebClient http;

    CatalogProxy(WebClient.Builder builder, PlatformProperties platform) {
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
        String ifNoneMatch = exchange.getRequest().getHeaders().getFirst(HttpHeaders.IF_NONE_MATCH);
        return http.get()
                .uri(path + (query == null ? "" : "?" + query))
                .headers(h -> {
                    if (ifNoneMatch != null) {
                        h.set(HttpHeaders.IF_NONE_MATCH, ifNoneMatch);
                    }
                })
                .retrieve()
                .onStatus(status -> true, response -> Mono.empty())
                .toEntity(byte[].class)
                .map(CatalogProxy::copy)
                .onErrorMap(e -> new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "The catalog is unavailable right now"));
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

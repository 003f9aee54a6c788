package dev.switchboard.api.admin.catalog;

import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.server.ServerWebExchange;

import dev.switchboard.api.error.ApiException;
import dev.switchboard.api.platform.PlatformProperties;

/**
 * Forwards {@code /api/admin/catalog/<rest>} to catalog-service's {@code /internal/catalog/<rest>}
 * with the internal token: imports, status switches, added endpoints and price changes are
 * catalog-service's to validate, so its status and JSON body (including a 400 naming the entry and
 * field of a refused import) reach the operator unchanged. The operator's own token is not passed on.
 *
 * <p>The request body is streamed through, so a multi-megabyte catalog file is never held here.
 */
@RestController
class CatalogAdminProxy {

    private static final String PUBLIC_PREFIX = "/api/admin/catalog";
    private static final String INTERNAL_PREFIX = "/internal/catalog";
    private static final List<String> FORWARDED_RESPONSE_HEADERS =
            List.of(HttpHeaders.CONTENT_TYPE, HttpHeaders.ETAG, HttpHeaders.LOCATION);

    private final WebClient http;

    CatalogAdminProxy(WebClient.Builder builder, PlatformProperties platform) {
        this.http = builder.clone()
                .baseUrl(platform.catalogUrl().toString())
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + platform.internalToken())
                .codecs(c -> c.defaultCodecs().maxInMemorySize(64 * 1024 * 1024))
                .build();
    }

    @RequestMapping(path = {PUBLIC_PREFIX, PUBLIC_PREFIX + "/**"},
            method = {RequestMethod.GET, RequestMethod.POST, RequestMethod.PUT, RequestMethod.DELETE})
    Mono<ResponseEntity<byte[]>> forward(ServerWebExchange exchange) {
        ServerHttpRequest request = exchange.getRequest();
        String query = request.getURI().getRawQuery();
        String target = INTERNAL_PREFIX + request.getPath().value().substring(PUBLIC_PREFIX.length())
                + (query == null ? "" : "?" + query);
        return http.method(request.getMethod())
                .uri(target)
                .headers(h -> copyContentType(request, h))
                .body(BodyInserters.fromDataBuffers(request.getBody()))
                .retrieve()
                .onStatus(status -> true, response -> Mono.empty())
                .toEntity(byte[].class)
                .map(CatalogAdminProxy::copy)
                .onErrorMap(e -> !(e instanceof ApiException),
                        e -> new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "The catalog is unavailable right now"));
    }

    private static void copyContentType(ServerHttpRequest request, HttpHeaders headers) {
        if (request.getHeaders().getContentType() != null) {
            headers.setContentType(request.getHeaders().getContentType());
        }
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

package dev.switchboard.api.webapp;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import reactor.core.publisher.Mono;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.MediaTypeFactory;
import org.springframework.web.reactive.config.ResourceHandlerRegistry;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.function.server.RequestPredicate;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * How the browser app is served (Spring Boot's default static mapping is off:
 * {@code spring.web.resources.add-mappings=false}):
 * <ul>
 *   <li>{@code /assets/<fingerprint>/**}: the app's files ({@link AppBundle}), {@code public,
 *       max-age=31536000, immutable}. Another fingerprint is a 404, never a stale file under a new name.</li>
 *   <li>{@code /webjars/<library>/<version>/**}: the libraries, equally immutable (the version is in the path).</li>
 *   <li>every client route ({@link ClientRoutes#PAGES}): {@code index.html}, {@code no-cache} with an
 *       ETag, so a new deployment is picked up on the next load.</li>
 * </ul>
 * Compression (gzip) is the server's, for the text types listed in {@code server.compression.mime-types}.
 */
@Configuration
class WebAppServing implements WebFluxConfigurer {

    static final CacheControl IMMUTABLE = CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable();

    private final AppBundle bundle;

    WebAppServing(AppBundle bundle) {
        this.bundle = bundle;
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/webjars/**")
                .addResourceLocations("classpath:/META-INF/resources/webjars/")
                .setCacheControl(IMMUTABLE)
                .setUseLastModified(false);
    }

    @Bean
    RouterFunction<ServerResponse> webAppPages() {
        RequestPredicate pages = RequestPredicates.GET(ClientRoutes.PAGES[0]);
        for (int i = 1; i < ClientRoutes.PAGES.length; i++) {
            pages = pages.or(RequestPredicates.GET(ClientRoutes.PAGES[i]));
        }
        return RouterFunctions.route(pages, this::index)
                .andRoute(RequestPredicates.GET(bundle.assetsPath() + "/**"), this::asset);
    }

    /**
     * From memory, not through the resource handler: a file on disk would be sent zero-copy, which
     * bypasses compression (and the app is small enough to keep).
     */
    private Mono<ServerResponse> asset(ServerRequest request) {
        String path = request.path().substring(bundle.assetsPath().length() + 1);
        return bundle.asset(path)
                .map(bytes -> ServerResponse.ok()
                        .contentType(MediaTypeFactory.getMediaType(path).orElse(MediaType.APPLICATION_OCTET_STREAM))
                        .cacheControl(IMMUTABLE)
                        .bodyValue(bytes))
                .orElseGet(() -> ServerResponse.notFound().build());
    }

    private Mono<ServerResponse> index(ServerRequest request) {
        String etag = "\"" + bundle.fingerprint() + "\"";
        // checkNotModified answers 304 when the browser's copy is current, and is empty otherwise.
        return request.checkNotModified(etag)
                .switchIfEmpty(Mono.defer(() -> ServerResponse.ok()
                        .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                        .cacheControl(CacheControl.noCache())
                        .eTag(etag)
                        .bodyValue(bundle.indexHtml())));
    }
}

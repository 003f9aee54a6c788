package dev.switchboard.api.provider;

import java.net.ConnectException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.regex.Pattern;

import io.netty.channel.ChannelOption;
import io.netty.resolver.AddressResolverGroup;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;

import dev.switchboard.api.error.ApiException;

/**
 * The HTTP transport every adapter shares: one pooled client, the configured timeouts, and the one
 * place where an upstream failure becomes a {@link ProviderError}. Upstream error bodies are
 * scrubbed of anything that looks like a credential before they travel further.
 *
 * <p>A caller that must control where a call may connect (a BYOK key's custom base URL) puts an
 * {@link AddressResolverGroup} in the Reactor context with {@link #resolvingWith}: the call then
 * goes through a client, with its own connection pool, whose host names that group resolves. The
 * URL keeps the host name, so TLS SNI and the {@code Host} header are unchanged. A refusal the
 * group raises as an {@link ApiException} reaches the caller as is, not as an upstream failure.
 */
@Component
public class UpstreamTransport {

    private static final ParameterizedTypeReference<ServerSentEvent<String>> SSE = new ParameterizedTypeReference<>() {
    };
    /**
     * Credentials as upstreams echo them: OpenAI and Anthropic keys ({@code sk-…}, {@code sk-ant-…}),
     * bearer tokens, Google API keys ({@code AIza…}), and any value labelled as a key
     * ({@code key=…}, {@code "api-key": "…"}, {@code x-goog-api-key: …}).
     */
    private static final Pattern SECRET = Pattern.compile("(?i)(sk-[a-z0-9_\\-]{8,}|bearer\\s+[a-z0-9._\\-]{8,}"
            + "|AIza[0-9a-z_\\-]{20,}"
            + "|(?:x-goog-api-key|x-api-key|api[-_]?key)[\"']?\\s*[:=]\\s*[\"']?[a-z0-9._\\-]{8,}"
            + "|key=[a-z0-9_\\-]{8,})");
    private static final int ERROR_BODY_LIMIT = 2_000;
    private static final String RESOLVER = UpstreamTransport.class.getName() + ".resolver";

    private final WebClient.Builder builder;
    private final WebClient http;
    private final ProviderProperties.Timeouts timeouts;
    /** One client per resolver group a caller asked for; in practice one, the BYOK guard's. */
    private final Map<AddressResolverGroup<?>, WebClient> resolving = new ConcurrentHashMap<>();

    public UpstreamTransport(WebClient.Builder builder, ProviderProperties properties) {
        this.builder = builder;
        this.timeouts = properties.upstream();
        this.http = client("upstream", Function.identity());
    }

    /** The context for calls whose upstream host names {@code resolver} must resolve (and may refuse). */
    public static Function<Context, Context> resolvingWith(AddressResolverGroup<?> resolver) {
        return context -> context.put(RESOLVER, resolver);
    }

    private WebClient client(String poolName, Function<HttpClient, HttpClient> customise) {
        ConnectionProvider pool = ConnectionProvider.builder(poolName)
                .maxConnections(1_000)
                .pendingAcquireMaxCount(10_000)
                .maxIdleTime(Duration.ofSeconds(50))
                .build();
        HttpClient client = HttpClient.create(pool)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) timeouts.connect().toMillis())
                .responseTimeout(timeouts.firstByte())
                .compress(false);
        return builder.clone()
                .clientConnector(new ReactorClientHttpConnector(customise.apply(client)))
                .codecs(c -> c.defaultCodecs().maxInMemorySize(32 * 1024 * 1024))
                .build();
    }

    /** The shared client, or the one resolving with the group the call's context names. */
    private WebClient http(ContextView context) {
        AddressResolverGroup<?> resolver = context.getOrDefault(RESOLVER, null);
        if (resolver == null) {
            return http;
        }
        return resolving.computeIfAbsent(resolver, group -> client("upstream-resolved", c -> c.resolver(group)));
    }

    /** POSTs JSON and returns the JSON answer as a string, or fails with a {@link ProviderException}. */
    public Mono<String> postJson(String provider, String url, HttpHeaders headers, byte[] body) {
        return Mono.deferContextual(context -> http(context).post().uri(url)
                        .headers(h -> h.addAll(headers))
                        .contentType(MediaType.APPLICATION_JSON)
                        .accept(MediaType.APPLICATION_JSON)
                        .bodyValue(body)
                        .exchangeToMono(response -> response.statusCode().is2xxSuccessful()
                                ? response.bodyToMono(String.class)
                                : failure(provider, response)))
                .timeout(timeouts.total())
                .onErrorMap(e -> !(e instanceof ProviderException), e -> transportFailure(provider, e));
    }

    /**
     * POSTs JSON and returns the {@code data:} payloads of the server-sent events as they arrive.
     * The first event must come within the first-byte timeout, each next one within the idle
     * timeout; cancelling the returned flux closes the upstream connection.
     */
    public Flux<String> postForEvents(String provider, String url, HttpHeaders headers, byte[] body) {
        Flux<String> events = Flux.deferContextual(context -> http(context).post().uri(url)
                        .headers(h -> h.addAll(headers))
                        .contentType(MediaType.APPLICATION_JSON)
                        .accept(MediaType.TEXT_EVENT_STREAM)
                        .bodyValue(body)
                        .exchangeToFlux(response -> response.statusCode().is2xxSuccessful()
                                ? response.bodyToFlux(SSE)
                                : UpstreamTransport.<ServerSentEvent<String>>failure(provider, response).flux()))
                .mapNotNull(ServerSentEvent::data);
        return events
                .timeout(Mono.delay(timeouts.firstByte()), event -> Mono.delay(timeouts.idle()))
                .take(timeouts.total())
                .onErrorMap(e -> !(e instanceof ProviderException), e -> transportFailure(provider, e));
    }

    private static <T> Mono<T> failure(String provider, ClientResponse response) {
        HttpStatusCode status = response.statusCode();
        Duration retryAfter = retryAfter(response.headers().asHttpHeaders());
        return response.bodyToMono(String.class)
                .defaultIfEmpty("")
                .flatMap(body -> Mono.error(new ProviderException(classify(provider, status.value(), scrub(body), retryAfter))));
    }

    static ProviderError classify(String provider, int status, String body, Duration retryAfter) {
        String message = body.isBlank() ? "HTTP " + status : body;
        return switch (status) {
            case 401, 403 -> new ProviderError.AuthenticationFailed(provider, status, message);
            case 408 -> new ProviderError.TimedOut(provider, message);
            case 429 -> new ProviderError.RateLimited(provider, message, retryAfter);
            case 402 -> new ProviderError.Unavailable(provider, status, message);
            default -> status >= 500
                    ? new ProviderError.Unavailable(provider, status, message)
                    : new ProviderError.InvalidRequest(provider, status, message);
        };
    }

    /**
     * The failure as the caller sees it: a refusal raised while connecting (an {@link ApiException}
     * from a caller's resolver) as is, anything else as the provider's error.
     */
    private static RuntimeException transportFailure(String provider, Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ApiException refused) {
                return refused;
            }
        }
        if (timedOut(e)) {
            return new ProviderException(new ProviderError.TimedOut(provider, "Upstream did not answer in time"));
        }
        if (e instanceof WebClientRequestException && e.getCause() instanceof ConnectException) {
            return new ProviderException(new ProviderError.Unavailable(provider, 0, "Upstream refused the connection"));
        }
        return new ProviderException(new ProviderError.Unavailable(provider, 0,
                "Upstream connection failed: " + e.getClass().getSimpleName()));
    }

    /**
     * A timeout anywhere in the cause chain: Reactor's {@link TimeoutException}, or Netty's read and
     * connect timeouts, which reach us wrapped in a {@link WebClientRequestException}.
     */
    private static boolean timedOut(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof TimeoutException || t.getClass().getSimpleName().contains("Timeout")) {
                return true;
            }
        }
        return false;
    }

    private static Duration retryAfter(HttpHeaders headers) {
        String value = headers.getFirst(HttpHeaders.RETRY_AFTER);
        if (value == null) {
            return null;
        }
        try {
            return Duration.ofSeconds(Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Cuts an upstream message to a sane length and masks anything shaped like a credential. */
    public static String scrub(String text) {
        String cut = text.length() > ERROR_BODY_LIMIT ? text.substring(0, ERROR_BODY_LIMIT) + "…" : text;
        return SECRET.matcher(cut).replaceAll("[redacted]");
    }
}

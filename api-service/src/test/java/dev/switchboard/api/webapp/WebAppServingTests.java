package dev.switchboard.api.webapp;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import dev.switchboard.api.identity.ApiIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/** How the api-service serves the browser app: deep links, fingerprinted immutable assets, CSP, gzip. */
class WebAppServingTests extends ApiIntegrationTest {

    /** Static imports and re-exports, as written in the app and in the WebJars' minified modules. */
    private static final Pattern IMPORT = Pattern.compile("(?:^|[;\\n])\\s*(?:import|export)\\s*(?:[\\w*{}\\s,$]+from\\s*)?[\"']([^\"']+)[\"']");
    private static final String IMMUTABLE = "max-age=31536000, public, immutable";

    @Autowired
    AppBundle bundle;

    @LocalServerPort
    int port;

    @Test
    void everyClientRouteIsAnsweredWithTheAppShellWhichIsNeverCached() {
        for (String path : new String[] {"/", "/login", "/chat", "/models/openai/gpt-4o-mini", "/generations/gen-1", "/credits"}) {
            String html = web.get().uri(path)
                    .exchange()
                    .expectStatus().isOk()
                    .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                    .expectHeader().cacheControl(CacheControl.noCache())
                    .expectBody(String.class)
                    .returnResult()
                    .getResponseBody();
            assertThat(html).as(path)
                    .contains("<script type=\"module\" src=\"" + bundle.assetsPath() + "/js/main.js\"></script>")
                    .doesNotContain("{{assets}}");
        }
    }

    @Test
    void theShellIsRevalidatedWithItsFingerprintAsETag() {
        web.get().uri("/chat")
                .header(HttpHeaders.IF_NONE_MATCH, "\"" + bundle.fingerprint() + "\"")
                .exchange()
                .expectStatus().isNotModified();
    }

    @Test
    void apiPathsAndUnknownPathsAreNotTheAppShell() {
        web.get().uri("/anything/else").exchange().expectStatus().isUnauthorized();
        web.get().uri("/api/v1/keys").exchange().expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_JSON);
        web.post().uri("/chat").exchange().expectStatus().isUnauthorized();
    }

    @Test
    void everyResponseCarriesAStrictContentSecurityPolicy() {
        for (String path : new String[] {"/chat", bundle.assetsPath() + "/js/main.js", "/api/v1/credits"}) {
            String csp = web.get().uri(path).exchange()
                    .returnResult(String.class)
                    .getResponseHeaders()
                    .getFirst("Content-Security-Policy");
            assertThat(csp).as(path)
                    .contains("script-src 'self'", "connect-src 'self'", "object-src 'none'", "frame-ancestors 'none'")
                    .doesNotContain("unsafe-inline", "unsafe-eval");
        }
    }

    @Test
    void fingerprintedAssetsAreImmutableAndAnotherFingerprintIsNotFound() {
        web.get().uri(bundle.assetsPath() + "/js/main.js")
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.CACHE_CONTROL, IMMUTABLE)
                .expectHeader().contentTypeCompatibleWith("text/javascript");
        web.get().uri(bundle.assetsPath() + "/app.css")
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.CACHE_CONTROL, IMMUTABLE)
                .expectHeader().contentTypeCompatibleWith("text/css");
        web.get().uri("/assets/0000000000000000/js/main.js").exchange().expectStatus().isNotFound();
        web.get().uri(bundle.assetsPath() + "/../index.html").exchange().expectStatus().value(s -> assertThat(s).isIn(400, 404));
    }

    /** lib.js names the WebJar versions; a version bump in web-ui/pom.xml without it breaks the app, and this. */
    @Test
    void everyModuleTheAppImportsIsServedAsImmutableJavaScript() {
        List<String> queue = new ArrayList<>(List.of(bundle.assetsPath() + "/js/main.js"));
        List<String> seen = new ArrayList<>();
        while (!queue.isEmpty()) {
            String path = queue.removeFirst();
            if (seen.contains(path)) {
                continue;
            }
            seen.add(path);
            String source = web.get().uri(path)
                    .exchange()
                    .expectStatus().isOk()
                    .expectHeader().valueEquals(HttpHeaders.CACHE_CONTROL, IMMUTABLE)
                    .expectHeader().contentTypeCompatibleWith("text/javascript")
                    .expectBody(String.class)
                    .returnResult()
                    .getResponseBody();
            Matcher imports = IMPORT.matcher(source);
            while (imports.find()) {
                queue.add(URI.create("http://x" + path).resolve(imports.group(1)).getPath());
            }
        }
        assertThat(seen).anyMatch(p -> p.startsWith("/webjars/lit-html/"))
                .anyMatch(p -> p.startsWith("/webjars/marked/"))
                .anyMatch(p -> p.startsWith("/webjars/dompurify/"))
                .anyMatch(p -> p.endsWith("/js/pages/chat.js"));
    }

    /** Over the JDK's client, which sends Accept-Encoding as given and never decompresses on its own. */
    @Test
    void textAssetsAreGzippedForBrowsersThatAcceptIt() throws Exception {
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + bundle.assetsPath() + "/js/pages/chat.js"))
                .header(HttpHeaders.ACCEPT_ENCODING, "gzip")
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue(HttpHeaders.CONTENT_ENCODING)).hasValue("gzip");
        byte[] gzipped = response.body();
        String source = new String(new GZIPInputStream(new ByteArrayInputStream(gzipped)).readAllBytes(), StandardCharsets.UTF_8);
        assertThat(source).contains("export class ChatPage");
        assertThat(gzipped.length).isLessThan(source.length() / 2);
    }
}

package dev.switchboard.api.webapp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * The browser app's files as this build ships them, read into memory (about 100 KB) and
 * fingerprinted once at start: the fingerprint
 * is a SHA-256 over every asset's path and bytes, so any change to any file gives every URL a new
 * path and a browser never mixes a cached old module with a new one (ES modules import each other
 * by relative paths, which resolve inside the same fingerprinted folder). {@code index.html} names
 * the folder through its {@code {{assets}}} placeholder.
 */
@Component
public class AppBundle {

    /** Where the web-ui jar keeps the app; not under META-INF/resources, so nothing serves it unversioned. */
    static final String ROOT = "switchboard-web/";
    static final String ASSETS = ROOT + "assets/";
    private static final String PLACEHOLDER = "{{assets}}";

    private final String fingerprint;
    private final byte[] indexHtml;
    private final Map<String, byte[]> files;

    public AppBundle() {
        PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver(AppBundle.class.getClassLoader());
        this.files = Map.copyOf(assets(resolver));
        if (files.isEmpty()) {
            throw new IllegalStateException("The web-ui jar is not on the classpath: no " + ASSETS + " found");
        }
        this.fingerprint = fingerprint(files);
        String template = new String(read(resolver.getResource("classpath:" + ROOT + "index.html")), StandardCharsets.UTF_8);
        this.indexHtml = template.replace(PLACEHOLDER, assetsPath()).getBytes(StandardCharsets.UTF_8);
    }

    /** The first 16 hex digits of the fingerprint: the version folder of every asset URL. */
    public String fingerprint() {
        return fingerprint;
    }

    /** {@code /assets/<fingerprint>}, without a trailing slash. */
    public String assetsPath() {
        return "/assets/" + fingerprint;
    }

    byte[] indexHtml() {
        return indexHtml.clone();
    }

    /** An asset's bytes by its path under the assets folder ({@code js/main.js}), if the app has it. */
    Optional<byte[]> asset(String path) {
        return Optional.ofNullable(files.get(path));
    }

    private static Map<String, byte[]> assets(PathMatchingResourcePatternResolver resolver) {
        try {
            Map<String, byte[]> files = new TreeMap<>();
            for (Resource resource : resolver.getResources("classpath*:" + ASSETS + "**/*")) {
                String url = resource.getURL().toString();
                if (resource.isReadable() && !url.endsWith("/")) {
                    files.put(url.substring(url.lastIndexOf(ASSETS) + ASSETS.length()), read(resource));
                }
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not list the web app's assets", e);
        }
    }

    private static String fingerprint(Map<String, byte[]> files) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            files.forEach((path, bytes) -> {
                sha256.update(path.getBytes(StandardCharsets.UTF_8));
                sha256.update((byte) 0);
                sha256.update(bytes);
            });
            return HexFormat.of().formatHex(sha256.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static byte[] read(Resource resource) {
        try (InputStream in = resource.getInputStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + resource, e);
        }
    }
}

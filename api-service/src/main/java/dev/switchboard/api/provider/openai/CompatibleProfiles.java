package dev.switchboard.api.provider.openai;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import tools.jackson.databind.ObjectMapper;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * The OpenAI-compatible profiles, read once at startup from
 * {@code classpath:provider/openai-compatible-profiles.json}. Adding a long-tail provider is a line
 * of data there (and a catalog entry), not code.
 */
@Component
public class CompatibleProfiles {

    static final String RESOURCE = "provider/openai-compatible-profiles.json";

    private final Map<String, CompatibleProfile> bySlug;

    public CompatibleProfiles(ObjectMapper json) {
        this.bySlug = read(json).stream()
                .collect(Collectors.toUnmodifiableMap(CompatibleProfile::slug, Function.identity()));
    }

    /** The profile of {@code slug}; OpenAI's behaviour for a provider without one. */
    public CompatibleProfile profile(String slug) {
        return bySlug.getOrDefault(slug, CompatibleProfile.OPENAI);
    }

    /** The default base URL the profile of {@code slug} names, if any. */
    public Optional<String> defaultBaseUrl(String slug) {
        return Optional.ofNullable(bySlug.get(slug)).map(CompatibleProfile::defaultBaseUrl);
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ProfileFile(List<CompatibleProfile> profiles) {
    }

    private static List<CompatibleProfile> read(ObjectMapper json) {
        try (InputStream in = new ClassPathResource(RESOURCE).getInputStream()) {
            return json.readValue(in, ProfileFile.class).profiles();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + RESOURCE, e);
        }
    }
}

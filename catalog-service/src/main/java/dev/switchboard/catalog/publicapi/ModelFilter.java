package dev.switchboard.catalog.publicapi;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The filters of {@code GET /api/v1/models}: {@code supported_parameters} (comma-separated; a model
 * must support all of them) and {@code output_modalities} (comma-separated; a model must produce at
 * least one of them; {@code all} or absent means no filter).
 */
record ModelFilter(Set<String> supportedParameters, Set<String> outputModalities) {

    static ModelFilter parse(String supportedParameters, String outputModalities) {
        Set<String> outputs = split(outputModalities);
        if (outputs.contains("all")) {
            outputs = Set.of();
        }
        return new ModelFilter(split(supportedParameters), outputs);
    }

    private static Set<String> split(String list) {
        if (list == null || list.isBlank()) {
            return Set.of();
        }
        return new TreeSet<>(Arrays.stream(list.split(","))
                .map(s -> s.trim().toLowerCase(Locale.ROOT))
                .filter(s -> !s.isEmpty())
                .toList());
    }

    boolean isEmpty() {
        return supportedParameters.isEmpty() && outputModalities.isEmpty();
    }

    boolean accepts(OpenRouterModel model) {
        List<String> outputs = model.architecture().outputModalities();
        return model.supportedParameters().containsAll(supportedParameters)
                && (outputModalities.isEmpty() || outputs.stream().anyMatch(outputModalities::contains));
    }

    /** A stable text of the filter, to tell its ETag from the unfiltered list's. */
    String key() {
        return "p=" + String.join(",", supportedParameters) + ";o=" + String.join(",", outputModalities);
    }
}

package dev.switchboard.catalog.importing;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which stored model a provider's upstream id names, by the normalised names {@code seed/derive.py}
 * matches on (lower case, no author or routing prefix, no variant after {@code :}, separators as
 * {@code -}), also without a date or {@code -latest} suffix and without {@code -instruct}. Kept in
 * step with derive.py, so an import joins endpoints to the models the seed would have.
 */
final class ModelNames {

    private static final Pattern SEPARATORS = Pattern.compile("[._ ]");
    private static final Pattern DATE_SUFFIX = Pattern.compile("-(\\d{8}|\\d{4}-\\d{2}-\\d{2}|latest)$");
    private static final Pattern INSTRUCT_SUFFIX = Pattern.compile("-instruct(-turbo)?$");

    private ModelNames() {
    }

    static String normalise(String name) {
        String n = name.toLowerCase(Locale.ROOT).split(":", 2)[0];
        n = n.replace("accounts/fireworks/models/", "");
        n = n.substring(n.lastIndexOf('/') + 1);
        return SEPARATORS.matcher(n).replaceAll("-");
    }

    /** The normalised name first, then its shorter forms. */
    static Set<String> matchKeys(String name) {
        String base = normalise(name);
        Set<String> keys = new LinkedHashSet<>();
        keys.add(base);
        keys.add(DATE_SUFFIX.matcher(base).replaceAll(""));
        keys.add(INSTRUCT_SUFFIX.matcher(base).replaceAll(""));
        return keys;
    }
}

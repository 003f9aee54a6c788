package dev.switchboard.catalog.publicapi;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The closest model ids to one that does not exist, for the hint in a 404: smallest edit distance
 * first, where an id that contains the requested slug counts as closer than any that does not.
 */
final class ModelSuggestions {

    private static final int LIMIT = 3;

    private ModelSuggestions() {
    }

    static List<String> closest(String wanted, Collection<String> ids) {
        String needle = wanted.toLowerCase(Locale.ROOT);
        String slug = needle.substring(needle.indexOf('/') + 1);
        Comparator<String> byCloseness = Comparator
                .comparing((String id) -> !id.toLowerCase(Locale.ROOT).contains(slug))
                .thenComparingInt(id -> distance(needle, id.toLowerCase(Locale.ROOT)))
                .thenComparing(Comparator.naturalOrder());
        return ids.stream()
                .sorted(byCloseness)
                .limit(LIMIT)
                .toList();
    }

    /** Levenshtein distance, two rows of memory. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] row = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            row[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                row[j] = Math.min(substitution, Math.min(previous[j], row[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = row;
            row = swap;
        }
        return previous[b.length()];
    }
}

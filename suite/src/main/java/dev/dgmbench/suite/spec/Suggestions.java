package dev.dgmbench.suite.spec;

import org.apache.commons.text.similarity.LevenshteinDistance;

import java.util.Collection;
import java.util.Locale;

/** "Did you mean" hints for misspelt keys and values, by edit distance. */
public final class Suggestions {
    private static final int SHOWN = 60;

    private Suggestions() {
    }

    /** {@code " (did you mean 'x'?)"} for the closest candidate by edit distance, or "" when none is close. */
    public static String suggestion(String given, Collection<String> candidates) {
        String best = closest(given, candidates);
        return best == null ? "" : " (did you mean '" + best + "'?)";
    }

    /** The candidate closest to {@code given} (case-insensitive), if it is within a third of the length (at least 2). */
    public static String closest(String given, Collection<String> candidates) {
        String best = null;
        int bestD = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = LevenshteinDistance.getDefaultInstance().apply(given.toLowerCase(Locale.ROOT), c.toLowerCase(Locale.ROOT));
            if (d < bestD) {
                bestD = d;
                best = c;
            }
        }
        if (best == null) return null;
        int limit = Math.max(2, Math.min(given.length(), best.length()) / 3);
        return bestD <= limit && bestD > 0 ? best : null;
    }

    /** A value as a message shows it: long ones cut, so a 5,000-character name does not flood the terminal. */
    static String clip(String v) {
        return v.length() > SHOWN ? v.substring(0, SHOWN - 3) + "..." : v;
    }
}

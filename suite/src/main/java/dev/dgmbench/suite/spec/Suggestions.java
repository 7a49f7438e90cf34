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

    /**
     * The candidate closest to {@code given} (case-insensitive), if it is within a third of the length (at least 2).
     * Of candidates equally close, the one sharing the longest beginning wins ({@code kll}: {@code kl}, not
     * {@code nll}): typos are likelier at the end of a word than at its start.
     */
    public static String closest(String given, Collection<String> candidates) {
        String best = null;
        int bestD = Integer.MAX_VALUE, bestPrefix = -1;
        String g = given.toLowerCase(Locale.ROOT);
        for (String c : candidates) {
            String lc = c.toLowerCase(Locale.ROOT);
            int d = LevenshteinDistance.getDefaultInstance().apply(g, lc);
            int prefix = commonPrefix(g, lc);
            if (d < bestD || (d == bestD && prefix > bestPrefix)) {
                bestD = d;
                bestPrefix = prefix;
                best = c;
            }
        }
        if (best == null) return null;
        int limit = Math.max(2, Math.min(given.length(), best.length()) / 3);
        return bestD <= limit && bestD > 0 ? best : null;
    }

    private static int commonPrefix(String a, String b) {
        int n = 0;
        while (n < a.length() && n < b.length() && a.charAt(n) == b.charAt(n)) n++;
        return n;
    }

    /** A value as a message shows it: long ones cut, so a 5,000-character name does not flood the terminal. */
    public static String clip(String v) {
        return v.length() > SHOWN ? v.substring(0, SHOWN - 3) + "..." : v;
    }
}

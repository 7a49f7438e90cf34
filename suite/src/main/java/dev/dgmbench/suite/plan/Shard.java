package dev.dgmbench.suite.plan;

import dev.dgmbench.results.BadInputException;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One share of a plan for one of {@code count} machines or processes: 1-based {@code index} of {@code count}.
 * Run k (0-based, in plan order) belongs to shard {@code (k mod count) + 1}, so shards are disjoint, their union is
 * the plan, and neighbouring (similar-cost) runs spread over the shards.
 */
public record Shard(int index, int count) {
    public static final Shard ALL = new Shard(1, 1);
    private static final Pattern FORM = Pattern.compile("\\s*(\\d{1,9})\\s*/\\s*(\\d{1,9})\\s*");
    private static final String ALLOWED = "allowed: i/n with 1 <= i <= n, e.g. 1/4 (the first of four shares)";

    public Shard {
        if (count < 1) throw new BadInputException("--shard: n = " + count + " is out of range; " + ALLOWED);
        if (index < 1 || index > count) {
            throw new BadInputException("--shard: " + index + "/" + count + " is out of range; " + ALLOWED);
        }
    }

    /** Parses {@code i/n}; the message of the IllegalArgumentException says what was wrong and what is allowed. */
    public static Shard parse(String text) {
        if (text == null || text.isBlank()) throw new BadInputException("--shard: empty value; " + ALLOWED);
        Matcher m = FORM.matcher(text);
        if (!m.matches()) throw new BadInputException("--shard: '" + text + "' is not of the form i/n; " + ALLOWED);
        return new Shard(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    /** Whether the run at 0-based position {@code k} of the full plan belongs to this shard. */
    public boolean contains(int k) {
        return k % count == index - 1;
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}

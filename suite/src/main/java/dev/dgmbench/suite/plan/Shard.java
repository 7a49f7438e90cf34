package dev.dgmbench.suite.plan;

import dev.dgmbench.results.BadInputException;

import java.util.Map;
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
    private static final Pattern AUTO = Pattern.compile("\\s*auto\\s*(?:/\\s*(\\d{1,9})\\s*)?");
    private static final String ALLOWED = "allowed: i/n with 1 <= i <= n, e.g. 1/4 (the first of four shares),"
            + " or auto / auto/N (from the scheduler: " + SchedulerShard.LOOKED_FOR + ")";

    public Shard {
        check(index, count, "--shard");
    }

    /** A shard whose range error names where the numbers came from ({@code source}: an option or a variable). */
    Shard(int index, int count, String source) {
        this(check(index, count, source), count);
    }

    private static int check(int index, int count, String source) {
        if (count < 1) throw new BadInputException(source + ": n = " + count + " is out of range; " + ALLOWED);
        if (index < 1 || index > count) {
            throw new BadInputException(source + ": shard " + index + "/" + count + " is out of range; " + ALLOWED);
        }
        return index;
    }

    /** Parses {@code i/n}; the message of the BadInputException says what was wrong and what is allowed. */
    public static Shard parse(String text) {
        return parse(text, "--shard");
    }

    static Shard parse(String text, String source) {
        if (text == null || text.isBlank()) throw new BadInputException(source + ": empty value; " + ALLOWED);
        Matcher m = FORM.matcher(text);
        if (!m.matches()) throw new BadInputException(source + ": '" + text + "' is not of the form i/n; " + ALLOWED);
        return new Shard(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), source);
    }

    /**
     * The value of {@code --shard}: absent is the whole plan, {@code i/n} a fixed share, {@code auto} or
     * {@code auto/N} the share an array-job scheduler gives this process through {@code env} ({@link SchedulerShard}).
     */
    public static Shard resolve(String option, Map<String, String> env) {
        if (option == null) return ALL;
        Matcher auto = AUTO.matcher(option);
        if (auto.matches()) return SchedulerShard.from(env, auto.group(1) == null ? null : Integer.parseInt(auto.group(1)));
        return parse(option);
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

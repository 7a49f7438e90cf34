package dev.dgmbench.stats;

import java.util.Optional;

/**
 * The one rule for the interval of a mean over seeds, used by every table (study report, claims, terminal), so the
 * same numbers always get the same interval (docs/validity.md, "Intervals"):
 *
 * <ul>
 *   <li>fewer than {@value #BOOTSTRAP_MIN_N} values, or a metric without a range bound: the Student t interval
 *       (exact coverage for normal values at any n >= 2), cut to the metric's range when it has one; the true mean
 *       lies inside the range, so cutting never loses coverage;</li>
 *   <li>{@value #BOOTSTRAP_MIN_N} values or more of a bounded metric (skewed: distances, rates, timings): the
 *       percentile bootstrap ({@value Bootstrap#DEFAULT_RESAMPLES} seeded resamples), which follows the skew. Below
 *       that n it is too narrow: with 2-5 values it is about [min, max] (coverage 50-90%, not 95%).</li>
 * </ul>
 *
 * With fewer than {@value #WARN_BELOW_N} values the interval exists but rests on one degree of freedom
 * ({@link #warning}).
 */
public final class MeanInterval {
    /** Fewest values for the percentile bootstrap (coverage within 93-97% for normal values; MeanIntervalTest). */
    public static final int BOOTSTRAP_MIN_N = 30;
    /** Fewer values than this draw a warning. */
    public static final int WARN_BELOW_N = 3;
    /** Fixed bootstrap seed: the same values always give the same interval. */
    static final long SEED = 20_240_601L;

    private MeanInterval() {
    }

    /**
     * The 95% interval of the mean of {@code values} (at least two, finite) for a metric whose values lie in
     * [{@code lowerBound}, {@code upperBound}] (infinite bounds for none).
     */
    public static Bootstrap.Interval of(double[] values, double lowerBound, double upperBound) {
        return of(values, Bootstrap.DEFAULT_LEVEL, lowerBound, upperBound);
    }

    public static Bootstrap.Interval of(double[] values, double level, double lowerBound, double upperBound) {
        boolean bounded = Double.isFinite(lowerBound) || Double.isFinite(upperBound);
        if (bounded && values.length >= BOOTSTRAP_MIN_N) {
            return Bootstrap.percentileMeanCi(values, level, Bootstrap.DEFAULT_RESAMPLES, SEED);
        }
        Bootstrap.Interval t = Bootstrap.tMeanCi(values, level);
        if (!bounded) return t;
        double lo = Math.min(Math.max(t.lower(), lowerBound), upperBound);
        double hi = Math.max(Math.min(t.upper(), upperBound), lowerBound);
        return new Bootstrap.Interval(lo, hi, level, t.method());
    }

    /** The method {@link #of} uses for {@code n} values: "t" or "bootstrap-percentile". */
    public static String method(int n, boolean bounded) {
        return bounded && n >= BOOTSTRAP_MIN_N ? "bootstrap-percentile" : "t";
    }

    /** Why an interval of {@code n} values is weak, or empty when it is not. */
    public static Optional<String> warning(int n) {
        if (n >= WARN_BELOW_N || n < 2) return Optional.empty();
        return Optional.of("n = " + n + ": the 95% interval rests on " + (n - 1) + " degree of freedom (t = 12.7);"
                + " use at least " + WARN_BELOW_N + " seeds");
    }
}

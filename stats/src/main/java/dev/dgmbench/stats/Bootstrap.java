package dev.dgmbench.stats;

import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.random.MersenneTwister;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;
import org.apache.commons.math3.stat.descriptive.rank.Percentile.EstimationType;
import org.apache.commons.math3.stat.descriptive.moment.StandardDeviation;

/**
 * Confidence intervals for the mean: the bootstrap percentile interval and the classical t interval.
 *
 * <p>The bootstrap uses commons-math's Mersenne Twister seeded with the caller's long, so the same data, seed and
 * number of resamples always give the same interval (the library version is pinned by the build).
 */
public final class Bootstrap {
    /** Resamples used when the caller does not say. */
    public static final int DEFAULT_RESAMPLES = 10_000;
    /** Confidence level used when the caller does not say. */
    public static final double DEFAULT_LEVEL = 0.95;

    /** A two-sided interval at {@code level}; {@code method} is "bootstrap-percentile" or "t". */
    public record Interval(double lower, double upper, double level, String method) {
        public Interval {
            if (lower > upper) {
                throw new IllegalArgumentException("lower " + lower + " > upper " + upper);
            }
        }

        public boolean contains(double x) {
            return x >= lower && x <= upper;
        }
    }

    private Bootstrap() {
    }

    /** 95% percentile bootstrap CI of the mean with {@value #DEFAULT_RESAMPLES} resamples. */
    public static Interval percentileMeanCi(double[] values, long seed) {
        return percentileMeanCi(values, DEFAULT_LEVEL, DEFAULT_RESAMPLES, seed);
    }

    /**
     * Percentile bootstrap CI of the mean: resample {@code values} with replacement {@code resamples} times and take
     * the (1-level)/2 and (1+level)/2 quantiles (type-7, linear interpolation) of the resampled means. With one value
     * every resample equals it, so the interval is [x, x].
     */
    public static Interval percentileMeanCi(double[] values, double level, int resamples, long seed) {
        InputChecks.finite(values, "values");
        InputChecks.atLeast(values, 1, "values", "a bootstrap interval");
        InputChecks.level(level);
        if (resamples < 1) {
            throw new IllegalArgumentException("resamples must be >= 1, got " + resamples);
        }
        int n = values.length;
        if (n == 1) {
            return new Interval(values[0], values[0], level, "bootstrap-percentile");
        }
        RandomGenerator rng = new MersenneTwister(seed);
        double[] means = new double[resamples];
        for (int b = 0; b < resamples; b++) {
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += values[rng.nextInt(n)];
            }
            means[b] = s / n;
        }
        Percentile q = new Percentile().withEstimationType(EstimationType.R_7);
        q.setData(means);
        double alpha = 1 - level;
        return new Interval(q.evaluate(100 * alpha / 2), q.evaluate(100 * (1 - alpha / 2)), level,
                "bootstrap-percentile");
    }

    /**
     * Student t CI of the mean: mean +- t_{(1+level)/2, n-1} * sd / sqrt(n). Needs at least two values because the
     * sample sd is undefined for one.
     */
    public static Interval tMeanCi(double[] values, double level) {
        InputChecks.finite(values, "values");
        InputChecks.atLeast(values, 2, "values", "a t interval");
        InputChecks.level(level);
        int n = values.length;
        double mean = InputChecks.mean(values);
        double sd = new StandardDeviation(true).evaluate(values);
        if (sd == 0) {
            return new Interval(mean, mean, level, "t");
        }
        double half = new TDistribution(null, n - 1).inverseCumulativeProbability((1 + level) / 2) * sd / Math.sqrt(n);
        return new Interval(mean - half, mean + half, level, "t");
    }
}

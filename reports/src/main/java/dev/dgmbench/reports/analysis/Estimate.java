package dev.dgmbench.reports.analysis;

import dev.dgmbench.reports.render.NumberFormats;
import dev.dgmbench.results.Metric;
import dev.dgmbench.stats.Bootstrap;
import dev.dgmbench.stats.MeanInterval;

import java.util.Arrays;

/**
 * Mean over seeds with a 95% interval of the mean by the suite's one rule ({@link MeanInterval}: Student t cut to the
 * metric's range, the percentile bootstrap only for bounded metrics from {@value MeanInterval#BOOTSTRAP_MIN_N}
 * values on), the same interval the claims show. With one value the interval and sd are NaN (reported as n/a); with
 * none the mean is NaN too.
 *
 * @param method   "t" or "bootstrap-percentile" ("" when there is no interval)
 * @param values   the per-seed values, in seed order
 */
public record Estimate(int n, double mean, double sd, double ciLow, double ciHigh, String method, double[] values) {
    public static final double LEVEL = Bootstrap.DEFAULT_LEVEL;

    /** A t interval (no range bound). */
    public static Estimate of(double[] values) {
        return of(values, Metric.Range.ANY);
    }

    public static Estimate of(double[] values, Metric.Range range) {
        int n = values.length;
        if (n == 0) return new Estimate(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, "", values);
        double mean = Arrays.stream(values).sum() / n;
        if (n == 1) return new Estimate(1, mean, Double.NaN, Double.NaN, Double.NaN, "", values.clone());
        double ss = 0;
        for (double v : values) ss += (v - mean) * (v - mean);
        Bootstrap.Interval ci = MeanInterval.of(values, LEVEL, range.lowerBound(), range.upperBound());
        return new Estimate(n, mean, Math.sqrt(ss / (n - 1)), ci.lower(), ci.upper(), ci.method(), values.clone());
    }

    /** Why the interval is weak (too few seeds), or null. */
    public String warning() {
        return MeanInterval.warning(n).orElse(null);
    }

    /** Half-width of the interval (0 when it is undefined), for error bars. */
    public double halfWidth() {
        return Double.isFinite(ciHigh) ? (ciHigh - ciLow) / 2 : 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Estimate e && n == e.n && Double.compare(mean, e.mean) == 0 && Arrays.equals(values, e.values);
    }

    @Override
    public int hashCode() {
        return 31 * Double.hashCode(mean) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return ci(this) + " (n=" + n + ")";
    }

    /** {@code mean [low, high]} as the tables show it; "–" for no estimate. */
    public static String ci(Estimate e) {
        if (e == null) return "–";
        return NumberFormats.ci(e.mean(), e.ciLow(), e.ciHigh()) + (e.warning() != null ? " †" : "");
    }
}

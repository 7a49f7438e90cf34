package dev.dgmbench.reports;

import org.apache.commons.math3.distribution.TDistribution;

import java.util.Arrays;

/**
 * Mean over seeds with a 95% Student-t interval of the mean: {@code mean ± t(0.975, n-1) · sd / sqrt(n)}.
 * With one value the interval and sd are NaN (reported as n/a); with none the mean is NaN too.
 *
 * @param values the per-seed values, in seed order
 */
public record Estimate(int n, double mean, double sd, double ciLow, double ciHigh, double[] values) {
    public static final double LEVEL = 0.95;

    public static Estimate of(double[] values) {
        int n = values.length;
        if (n == 0) return new Estimate(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, values);
        double sum = 0;
        for (double v : values) sum += v;
        double mean = sum / n;
        if (n == 1) return new Estimate(1, mean, Double.NaN, Double.NaN, Double.NaN, values.clone());
        double ss = 0;
        for (double v : values) ss += (v - mean) * (v - mean);
        double sd = Math.sqrt(ss / (n - 1));
        double t = new TDistribution(null, n - 1).inverseCumulativeProbability(0.5 + LEVEL / 2);
        double half = t * sd / Math.sqrt(n);
        return new Estimate(n, mean, sd, mean - half, mean + half, values.clone());
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
        return Fmt.ci(this) + " (n=" + n + ")";
    }
}

package dev.dgmbench.reports;

/**
 * Limits beyond which a comparison reports a {@link Regression}; null switches a check off.
 *
 * @param maxRelativeMetricDrift largest allowed {@code |candidate - baseline| / |baseline|} of any metric of any
 *                               matched run, e.g. 0.05 for 5%
 * @param maxSlowdown            largest allowed slowdown factor of the candidate against the baseline, e.g. 1.25;
 *                               checked on the geometric mean over grid points of each timing and on each JMH
 *                               benchmark
 */
public record CompareThresholds(Double maxRelativeMetricDrift, Double maxSlowdown) {
    public CompareThresholds {
        if (maxRelativeMetricDrift != null && !(maxRelativeMetricDrift >= 0)) {
            throw new IllegalArgumentException("maxRelativeMetricDrift must be >= 0, got " + maxRelativeMetricDrift);
        }
        if (maxSlowdown != null && !(maxSlowdown >= 1)) {
            throw new IllegalArgumentException("maxSlowdown must be >= 1 (a factor, 1.25 = 25% slower), got " + maxSlowdown);
        }
    }

    /** No checks: the comparison reports differences but never a regression (except newly failed runs). */
    public static CompareThresholds none() {
        return new CompareThresholds(null, null);
    }

    /** 5% metric drift, 1.25x slowdown. */
    public static CompareThresholds defaults() {
        return new CompareThresholds(0.05, 1.25);
    }
}

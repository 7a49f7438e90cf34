package dev.dgmbench.reports;

import dev.dgmbench.results.Metric.Family;

import java.util.EnumMap;
import java.util.Map;

/**
 * Limits beyond which a comparison reports a {@link Regression}; a missing (null) limit switches that check off.
 *
 * @param maxDrift    largest allowed {@code |candidate - baseline| / |baseline|} of a metric in any matched run, per
 *                    metric family (likelihoods agree to rounding between backends, sample metrics move by percent)
 * @param maxSlowdown largest allowed slowdown factor (1.25 = 25% slower) of a timing's geometric-mean ratio over the
 *                    matched runs; a slowdown counts only when it is also significant at {@code alpha}
 * @param alpha       significance level of the tests (two-sided)
 */
public record CompareThresholds(Map<Family, Double> maxDrift, Double maxSlowdown, double alpha) {
    /**
     * Default drift limits (docs/reports.md explains them): likelihoods 0.1% (reruns are bit-identical and backends
     * agree to about 1e-4), training terms 1% (the optimisation path amplifies rounding), the NCE classifier 2%,
     * sample metrics 10% (Monte Carlo estimates on a few hundred images, percent-level moves), sampler diagnostics
     * 25% (SIR's ESS and MALA's acceptance hinge on a few codes). Counts are fixed by the spec and not checked.
     */
    public static final Map<Family, Double> DEFAULT_DRIFT = Map.of(Family.LIKELIHOOD, 0.001, Family.TRAINING, 0.01,
            Family.CLASSIFIER, 0.02, Family.SAMPLE, 0.10, Family.SAMPLER_DIAGNOSTIC, 0.25);
    public static final double DEFAULT_SLOWDOWN = 1.25, DEFAULT_ALPHA = 0.05;

    public CompareThresholds {
        maxDrift = maxDrift == null ? Map.of() : Map.copyOf(maxDrift);
        for (Map.Entry<Family, Double> e : maxDrift.entrySet()) {
            if (!(e.getValue() >= 0)) {
                throw new IllegalArgumentException("the drift limit of " + e.getKey() + " must be >= 0 (0.05 = 5%), got " + e.getValue());
            }
        }
        if (maxSlowdown != null && !(maxSlowdown >= 1)) {
            throw new IllegalArgumentException("maxSlowdown must be >= 1 (a factor, 1.25 = 25% slower), got " + maxSlowdown);
        }
        if (!(alpha > 0 && alpha < 1)) throw new IllegalArgumentException("alpha must be in (0, 1), got " + alpha);
    }

    /** One drift limit for every family but counts (null: no drift check), and a slowdown factor (null: none). */
    public CompareThresholds(Double maxRelativeMetricDrift, Double maxSlowdown) {
        this(everyFamily(maxRelativeMetricDrift), maxSlowdown, DEFAULT_ALPHA);
    }

    /** No checks: the comparison reports differences but never a regression (except newly failed runs). */
    public static CompareThresholds none() {
        return new CompareThresholds(Map.of(), null, DEFAULT_ALPHA);
    }

    /** The per-family drift limits of {@link #DEFAULT_DRIFT} and a significant 1.25x slowdown. */
    public static CompareThresholds defaults() {
        return new CompareThresholds(DEFAULT_DRIFT, DEFAULT_SLOWDOWN, DEFAULT_ALPHA);
    }

    /** The defaults with the given overrides: a drift limit for every family and/or a slowdown factor. */
    public static CompareThresholds defaultsWith(Double maxRelativeMetricDrift, Double maxSlowdown) {
        return new CompareThresholds(maxRelativeMetricDrift == null ? DEFAULT_DRIFT : everyFamily(maxRelativeMetricDrift),
                maxSlowdown == null ? DEFAULT_SLOWDOWN : maxSlowdown, DEFAULT_ALPHA);
    }

    /** The drift limit of a family, or null when drift of that family is not checked. */
    public Double driftLimit(Family family) {
        return maxDrift.get(family);
    }

    private static Map<Family, Double> everyFamily(Double limit) {
        Map<Family, Double> m = new EnumMap<>(Family.class);
        if (limit == null) return m;
        for (Family f : Family.values()) if (f != Family.COUNT && f != Family.SPEED) m.put(f, limit);
        return m;
    }
}

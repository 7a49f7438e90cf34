package dev.dgmbench.reports.compare;

import dev.dgmbench.reports.analysis.FolderAgreement;
import dev.dgmbench.reports.analysis.MetricNames;
import dev.dgmbench.results.BadInputException;
import dev.dgmbench.results.Metric.Family;
import dev.dgmbench.results.Metric;

import java.util.EnumMap;
import java.util.Map;

/**
 * Limits beyond which a comparison reports a {@link Regression}; a missing (null) limit switches that check off.
 *
 * @param maxDrift    largest allowed {@code |candidate - baseline| / |baseline|} of a metric in any matched run, per
 *                    metric family (likelihoods agree to rounding between backends, sample metrics move by percent);
 *                    descriptive metrics (counts, standard errors, KID's sd) are shown but not checked
 * @param samplerDrift a looser limit for every checked metric of a sampler, by sampler name (SIR resamples a few
 *                    codes, so one flipped choice moves its sample metrics by tens of percent)
 * @param maxSlowdown largest allowed slowdown factor (1.25 = 25% slower) of a timing's geometric-mean ratio over the
 *                    matched runs; a slowdown counts only when it is also significant at {@code alpha} after Holm's
 *                    correction over the timings and its whole 95% interval lies beyond the factor
 * @param alpha       significance level of the tests (two-sided)
 * @param driftCheck  what counts as a drift regression: each run against {@code maxDrift} ({@link DriftCheck#RUNS}),
 *                    or only the study's conclusions ({@link DriftCheck#CONCLUSIONS})
 */
public record CompareThresholds(Map<Family, Double> maxDrift, Map<String, Double> samplerDrift, Double maxSlowdown,
                                double alpha, DriftCheck driftCheck) {
    /**
     * {@code RUNS}: a metric of any matched run beyond its family's limit is a regression (a rerun, a new commit on
     * one backend). {@code CONCLUSIONS}: for backends or engines whose long trainings part ways run by run, only a
     * claim judged otherwise, or a model metric whose grid-point means differ beyond their 95% chance level, is one
     * ({@link FolderAgreement}); the per-run drift is still shown.
     */
    public enum DriftCheck { RUNS, CONCLUSIONS }

    /**
     * Default drift limits, from the spread measured between three CPU backends on the quick study
     * (docs/results/quick-backends, 6 runs; docs/reports.md): likelihoods 0.1% (largest seen 0.066%, NLL under
     * the NCE prior), training terms 2% (0.75%, KL), the NCE classifier 10% (3%, its loss), sample metrics 25%
     * (17%, class KL of Langevin samples: a KL near zero), sampler diagnostics 10% (4.7%, SIR's ESS). Reruns on one
     * backend are bit-identical, so any drift between them exceeds these.
     */
    public static final Map<Family, Double> DEFAULT_DRIFT = Map.of(Family.LIKELIHOOD, 0.001, Family.TRAINING, 0.02,
            Family.CLASSIFIER, 0.10, Family.SAMPLE, 0.25, Family.SAMPLER_DIAGNOSTIC, 0.10);
    /** SIR's sample metrics moved by up to 34% (KID) between backends. */
    public static final Map<String, Double> DEFAULT_SAMPLER_DRIFT = Map.of("sir", 0.5);
    public static final double DEFAULT_SLOWDOWN = 1.25, DEFAULT_ALPHA = 0.05;

    public CompareThresholds {
        driftCheck = driftCheck == null ? DriftCheck.RUNS : driftCheck;
        maxDrift = maxDrift == null ? Map.of() : Map.copyOf(maxDrift);
        samplerDrift = samplerDrift == null ? Map.of() : Map.copyOf(samplerDrift);
        for (Map.Entry<Family, Double> e : maxDrift.entrySet()) {
            if (!(e.getValue() >= 0)) {
                throw new BadInputException("the drift limit of " + e.getKey() + " must be >= 0 (0.05 = 5%), got " + e.getValue());
            }
        }
        if (maxSlowdown != null && !(maxSlowdown >= 1)) {
            throw new BadInputException("maxSlowdown must be >= 1 (a factor, 1.25 = 25% slower), got " + maxSlowdown);
        }
        if (!(alpha > 0 && alpha < 1)) throw new BadInputException("alpha must be in (0, 1), got " + alpha);
    }

    /** Drift checked run by run. */
    public CompareThresholds(Map<Family, Double> maxDrift, Map<String, Double> samplerDrift, Double maxSlowdown, double alpha) {
        this(maxDrift, samplerDrift, maxSlowdown, alpha, DriftCheck.RUNS);
    }

    /** These thresholds with drift judged by {@code check}. */
    public CompareThresholds withDriftCheck(DriftCheck check) {
        return new CompareThresholds(maxDrift, samplerDrift, maxSlowdown, alpha, check);
    }

    /** These thresholds with another slowdown factor (null: speed differences are findings, never regressions). */
    public CompareThresholds withMaxSlowdown(Double factor) {
        return new CompareThresholds(maxDrift, samplerDrift, factor, alpha, driftCheck);
    }

    /** One drift limit for every family but counts (null: no drift check), and a slowdown factor (null: none). */
    public CompareThresholds(Double maxRelativeMetricDrift, Double maxSlowdown) {
        this(everyFamily(maxRelativeMetricDrift), Map.of(), maxSlowdown, DEFAULT_ALPHA);
    }

    /** No checks: the comparison reports differences but never a regression (except newly failed runs). */
    public static CompareThresholds none() {
        return new CompareThresholds(Map.of(), Map.of(), null, DEFAULT_ALPHA);
    }

    /** The per-family drift limits of {@link #DEFAULT_DRIFT} and a significant 1.25x slowdown. */
    public static CompareThresholds defaults() {
        return new CompareThresholds(DEFAULT_DRIFT, DEFAULT_SAMPLER_DRIFT, DEFAULT_SLOWDOWN, DEFAULT_ALPHA);
    }

    /** The defaults with the given overrides: a drift limit for every family and/or a slowdown factor. */
    public static CompareThresholds defaultsWith(Double maxRelativeMetricDrift, Double maxSlowdown) {
        return maxRelativeMetricDrift == null
                ? new CompareThresholds(DEFAULT_DRIFT, DEFAULT_SAMPLER_DRIFT, maxSlowdown == null ? DEFAULT_SLOWDOWN : maxSlowdown, DEFAULT_ALPHA)
                : new CompareThresholds(everyFamily(maxRelativeMetricDrift), Map.of(), maxSlowdown == null ? DEFAULT_SLOWDOWN : maxSlowdown, DEFAULT_ALPHA);
    }

    /** The drift limit of a family, or null when drift of that family is not checked. */
    public Double driftLimit(Family family) {
        return maxDrift.get(family);
    }

    /**
     * The drift limit of a flattened metric ({@code model.nll}, {@code sir.kid}) of the given family and
     * claimability: null for descriptive metrics and unchecked families; a sampler's own limit when it has one.
     */
    public Double driftLimit(String flatName, Family family, boolean checked) {
        Double limit = checked ? maxDrift.get(family) : null;
        if (limit == null) return null;
        int dot = flatName.indexOf('.');
        Double sampler = dot < 0 ? null : samplerDrift.get(flatName.substring(0, dot));
        return sampler != null ? Math.max(limit, sampler) : limit;
    }

    private static Map<Family, Double> everyFamily(Double limit) {
        Map<Family, Double> m = new EnumMap<>(Family.class);
        if (limit == null) return m;
        for (Family f : Family.values()) if (f != Family.COUNT && f != Family.SPEED) m.put(f, limit);
        return m;
    }

    /** The drift limit of a flattened metric; metrics the catalogue does not know count as checked sample metrics. */
    public Double driftLimitOf(String flat) {
        Metric m = MetricNames.metricOf(flat).orElse(null);
        return m == null ? driftLimit(flat, Metric.Family.SAMPLE, true) : driftLimit(flat, m.family(), m.claimable());
    }
}

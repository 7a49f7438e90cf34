package dev.dgmbench.results;

/**
 * One metric a run records: its name in {@code metrics.json}, where it lives, which direction is better, its unit
 * and label for reports, its family (which sets how much two backends may drift apart on it), and whether it
 * needs the NCE prior. The full list is {@link MetricCatalogue}.
 *
 * @param name      key in metrics.json ({@code model.<name>} or {@code <sampler>.<name>})
 * @param scope     whether one value per run (MODEL) or one per run and sampler (SAMPLER)
 * @param better    which direction is better, or NEITHER for counts and descriptive numbers
 * @param unit      unit for axes and tables ("nats", "" for unitless)
 * @param label     short label for reports
 * @param family    drift family for comparisons
 * @param needsNce  whether the metric exists only when the NCE prior was trained
 * @param claimable whether a claim may test it (descriptive counts may not)
 * @param range     the values it can take, so that intervals and axes stay inside them
 */
public record Metric(String name, Scope scope, Better better, String unit, String label, Family family,
                     boolean needsNce, boolean claimable, Range range) {

    /** A metric without a known range bound. */
    public Metric(String name, Scope scope, Better better, String unit, String label, Family family,
                  boolean needsNce, boolean claimable) {
        this(name, scope, better, unit, label, family, needsNce, claimable, Range.ANY);
    }

    /** TIMING: a duration in seconds (lower is better) or a rate per second (higher is better) of one run. */
    public enum Scope { MODEL, SAMPLER, TIMING }

    /**
     * Values a metric can take. Intervals of a bounded metric's mean are cut to its range (a t interval crossed
     * zero for ESS, KID and speeds); see {@code dev.dgmbench.stats.MeanInterval}.
     */
    public enum Range {
        ANY, NON_NEGATIVE, UNIT_INTERVAL;

        public boolean bounded() {
            return this != ANY;
        }

        public double lowerBound() {
            return this == ANY ? Double.NEGATIVE_INFINITY : 0;
        }

        public double upperBound() {
            return this == UNIT_INTERVAL ? 1 : Double.POSITIVE_INFINITY;
        }
    }

    public enum Better { LOWER, HIGHER, NEITHER }

    /**
     * How tightly a metric is expected to agree between two backends or reruns of the same spec: likelihoods are
     * sums of many well-conditioned terms (rounding only), training-loss terms carry the optimisation path, sample
     * metrics are Monte Carlo estimates on a few hundred images, and SIR resamples a few codes.
     */
    public enum Family { LIKELIHOOD, TRAINING, CLASSIFIER, SAMPLE, SAMPLER_DIAGNOSTIC, COUNT, SPEED }

    /** "lower is better" and the like, for axis titles and table headers. */
    public String betterText() {
        return switch (better) {
            case LOWER -> "lower is better";
            case HIGHER -> "higher is better";
            case NEITHER -> "";
        };
    }

    /** Whether the metric is a constant of the spec rather than a result (counts): not worth a chart. */
    public boolean descriptive() {
        return family == Family.COUNT;
    }

    /** The label with its unit, e.g. "NLL (nats)". */
    public String labelWithUnit() {
        return unit.isEmpty() ? label : label + " (" + unit + ")";
    }

    /** An axis title: label, unit and direction, e.g. "NLL (nats), lower is better". */
    public String axisTitle() {
        return better == Better.NEITHER ? labelWithUnit() : labelWithUnit() + ", " + betterText();
    }
}

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
 */
public record Metric(String name, Scope scope, Better better, String unit, String label, Family family,
                     boolean needsNce, boolean claimable) {

    public enum Scope { MODEL, SAMPLER }

    public enum Better { LOWER, HIGHER, NEITHER }

    /**
     * How tightly a metric is expected to agree between two backends or reruns of the same spec: likelihoods are
     * sums of many well-conditioned terms (rounding only), training-loss terms carry the optimisation path, sample
     * metrics are Monte Carlo estimates on a few hundred images, and SIR resamples a few codes.
     */
    public enum Family { LIKELIHOOD, TRAINING, CLASSIFIER, SAMPLE, SAMPLER_DIAGNOSTIC, COUNT }

    /** "lower is better" and the like, for axis titles and table headers. */
    public String betterText() {
        return switch (better) {
            case LOWER -> "lower is better";
            case HIGHER -> "higher is better";
            case NEITHER -> "";
        };
    }

    /** The label with its unit, e.g. "NLL (nats)". */
    public String labelWithUnit() {
        return unit.isEmpty() ? label : label + " (" + unit + ")";
    }
}

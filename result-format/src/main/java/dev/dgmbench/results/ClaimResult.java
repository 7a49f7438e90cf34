package dev.dgmbench.results;

import java.util.List;

/**
 * The verdict on one claim (or one slice of it, e.g. per latent size) with its evidence.
 *
 * @param id          claim id, with the slice appended, e.g. {@code kl-grows-with-beta[model.latent=50]}
 * @param text        what the study claimed, in its words
 * @param metric      the metric compared
 * @param direction   what was claimed: {@code A > B} or {@code A < B}
 * @param test        the statistical test (welch, mann-whitney, paired-t, wilcoxon-paired)
 * @param alpha       significance level
 * @param minEffect   minimum |effect size| required for a verdict other than INCONCLUSIVE (0 = none)
 * @param a           evidence of the group claimed to be higher (or lower, see direction)
 * @param b           evidence of the other group
 * @param pValue      one-sided p-value in the claimed direction; the opposite direction is {@code pOpposite}
 * @param effectSize  effect size of A against B
 * @param effectName  e.g. hedges_g or cliffs_delta
 * @param verdict     SUPPORTED, REFUTED, INCONCLUSIVE or NOT_EVALUATED
 * @param expected    the verdict the user expects, or null
 * @param note        why NOT_EVALUATED, failed runs left out, and similar
 * @param correction  the multiplicity correction over the study's claims: holm, benjamini-hochberg or none
 * @param family      how many tests the correction counted (the study's evaluated claim slices)
 * @param pAdjusted   {@code pValue} after the correction; the verdict is decided on the adjusted values
 * @param pOppositeAdjusted {@code pOpposite} after the correction
 * @param warnings    sanity warnings on the runs of either group (posterior collapse, stopped at the epoch cap, ...;
 *                    docs/validity.md), each naming the runs it concerns; empty when none
 */
public record ClaimResult(String id, String text, String metric, String direction, String test, double alpha,
                          double minEffect, GroupEvidence a, GroupEvidence b, double pValue, double pOpposite,
                          double effectSize, String effectName, Verdict verdict, Verdict expected, String note,
                          String correction, int family, double pAdjusted, double pOppositeAdjusted,
                          List<String> warnings) {

    /** Read from a claims.json of before the correction (no {@code correction}): the adjusted p are the raw ones. */
    public ClaimResult {
        if (correction == null) {
            correction = "none";
            family = 1;
            pAdjusted = pValue;
            pOppositeAdjusted = pOpposite;
        }
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    /** One claim on its own, without correction or warnings. */
    public ClaimResult(String id, String text, String metric, String direction, String test, double alpha,
                       double minEffect, GroupEvidence a, GroupEvidence b, double pValue, double pOpposite,
                       double effectSize, String effectName, Verdict verdict, Verdict expected, String note) {
        this(id, text, metric, direction, test, alpha, minEffect, a, b, pValue, pOpposite, effectSize, effectName,
                verdict, expected, note, null, 0, Double.NaN, Double.NaN, List.of());
    }

    public enum Verdict { SUPPORTED, REFUTED, INCONCLUSIVE, NOT_EVALUATED }

    /** How the verdict stands against the expectation; NONE when the spec sets no {@code expect}. */
    public enum Expectation { MET, MISSED, NONE }

    /** A claim "passes" when it got the verdict the user expects (or, with none expected, was SUPPORTED). */
    public boolean meetsExpectation() {
        return verdict == (expected == null ? Verdict.SUPPORTED : expected);
    }

    /**
     * MET or MISSED against an explicit {@code expect}; NONE without one, which reports show neutrally and which
     * never fails {@code verify}.
     */
    public Expectation expectation() {
        if (expected == null) return Expectation.NONE;
        return verdict == expected ? Expectation.MET : Expectation.MISSED;
    }

    /**
     * @param label  the group's selector, e.g. {@code model.beta=1.0, sampler=prior}
     * @param values the per-seed values in seed order
     * @param seeds  the seeds of those values
     */
    public record GroupEvidence(String label, int n, double mean, double sd, double ciLow, double ciHigh,
                                double[] values, long[] seeds) {
    }
}

package dev.dgmbench.stats;

import java.util.Arrays;

import org.apache.commons.math3.special.Gamma;
import org.apache.commons.math3.stat.descriptive.moment.Variance;

/**
 * Standardised effect sizes of group A relative to group B (positive means A tends to be larger).
 *
 * <p>When both groups have zero variance the standardised difference is 0 for equal means and +-infinity otherwise:
 * the difference is certain, and any finite number would understate it.
 */
public final class EffectSize {
    private EffectSize() {
    }

    /** Cohen's d: (mean A - mean B) / pooled sd, pooled with n-1 weights. Needs two values per group. */
    public static double cohensD(double[] a, double[] b) {
        InputChecks.finite(a, "a");
        InputChecks.finite(b, "b");
        InputChecks.atLeast(a, 2, "group A", "Cohen's d");
        InputChecks.atLeast(b, 2, "group B", "Cohen's d");
        double diff = InputChecks.mean(a) - InputChecks.mean(b);
        Variance v = new Variance(true);
        int df = a.length + b.length - 2;
        double pooled = Math.sqrt(((a.length - 1) * v.evaluate(a) + (b.length - 1) * v.evaluate(b)) / df);
        return standardise(diff, pooled);
    }

    /**
     * Hedges' g: Cohen's d times the exact small-sample bias correction J(df) with df = nA + nB - 2, which removes
     * the upward bias of d for small groups (Hedges 1981).
     */
    public static double hedgesG(double[] a, double[] b) {
        double d = cohensD(a, b);
        return d * hedgesCorrection(a.length + b.length - 2);
    }

    /**
     * J(df) = Gamma(df/2) / (sqrt(df/2) Gamma((df-1)/2)); about 1 - 3/(4 df - 1). J(1) = 0 (its limit).
     */
    public static double hedgesCorrection(int df) {
        if (df < 1) {
            throw new IllegalArgumentException("degrees of freedom must be >= 1, got " + df);
        }
        if (df == 1) {
            return 0;
        }
        // log-gamma keeps large df from overflowing.
        return Math.exp(Gamma.logGamma(df / 2.0) - Gamma.logGamma((df - 1) / 2.0)) / Math.sqrt(df / 2.0);
    }

    /**
     * Cliff's delta: P(A > B) - P(A < B) over all nA*nB pairs, in [-1, 1]; ties count for neither. Sorting B lets
     * each a be placed with two binary searches, so large groups cost O((nA + nB) log nB).
     */
    public static double cliffsDelta(double[] a, double[] b) {
        InputChecks.finite(a, "a");
        InputChecks.finite(b, "b");
        InputChecks.atLeast(a, 1, "group A", "Cliff's delta");
        InputChecks.atLeast(b, 1, "group B", "Cliff's delta");
        double[] sorted = b.clone();
        Arrays.sort(sorted);
        long greater = 0;
        long less = 0;
        for (double x : a) {
            int below = lowerBound(sorted, x);
            int notAbove = upperBound(sorted, x);
            greater += below;
            less += sorted.length - notAbove;
        }
        return (double) (greater - less) / ((double) a.length * b.length);
    }

    static double standardise(double diff, double sd) {
        if (sd == 0) {
            return diff == 0 ? 0 : Math.copySign(Double.POSITIVE_INFINITY, diff);
        }
        return diff / sd;
    }

    /** Number of elements strictly less than x. */
    private static int lowerBound(double[] sorted, double x) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Number of elements less than or equal to x. */
    private static int upperBound(double[] sorted, double x) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}

package dev.dgmbench.stats;

import org.apache.commons.math3.distribution.TDistribution;

/**
 * Equivalence of two group means within a margin m by two one-sided Welch t-tests (TOST, Schuirmann 1987): with
 * d = mean(A) - mean(B), se = sqrt(sA^2/nA + sB^2/nB) and Welch-Satterthwaite degrees of freedom, H0 "d <= -m" is
 * rejected by p_low = P(T >= (d + m) / se) and H0 "d >= m" by p_high = P(T <= (d - m) / se); equivalence is shown
 * at level alpha when max(p_low, p_high) < alpha (the (1 - 2 alpha) interval of d lies inside (-m, m)). Its mirror,
 * {@code pBeyond} = P(T >= (|d| - m) / se), tests "|d| > m": below alpha the difference exceeds the margin.
 *
 * @param difference mean(A) - mean(B)
 * @param se         standard error of the difference
 * @param df         Welch-Satterthwaite degrees of freedom
 * @param pEquivalent max(p_low, p_high): small when |d| < m is shown
 * @param pBeyond    small when |d| > m is shown
 */
public record Equivalence(double difference, double se, double df, double margin, double pEquivalent, double pBeyond) {

    /** From group summaries (mean, sample sd, size); each group needs n >= 2. */
    public static Equivalence tost(double meanA, double sdA, int nA, double meanB, double sdB, int nB, double margin) {
        if (nA < 2 || nB < 2) throw new IllegalArgumentException("each group needs at least 2 values (" + nA + ", " + nB + ")");
        if (!(margin > 0)) throw new IllegalArgumentException("the margin must be > 0, got " + margin);
        double va = sdA * sdA / nA, vb = sdB * sdB / nB, d = meanA - meanB, se = Math.sqrt(va + vb);
        if (!(se > 0)) {
            // both groups constant: the difference is known exactly
            boolean inside = Math.abs(d) < margin;
            return new Equivalence(d, 0, Double.POSITIVE_INFINITY, margin, inside ? 0 : 1, Math.abs(d) > margin ? 0 : 1);
        }
        double df = (va + vb) * (va + vb) / (va * va / (nA - 1) + vb * vb / (nB - 1));
        TDistribution t = new TDistribution(null, df);
        double pLow = 1 - t.cumulativeProbability((d + margin) / se);
        double pHigh = t.cumulativeProbability((d - margin) / se);
        double pBeyond = 1 - t.cumulativeProbability((Math.abs(d) - margin) / se);
        return new Equivalence(d, se, df, margin, Math.max(pLow, pHigh), pBeyond);
    }

    /** From the values of both groups. */
    public static Equivalence tost(double[] a, double[] b, double margin) {
        return tost(mean(a), sd(a), a.length, mean(b), sd(b), b.length, margin);
    }

    /** sqrt(((nA - 1) sA^2 + (nB - 1) sB^2) / (nA + nB - 2)): the spread of one value, both groups pooled. */
    public static double pooledSd(double sdA, int nA, double sdB, int nB) {
        return Math.sqrt(((nA - 1) * sdA * sdA + (nB - 1) * sdB * sdB) / (nA + nB - 2));
    }

    static double mean(double[] v) {
        double s = 0;
        for (double x : v) s += x;
        return s / v.length;
    }

    static double sd(double[] v) {
        double m = mean(v), s = 0;
        for (double x : v) s += (x - m) * (x - m);
        return Math.sqrt(s / (v.length - 1));
    }
}

package dev.dgmbench.stats;

/**
 * A rank test's one-sided result that holds whatever the true values of some observations are: those values are
 * replaced by their least favourable ones for the alternative, and the test is run on the result. For "A greater
 * than B" an unknown value of A goes below every value and an unknown value of B above every value (for a paired
 * test, a pair with either value unknown gets the most negative difference). A rank test's statistic (the
 * Mann-Whitney U, the Wilcoxon W+) cannot get smaller than at these extremes, so its p-value cannot get larger: a
 * significant result here is significant for every value the unknown observations could have (a worst-case bound,
 * as in Manski's bounds for missing data). The extremes are distinct, so they add no ties.
 *
 * <p>The t tests have no such bound: one value far enough out moves a t statistic to a limit that depends on the
 * other values, not monotonically, so they are refused.
 */
public final class LeastFavourable {
    private LeastFavourable() {
    }

    /**
     * The test {@code kind} (rank-based) for {@code alternative} with the values flagged in {@code unknownA} and
     * {@code unknownB} at their least favourable extremes. Paired tests pair a[i] with b[i].
     */
    public static TestResult run(TestKind kind, double[] a, double[] b, boolean[] unknownA, boolean[] unknownB,
                                 Alternative alternative) {
        if (!kind.rankBased()) {
            throw new IllegalArgumentException(kind + " has no least favourable values (a t statistic is not monotone"
                    + " in one value); allowed: the rank tests " + TestKind.MANN_WHITNEY + ", " + TestKind.WILCOXON);
        }
        if (unknownA.length != a.length || unknownB.length != b.length) {
            throw new IllegalArgumentException("flags for " + unknownA.length + " and " + unknownB.length + " values, groups of "
                    + a.length + " and " + b.length);
        }
        if (kind.paired() && a.length != b.length) {
            throw new IllegalArgumentException("paired groups of " + a.length + " and " + b.length + " values");
        }
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (double[] g : new double[][] {a, b}) {
            for (double v : g) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        // Beyond every value by more than the whole range, one gap apart, so the extremes tie with nothing.
        double gap = Math.max(1.0, hi - lo), below = lo - 2 * gap, above = hi + 2 * gap;
        boolean greater = alternative == Alternative.GREATER;
        double[] la = a.clone(), lb = b.clone();
        int k = 0;
        for (int i = 0; i < a.length; i++) {
            boolean unknown = unknownA[i] || (kind.paired() && unknownB[i]);
            if (!unknown) continue;
            k++;
            la[i] = greater ? below - k * gap : above + k * gap;
            if (kind.paired()) lb[i] = greater ? above + k * gap : below - k * gap;
        }
        if (!kind.paired()) {
            for (int i = 0; i < b.length; i++) {
                if (unknownB[i]) lb[i] = greater ? above + ++k * gap : below - ++k * gap;
            }
        }
        return TwoGroupTest.run(kind, la, lb, alternative);
    }
}

package dev.dgmbench.stats;

import java.util.Arrays;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.stat.inference.TTest;
import org.apache.commons.math3.stat.ranking.NaNStrategy;
import org.apache.commons.math3.stat.ranking.NaturalRanking;
import org.apache.commons.math3.stat.ranking.TiesStrategy;

/**
 * Two-group hypothesis tests comparing group A with group B; every result also carries an effect size and the mean
 * difference so that a significant but negligible effect is visible.
 *
 * <p>The t-tests use commons-math's {@link TTest}. The rank tests are computed here because commons-math 3.6.1 has
 * no exact Mann-Whitney p-value and no tie correction in either normal approximation, and its exact Wilcoxon
 * enumerates all 2^n sign patterns and ranks zero differences instead of dropping them.
 *
 * <p>Degenerate input: a t-test with fewer than two values in a group throws {@link IllegalArgumentException}
 * naming the count. If both groups (for the paired t-test: the differences) have zero variance the t statistic is
 * undefined; the result then says what the data show without noise: equal means give statistic 0 and p = 1 (both
 * sided), different means give statistic +-infinity, two-sided p = 0 and one-sided p = 0 in the direction of the
 * difference and 1 against it. Such results have {@code method = "degenerate"}. A rank test where every value is
 * tied (or every paired difference is zero) likewise reports p = 1.
 */
public final class TwoGroupTest {
    /** Largest nA * nB for which Mann-Whitney uses the exact null distribution (when there are no ties). */
    public static final int MANN_WHITNEY_EXACT_MAX_PRODUCT = 400;
    /** Largest number of non-zero differences for which Wilcoxon uses the exact null distribution (no ties, no zeros). */
    public static final int WILCOXON_EXACT_MAX_PAIRS = 50;

    private static final NormalDistribution STD_NORMAL = new NormalDistribution(null, 0, 1);

    private TwoGroupTest() {
    }

    /** Runs the test {@code kind} with the one-sided p-value for "A greater than B". */
    public static TestResult run(TestKind kind, double[] a, double[] b) {
        return run(kind, a, b, Alternative.GREATER);
    }

    public static TestResult run(TestKind kind, double[] a, double[] b, Alternative alternative) {
        return switch (kind) {
            case WELCH -> welch(a, b, alternative);
            case MANN_WHITNEY -> mannWhitney(a, b, alternative);
            case PAIRED_T -> pairedT(a, b, alternative);
            case WILCOXON -> wilcoxonSignedRank(a, b, alternative);
        };
    }

    public static TestResult welch(double[] a, double[] b) {
        return welch(a, b, Alternative.GREATER);
    }

    /** Welch's unequal-variance t-test with Welch-Satterthwaite degrees of freedom; effect size Hedges' g. */
    public static TestResult welch(double[] a, double[] b, Alternative alternative) {
        checkGroups(a, b, 2, "Welch's t-test");
        return tResult(TestKind.WELCH, a, b, InputChecks.mean(a) - InputChecks.mean(b), variance(a) == 0 && variance(b) == 0,
                alternative, tt -> new TStatistic(tt.t(a, b), tt.tTest(a, b)));
    }

    public static TestResult pairedT(double[] a, double[] b) {
        return pairedT(a, b, Alternative.GREATER);
    }

    /**
     * Paired t-test on the differences A - B. The effect size is Hedges' g of the two groups with the pooled sd of
     * the groups (not of the differences), so it is on the same scale as the Welch test's.
     */
    public static TestResult pairedT(double[] a, double[] b, Alternative alternative) {
        checkPairs(a, b, 2, "the paired t-test");
        double[] d = differences(a, b);
        return tResult(TestKind.PAIRED_T, a, b, InputChecks.mean(d), variance(d) == 0, alternative,
                tt -> new TStatistic(tt.pairedT(a, b), tt.pairedTTest(a, b)));
    }

    /** A t statistic and its two-sided p-value. */
    private record TStatistic(double t, double p2) {
    }

    /**
     * A t-test's result with Hedges' g as effect size, or the degenerate verdict when the data have no spread
     * ({@code constant}: the t statistic is undefined there).
     */
    private static TestResult tResult(TestKind kind, double[] a, double[] b, double diff, boolean constant,
                                      Alternative alternative, java.util.function.Function<TTest, TStatistic> statistic) {
        double g = EffectSize.hedgesG(a, b);
        if (constant) return degenerate(kind, diff, alternative, a.length, b.length, TestKind.HEDGES_G, g, diff);
        TStatistic s = statistic.apply(new TTest());
        return new TestResult(kind.spec(), s.t(), s.p2(), alternative, oneSidedFromSymmetric(s.t(), s.p2(), alternative),
                a.length, b.length, TestKind.HEDGES_G, g, diff, "t");
    }

    public static TestResult mannWhitney(double[] a, double[] b) {
        return mannWhitney(a, b, Alternative.GREATER);
    }

    /**
     * Mann-Whitney U (Wilcoxon rank-sum) test; the statistic is U of group A. Exact p-values when there are no ties
     * and nA * nB <= {@value #MANN_WHITNEY_EXACT_MAX_PRODUCT}; otherwise the normal approximation with tie-corrected
     * variance and continuity correction. Effect size Cliff's delta.
     */
    public static TestResult mannWhitney(double[] a, double[] b, Alternative alternative) {
        checkGroups(a, b, 1, "the Mann-Whitney test");
        int m = a.length;
        int n = b.length;
        double[] all = new double[m + n];
        System.arraycopy(a, 0, all, 0, m);
        System.arraycopy(b, 0, all, m, n);
        double[] ranks = new NaturalRanking(NaNStrategy.FAILED, TiesStrategy.AVERAGE).rank(all);
        double rankSumA = 0;
        for (int i = 0; i < m; i++) {
            rankSumA += ranks[i];
        }
        double u = rankSumA - m * (m + 1) / 2.0;
        double tieTerm = tieTerm(all);
        double delta = EffectSize.cliffsDelta(a, b);
        double diff = InputChecks.mean(a) - InputChecks.mean(b);
        String name = TestKind.MANN_WHITNEY.spec();

        if (tieTerm == 0 && (long) m * n <= MANN_WHITNEY_EXACT_MAX_PRODUCT) {
            long[] counts = rankSumCounts(m, n);
            int k = (int) Math.round(u);
            double[] p = exactTails(counts, k);
            return new TestResult(name, u, p[2], alternative, alternative == Alternative.GREATER ? p[1] : p[0],
                    m, n, TestKind.CLIFFS_DELTA, delta, diff, "exact");
        }
        long nn = (long) m + n;
        double var = m * (double) n / 12.0 * ((nn + 1) - tieTerm / (nn * (double) (nn - 1)));
        if (var <= 0) {
            // Every value is tied: no ordering information at all.
            return new TestResult(name, u, 1, alternative, 1, m, n, TestKind.CLIFFS_DELTA, delta, diff, "degenerate");
        }
        double[] p = normalPValues(u - m * (double) n / 2.0, Math.sqrt(var));
        return new TestResult(name, u, p[2], alternative, alternative == Alternative.GREATER ? p[1] : p[0],
                m, n, TestKind.CLIFFS_DELTA, delta, diff, "normal-approx");
    }

    public static TestResult wilcoxonSignedRank(double[] a, double[] b) {
        return wilcoxonSignedRank(a, b, Alternative.GREATER);
    }

    /**
     * Wilcoxon signed-rank test on the paired differences A - B. Zero differences are dropped (Wilcoxon's
     * convention); the statistic is W+, the rank sum of the positive differences. Exact p-values when no differences
     * are zero or tied in absolute value and at most {@value #WILCOXON_EXACT_MAX_PAIRS} remain; otherwise the normal
     * approximation with tie-corrected variance and continuity correction. Effect size Cliff's delta of the groups.
     */
    public static TestResult wilcoxonSignedRank(double[] a, double[] b, Alternative alternative) {
        checkPairs(a, b, 1, "the Wilcoxon signed-rank test");
        double[] d = differences(a, b);
        double[] nonZero = Arrays.stream(d).filter(x -> x != 0).toArray();
        int n = nonZero.length;
        double delta = EffectSize.cliffsDelta(a, b);
        double diff = InputChecks.mean(d);
        String name = TestKind.WILCOXON.spec();
        if (n == 0) {
            return new TestResult(name, 0, 1, alternative, 1, a.length, b.length, TestKind.CLIFFS_DELTA, delta, diff,
                    "degenerate");
        }
        double[] abs = Arrays.stream(nonZero).map(Math::abs).toArray();
        double[] ranks = new NaturalRanking(NaNStrategy.FAILED, TiesStrategy.AVERAGE).rank(abs);
        double wPlus = 0;
        for (int i = 0; i < n; i++) {
            if (nonZero[i] > 0) {
                wPlus += ranks[i];
            }
        }
        double tieTerm = tieTerm(abs);
        if (tieTerm == 0 && n == d.length && n <= WILCOXON_EXACT_MAX_PAIRS) {
            double[] p = exactTails(signedRankCounts(n), (int) Math.round(wPlus));
            return new TestResult(name, wPlus, p[2], alternative, alternative == Alternative.GREATER ? p[1] : p[0],
                    a.length, b.length, TestKind.CLIFFS_DELTA, delta, diff, "exact");
        }
        double var = n * (n + 1.0) * (2.0 * n + 1) / 24.0 - tieTerm / 48.0;
        double[] p = normalPValues(wPlus - n * (n + 1.0) / 4.0, Math.sqrt(var));
        return new TestResult(name, wPlus, p[2], alternative, alternative == Alternative.GREATER ? p[1] : p[0],
                a.length, b.length, TestKind.CLIFFS_DELTA, delta, diff, "normal-approx");
    }

    /**
     * Number of ways each U = 0..m*n arises among the C(m+n, m) equally likely rank assignments under H0. Its
     * generating function is the Gaussian binomial [m+n choose m]_q, built as [n+i choose i]_q =
     * [n+i-1 choose i-1]_q (1 - q^(n+i)) / (1 - q^i); every step is a polynomial with integer coefficients, so the
     * counts are exact in long arithmetic (C(40, 20) ~ 1.4e11 is the largest needed within the exact limit).
     */
    static long[] rankSumCounts(int m, int n) {
        int max = m * n;
        long[] c = new long[max + 1];
        c[0] = 1;
        for (int i = 1; i <= m; i++) {
            int shift = n + i;
            for (int k = max; k >= shift; k--) {
                c[k] -= c[k - shift];
            }
            for (int k = i; k <= max; k++) {
                c[k] += c[k - i];
            }
        }
        return c;
    }

    /**
     * Number of sign patterns giving each W+ = 0..n(n+1)/2 under H0 (each of the 2^n patterns equally likely):
     * the subset-sum counts of {1..n}, built one rank at a time.
     */
    static long[] signedRankCounts(int n) {
        int max = n * (n + 1) / 2;
        long[] c = new long[max + 1];
        c[0] = 1;
        for (int r = 1; r <= n; r++) {
            for (int k = max; k >= r; k--) {
                c[k] += c[k - r];
            }
        }
        return c;
    }

    /** {P(S <= s), P(S >= s), two-sided p} from a null count table; two-sided doubles the smaller tail, capped at 1. */
    private static double[] exactTails(long[] counts, int s) {
        long total = 0;
        long le = 0;
        long ge = 0;
        for (int k = 0; k < counts.length; k++) {
            total += counts[k];
            if (k <= s) {
                le += counts[k];
            }
            if (k >= s) {
                ge += counts[k];
            }
        }
        double pLe = (double) le / total;
        double pGe = (double) ge / total;
        return new double[] {pLe, pGe, Math.min(1.0, 2 * Math.min(pLe, pGe))};
    }

    /**
     * {p(less), p(greater), p(two-sided)} for a centred statistic with the given sd, with the 0.5 continuity
     * correction applied towards the null in each direction (as R's wilcox.test does).
     */
    private static double[] normalPValues(double centred, double sd) {
        double pGreater = 1 - STD_NORMAL.cumulativeProbability((centred - 0.5) / sd);
        double pLess = STD_NORMAL.cumulativeProbability((centred + 0.5) / sd);
        double z = (centred - Math.signum(centred) * 0.5) / sd;
        double pTwo = Math.min(1.0, 2 * STD_NORMAL.cumulativeProbability(-Math.abs(z)));
        return new double[] {pLess, pGreater, pTwo};
    }

    /** Sum over tie groups of t^3 - t; 0 means no ties. */
    private static double tieTerm(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        double sum = 0;
        int i = 0;
        while (i < s.length) {
            int j = i;
            while (j + 1 < s.length && s[j + 1] == s[i]) {
                j++;
            }
            double t = j - i + 1;
            sum += t * t * t - t;
            i = j + 1;
        }
        return sum;
    }

    /** One-sided p from a two-sided p of a statistic with a symmetric null distribution. */
    private static double oneSidedFromSymmetric(double stat, double pTwo, Alternative alternative) {
        boolean towards = alternative == Alternative.GREATER ? stat > 0 : stat < 0;
        return towards ? pTwo / 2 : 1 - pTwo / 2;
    }

    private static TestResult degenerate(TestKind kind, double diff, Alternative alternative, int n1, int n2,
                                         String effectName, double effect, double meanDiff) {
        if (diff == 0) {
            return new TestResult(kind.spec(), 0, 1, alternative, 1, n1, n2, effectName, effect, meanDiff,
                    "degenerate");
        }
        boolean towards = alternative == Alternative.GREATER ? diff > 0 : diff < 0;
        return new TestResult(kind.spec(), Math.copySign(Double.POSITIVE_INFINITY, diff), 0, alternative,
                towards ? 0 : 1, n1, n2, effectName, effect, meanDiff, "degenerate");
    }

    private static void checkGroups(double[] a, double[] b, int needed, String purpose) {
        InputChecks.finite(a, "group A");
        InputChecks.finite(b, "group B");
        InputChecks.atLeast(a, needed, "group A", purpose);
        InputChecks.atLeast(b, needed, "group B", purpose);
    }

    private static void checkPairs(double[] a, double[] b, int needed, String purpose) {
        InputChecks.finite(a, "group A");
        InputChecks.finite(b, "group B");
        if (a.length != b.length) {
            throw new IllegalArgumentException(purpose + " needs paired groups of equal length, got " + a.length
                    + " and " + b.length);
        }
        if (a.length < needed) {
            throw new IllegalArgumentException("got " + a.length + " pair" + (a.length == 1 ? "" : "s") + " but "
                    + purpose + " needs at least " + needed);
        }
    }

    private static double[] differences(double[] a, double[] b) {
        double[] d = new double[a.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = a[i] - b[i];
        }
        return d;
    }

    private static double variance(double[] v) {
        double mean = InputChecks.mean(v);
        double s = 0;
        for (double x : v) {
            s += (x - mean) * (x - mean);
        }
        return s / (v.length - 1);
    }
}

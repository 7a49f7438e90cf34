package dev.dgmbench.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.inference.WilcoxonSignedRankTest;
import org.junit.jupiter.api.Test;

class TwoGroupTestTest {

    /** R's sleep data (Cushny and Peebles): extra hours of sleep under two drugs, the same ten patients. */
    private static final double[] SLEEP_1 = {0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0};
    private static final double[] SLEEP_2 = {1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4};

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    private static double var(double[] v) {
        double m = mean(v);
        double s = 0;
        for (double x : v) {
            s += (x - m) * (x - m);
        }
        return s / (v.length - 1);
    }

    // ---------------------------------------------------------------- Welch

    @Test
    void welchMatchesHandComputation() {
        double[] a = {5.1, 4.9, 6.2, 5.8, 6.0, 5.5, 5.3};
        double[] b = {4.2, 4.8, 4.1, 5.0, 4.6};
        double va = var(a) / a.length;
        double vb = var(b) / b.length;
        double t = (mean(a) - mean(b)) / Math.sqrt(va + vb);
        double df = (va + vb) * (va + vb) / (va * va / (a.length - 1) + vb * vb / (b.length - 1));
        TDistribution dist = new TDistribution(df);
        double pTwo = 2 * dist.cumulativeProbability(-Math.abs(t));
        double pGreater = 1 - dist.cumulativeProbability(t);

        TestResult r = TwoGroupTest.welch(a, b);
        assertEquals("welch", r.test());
        assertEquals(t, r.statistic(), 1e-12);
        assertEquals(pTwo, r.pTwoSided(), 1e-10);
        assertEquals(Alternative.GREATER, r.alternative());
        assertEquals(pGreater, r.pOneSided(), 1e-10);
        assertEquals(7, r.n1());
        assertEquals(5, r.n2());
        assertEquals(mean(a) - mean(b), r.meanDifference(), 1e-12);
        assertEquals("hedges_g", r.effectSizeName());
        assertEquals(EffectSize.hedgesG(a, b), r.effectSize());
        assertEquals("t", r.method());

        TestResult less = TwoGroupTest.welch(a, b, Alternative.LESS);
        assertEquals(dist.cumulativeProbability(t), less.pOneSided(), 1e-10);
    }

    @Test
    void welchMatchesTextbookValues() {
        // R: t.test(extra ~ group, data = sleep) -> t = -1.8608, df = 17.776, p-value = 0.07939
        TestResult r = TwoGroupTest.welch(SLEEP_1, SLEEP_2);
        assertEquals(-1.8608, r.statistic(), 5e-5);
        assertEquals(0.07939, r.pTwoSided(), 5e-6);
        assertEquals(1 - 0.07939 / 2, r.pOneSided(), 5e-6);
        // R's documented example: t.test(1:10, y = c(7:20)) # P = .00001855
        double[] x = new double[10];
        double[] y = new double[14];
        for (int i = 0; i < 10; i++) {
            x[i] = i + 1;
        }
        for (int i = 0; i < 14; i++) {
            y[i] = i + 7;
        }
        assertEquals(1.855e-5, TwoGroupTest.welch(x, y).pTwoSided(), 5e-9);
    }

    @Test
    void tTestsNeedTwoValuesPerGroup() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TwoGroupTest.welch(new double[] {1.0}, new double[] {1, 2, 3}));
        assertTrue(e.getMessage().contains("group A has 1 value") && e.getMessage().contains("at least 2"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> TwoGroupTest.pairedT(new double[] {1.0}, new double[] {2.0}));
        assertTrue(e.getMessage().contains("1 pair") && e.getMessage().contains("at least 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> TwoGroupTest.pairedT(new double[] {1, 2, 3}, new double[] {2, 3}));
        assertTrue(e.getMessage().contains("equal length"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> TwoGroupTest.welch(new double[] {1, Double.NaN}, new double[] {1, 2}));
    }

    @Test
    void zeroVarianceInBothGroups() {
        TestResult same = TwoGroupTest.welch(new double[] {2, 2, 2}, new double[] {2, 2});
        assertEquals(1, same.pTwoSided());
        assertEquals(1, same.pOneSided());
        assertEquals(0, same.statistic());
        assertEquals("degenerate", same.method());

        TestResult higher = TwoGroupTest.welch(new double[] {3, 3, 3}, new double[] {2, 2});
        assertEquals(0, higher.pTwoSided());
        assertEquals(0, higher.pOneSided());
        assertEquals(Double.POSITIVE_INFINITY, higher.statistic());
        assertEquals(1, TwoGroupTest.welch(new double[] {3, 3, 3}, new double[] {2, 2}, Alternative.LESS).pOneSided());

        // Paired: the differences are all exactly 1 although the groups vary.
        TestResult paired = TwoGroupTest.pairedT(new double[] {2, 4, 7}, new double[] {1, 3, 6});
        assertEquals(0, paired.pTwoSided());
        assertEquals(1.0, paired.meanDifference());
        assertEquals("degenerate", paired.method());
    }

    // ---------------------------------------------------------------- paired t

    @Test
    void pairedTMatchesTextbookAndHand() {
        // R: t.test(extra ~ group, data = sleep, paired = TRUE) -> t = -4.0621, df = 9, p-value = 0.002833
        TestResult r = TwoGroupTest.pairedT(SLEEP_1, SLEEP_2, Alternative.LESS);
        assertEquals(-4.0621, r.statistic(), 5e-5);
        assertEquals(0.002833, r.pTwoSided(), 5e-7);
        assertEquals(0.002833 / 2, r.pOneSided(), 5e-7);
        assertEquals(-1.58, r.meanDifference(), 1e-12);
        assertEquals(10, r.n1());

        double[] d = new double[10];
        for (int i = 0; i < 10; i++) {
            d[i] = SLEEP_1[i] - SLEEP_2[i];
        }
        double t = mean(d) / Math.sqrt(var(d) / 10);
        assertEquals(t, r.statistic(), 1e-12);
        assertEquals(2 * new TDistribution(9).cumulativeProbability(-Math.abs(t)), r.pTwoSided(), 1e-12);
    }

    // ---------------------------------------------------------------- Mann-Whitney

    /** {P(U >= u), P(U <= u)} of group A's U by enumerating every assignment of ranks 1..m+n to group A. */
    private static double[] enumerateMannWhitney(double[] a, double[] b) {
        int m = a.length;
        int total = m + b.length;
        // Observed U of A: pairs with a > b (the data have no ties).
        int uObs = 0;
        for (double x : a) {
            for (double y : b) {
                if (x > y) {
                    uObs++;
                }
            }
        }
        long ge = 0;
        long le = 0;
        long count = 0;
        for (int mask = 0; mask < (1 << total); mask++) {
            if (Integer.bitCount(mask) != m) {
                continue;
            }
            int rankSum = 0;
            for (int r = 0; r < total; r++) {
                if ((mask & (1 << r)) != 0) {
                    rankSum += r + 1;
                }
            }
            int u = rankSum - m * (m + 1) / 2;
            count++;
            if (u >= uObs) {
                ge++;
            }
            if (u <= uObs) {
                le++;
            }
        }
        return new double[] {ge / (double) count, le / (double) count, uObs};
    }

    @Test
    void mannWhitneyExactMatchesEnumeration() {
        double[][][] cases = {
            {{1.1, 2.5, 3.9, 4.2}, {0.3, 1.7, 2.2, 3.1, 5.6}},
            {{10.0, 12.5, 8.1, 9.9, 11.2, 13.0}, {7.7, 8.4, 9.1, 10.4, 6.5, 12.0}},
            {{0.5}, {0.1, 0.9, 1.3}},
            {{1, 2, 3}, {4, 5, 6, 7, 8, 9, 10}},
        };
        for (double[][] c : cases) {
            double[] e = enumerateMannWhitney(c[0], c[1]);
            TestResult g = TwoGroupTest.mannWhitney(c[0], c[1], Alternative.GREATER);
            TestResult l = TwoGroupTest.mannWhitney(c[0], c[1], Alternative.LESS);
            assertEquals("exact", g.method());
            assertEquals(e[2], g.statistic(), 1e-12);
            assertEquals(e[0], g.pOneSided(), 1e-12);
            assertEquals(e[1], l.pOneSided(), 1e-12);
            assertEquals(Math.min(1, 2 * Math.min(e[0], e[1])), g.pTwoSided(), 1e-12);
        }
        // Complete separation of 5 vs 5: two of the C(10,5) = 252 orderings are as extreme.
        TestResult sep = TwoGroupTest.mannWhitney(new double[] {1, 2, 3, 4, 5}, new double[] {6, 7, 8, 9, 10});
        assertEquals(2.0 / 252, sep.pTwoSided(), 1e-15);
        assertEquals(-1.0, sep.effectSize());
        assertEquals("cliffs_delta", sep.effectSizeName());
    }

    @Test
    void mannWhitneyNullCountsSumToBinomial() {
        long[] c = TwoGroupTest.rankSumCounts(20, 20);
        long total = 0;
        for (long x : c) {
            total += x;
            assertTrue(x >= 0);
        }
        assertEquals(137846528820L, total); // C(40, 20)
        assertEquals(1, c[0]);
        assertEquals(1, c[400]);
        assertEquals(c[150], c[250]); // symmetric about m n / 2
    }

    @Test
    void mannWhitneyNormalApproximationWithTies() {
        // R: wilcox.test(extra ~ group, data = sleep) -> W = 25.5, p-value = 0.06933 (ties, so normal approx.)
        TestResult r = TwoGroupTest.mannWhitney(SLEEP_1, SLEEP_2);
        assertEquals(25.5, r.statistic(), 1e-12);
        assertEquals(0.06933, r.pTwoSided(), 5e-6);
        assertEquals("normal-approx", r.method());
        assertEquals(2 * 25.5 / 100 - 1, r.effectSize(), 1e-12);
    }

    @Test
    void mannWhitneyLargeSamplesUseNormalApproximation() {
        Random rnd = new Random(4);
        double[] a = new double[30];
        double[] b = new double[30];
        for (int i = 0; i < 30; i++) {
            a[i] = rnd.nextGaussian() + 1.0;
            b[i] = rnd.nextGaussian();
        }
        TestResult r = TwoGroupTest.mannWhitney(a, b);
        assertEquals("normal-approx", r.method());
        assertTrue(r.pOneSided() < 0.01, "shifted groups: " + r);
        assertTrue(r.effectSize() > 0.3);
        TestResult allTied = TwoGroupTest.mannWhitney(new double[] {1, 1, 1}, new double[] {1, 1});
        assertEquals(1, allTied.pTwoSided());
    }

    // ---------------------------------------------------------------- Wilcoxon signed-rank

    @Test
    void wilcoxonExactMatchesEnumerationAndCommonsMath() {
        double[] a = {1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30, 2.01};
        double[] b = {0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29, 1.50};
        int n = a.length;
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = a[i] - b[i];
        }
        // W+ from ranks of |d| (no ties in this data), then all 2^n sign patterns.
        int wObs = 0;
        for (int i = 0; i < n; i++) {
            int rank = 1;
            for (int j = 0; j < n; j++) {
                if (Math.abs(d[j]) < Math.abs(d[i])) {
                    rank++;
                }
            }
            if (d[i] > 0) {
                wObs += rank;
            }
        }
        int ge = 0;
        int le = 0;
        for (int mask = 0; mask < (1 << n); mask++) {
            int w = 0;
            for (int r = 1; r <= n; r++) {
                if ((mask & (1 << (r - 1))) != 0) {
                    w += r;
                }
            }
            if (w >= wObs) {
                ge++;
            }
            if (w <= wObs) {
                le++;
            }
        }
        TestResult g = TwoGroupTest.wilcoxonSignedRank(a, b, Alternative.GREATER);
        TestResult l = TwoGroupTest.wilcoxonSignedRank(a, b, Alternative.LESS);
        assertEquals("exact", g.method());
        assertEquals(wObs, g.statistic(), 1e-12);
        assertEquals(ge / 1024.0, g.pOneSided(), 1e-15);
        assertEquals(le / 1024.0, l.pOneSided(), 1e-15);
        double two = Math.min(1, 2 * Math.min(ge, le) / 1024.0);
        assertEquals(two, g.pTwoSided(), 1e-15);
        assertEquals(new WilcoxonSignedRankTest().wilcoxonSignedRankTest(a, b, true), g.pTwoSided(), 1e-12);
        assertEquals("cliffs_delta", g.effectSizeName());
        assertEquals(EffectSize.cliffsDelta(a, b), g.effectSize());
    }

    @Test
    void wilcoxonNullCountsAreSymmetricAndSumToPowerOfTwo() {
        long[] c = TwoGroupTest.signedRankCounts(50);
        long total = 0;
        for (long x : c) {
            total += x;
        }
        assertEquals(1L << 50, total);
        assertEquals(c[100], c[1275 - 100]);
    }

    @Test
    void wilcoxonNormalApproximationWithZerosAndTies() {
        // R: wilcox.test(extra ~ group, data = sleep, paired = TRUE) -> V = 0, p-value = 0.009091
        TestResult r = TwoGroupTest.wilcoxonSignedRank(SLEEP_1, SLEEP_2, Alternative.LESS);
        assertEquals(0, r.statistic());
        assertEquals(0.009091, r.pTwoSided(), 5e-7);
        assertEquals("normal-approx", r.method());
        assertTrue(r.pOneSided() < r.pTwoSided());
        TestResult none = TwoGroupTest.wilcoxonSignedRank(new double[] {1, 2}, new double[] {1, 2});
        assertEquals(1, none.pTwoSided());
        assertEquals("degenerate", none.method());
    }

    // ---------------------------------------------------------------- dispatch

    @Test
    void testKindParsesSpecStrings() {
        assertEquals(TestKind.WELCH, TestKind.parse("welch"));
        assertEquals(TestKind.MANN_WHITNEY, TestKind.parse("mann-whitney"));
        assertEquals(TestKind.PAIRED_T, TestKind.parse("paired-t"));
        assertEquals(TestKind.WILCOXON, TestKind.parse(" Wilcoxon-Paired "));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TestKind.parse("ttest"));
        assertTrue(e.getMessage().contains("welch, mann-whitney, paired-t, wilcoxon-paired"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TestKind.parse(null));
        for (TestKind k : TestKind.values()) {
            assertEquals(k, TestKind.parse(k.spec()));
            TestResult r = TwoGroupTest.run(k, SLEEP_1, SLEEP_2);
            assertEquals(k.spec(), r.test());
        }
        assertTrue(TestKind.PAIRED_T.paired() && !TestKind.WELCH.paired());
    }
}

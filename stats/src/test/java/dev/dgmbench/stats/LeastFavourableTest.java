package dev.dgmbench.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LeastFavourableTest {
    /** Ten pairs, A above B in every one by 1.1, 1.2, ... 2.0. */
    private static final double[] B = {3, 1, 4, 1.5, 5, 9, 2, 6, 5.5, 3.5};

    private static double[] aAbove() {
        double[] a = new double[B.length];
        for (int i = 0; i < a.length; i++) a[i] = B[i] + 1 + 0.1 * (i + 1);
        return a;
    }

    /** Subsets of {1..n} whose sum is at least w, counted one by one: the exact null of the signed-rank W+. */
    private static double signedRankTail(int n, int w) {
        int count = 0;
        for (int m = 0; m < 1 << n; m++) {
            int s = 0;
            for (int i = 0; i < n; i++) if ((m >> i & 1) == 1) s += i + 1;
            if (s >= w) count++;
        }
        return count / (double) (1 << n);
    }

    @Test
    void anUnknownPairTakesTheLargestRankAgainstTheClaim() {
        double[] a = aAbove();
        boolean[] unknown = new boolean[10];
        unknown[3] = true;
        TestResult bound = LeastFavourable.run(TestKind.WILCOXON, a, B, unknown, unknown.clone(), Alternative.GREATER);
        // nine positive differences keep ranks 1..9 (sum 45); the unknown pair is rank 10, negative
        assertEquals(signedRankTail(10, 45), bound.pOneSided(), 1e-12);
        assertEquals(43 / 1024.0, bound.pOneSided(), 1e-12, "hand count: 43 of the 1,024 sign patterns reach 45");
        assertEquals(1 / 1024.0, TwoGroupTest.run(TestKind.WILCOXON, a, B, Alternative.GREATER).pOneSided(), 1e-12,
                "the recorded values: every difference positive");
    }

    @Test
    void noValueOfTheUnknownObservationsGivesALargerP() {
        double[] a = aAbove();
        boolean[] ua = new boolean[10], ub = new boolean[10];
        ua[0] = true;
        ub[7] = true;
        for (TestKind kind : new TestKind[] {TestKind.WILCOXON, TestKind.MANN_WHITNEY}) {
            for (Alternative alt : Alternative.values()) {
                double bound = LeastFavourable.run(kind, a, B, ua, ub, alt).pOneSided(), worst = 0;
                for (double x = -30; x <= 30; x += 0.37) {
                    for (double y = -30; y <= 30; y += 1.13) {
                        double[] ta = a.clone(), tb = B.clone();
                        ta[0] = x;
                        tb[7] = y;
                        worst = Math.max(worst, TwoGroupTest.run(kind, ta, tb, alt).pOneSided());
                    }
                }
                assertTrue(bound >= worst - 1e-12, kind + " " + alt + ": bound " + bound + " < " + worst);
                assertEquals(worst, bound, 0.02 * bound, kind + " " + alt + ": the bound is reached by far values");
            }
        }
    }

    @Test
    void theOppositeDirectionIsTheMirrorImage() {
        double[] a = aAbove();
        boolean[] ua = {false, true, false, false, false, false, false, false, false, false};
        boolean[] ub = new boolean[10];
        for (TestKind kind : new TestKind[] {TestKind.WILCOXON, TestKind.MANN_WHITNEY}) {
            assertEquals(LeastFavourable.run(kind, a, B, ua, ub, Alternative.GREATER).pOneSided(),
                    LeastFavourable.run(kind, B, a, ub, ua, Alternative.LESS).pOneSided(), 1e-12, kind.spec());
        }
    }

    @Test
    void withNothingUnknownItIsTheTestItself() {
        double[] a = aAbove();
        boolean[] none = new boolean[10];
        assertEquals(TwoGroupTest.run(TestKind.MANN_WHITNEY, a, B, Alternative.LESS).pOneSided(),
                LeastFavourable.run(TestKind.MANN_WHITNEY, a, B, none, none, Alternative.LESS).pOneSided(), 0.0);
    }

    @Test
    void aTTestHasNoLeastFavourableValue() {
        boolean[] f = new boolean[10];
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LeastFavourable.run(TestKind.WELCH, aAbove(), B, f, f, Alternative.GREATER));
        assertTrue(e.getMessage().contains("welch has no least favourable values"), e.getMessage());
        assertTrue(e.getMessage().contains("mann-whitney, wilcoxon-paired"), e.getMessage());
        assertTrue(TestKind.WILCOXON.rankBased() && TestKind.MANN_WHITNEY.rankBased());
        assertTrue(!TestKind.WELCH.rankBased() && !TestKind.PAIRED_T.rankBased());
    }
}

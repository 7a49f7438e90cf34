package dev.dgmbench.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;

import org.junit.jupiter.api.Test;

class EffectSizeTest {

    @Test
    void cohensDByHand() {
        double[] a = {1, 2, 3, 4, 5};
        double[] b = {3, 4, 5, 6, 7};
        // Both variances are 2.5, so the pooled sd is sqrt(2.5) and d = -2 / sqrt(2.5).
        assertEquals(-2 / Math.sqrt(2.5), EffectSize.cohensD(a, b), 1e-12);
        assertEquals(2 / Math.sqrt(2.5), EffectSize.cohensD(b, a), 1e-12);
    }

    @Test
    void cohensDWithUnequalSizesByHand() {
        double[] a = {2, 4, 6};       // mean 4, variance 4
        double[] b = {1, 1, 2, 2};    // mean 1.5, variance 1/3
        double pooled = Math.sqrt((2 * 4.0 + 3 * (1.0 / 3)) / 5);
        assertEquals(2.5 / pooled, EffectSize.cohensD(a, b), 1e-12);
    }

    @Test
    void hedgesCorrectionMatchesGammaFormulaAndApproximation() {
        // J(8) = Gamma(4) / (sqrt(4) Gamma(3.5)), Gamma(3.5) = 1.875 sqrt(pi).
        double exact = 6 / (2 * 1.875 * Math.sqrt(Math.PI));
        assertEquals(exact, EffectSize.hedgesCorrection(8), 1e-12);
        assertEquals(1 - 3.0 / (4 * 8 - 1), EffectSize.hedgesCorrection(8), 1e-3);
        assertEquals(1 - 3.0 / (4 * 200 - 1), EffectSize.hedgesCorrection(200), 1e-6);
        assertEquals(0, EffectSize.hedgesCorrection(1));
        double[] a = {1, 2, 3, 4, 5};
        double[] b = {3, 4, 5, 6, 7};
        assertEquals(exact * -2 / Math.sqrt(2.5), EffectSize.hedgesG(a, b), 1e-12);
    }

    @Test
    void cliffsDeltaByHand() {
        // Pairs of a = {1,2,3} against b = {2,2,4}: a > b twice (3>2, 3>2), a < b five times, two ties.
        assertEquals((2 - 5) / 9.0, EffectSize.cliffsDelta(new double[] {1, 2, 3}, new double[] {2, 2, 4}), 1e-15);
        assertEquals(1.0, EffectSize.cliffsDelta(new double[] {5, 6}, new double[] {1, 2, 3}));
        assertEquals(-1.0, EffectSize.cliffsDelta(new double[] {1, 2, 3}, new double[] {5, 6}));
        assertEquals(0.0, EffectSize.cliffsDelta(new double[] {1, 1}, new double[] {1, 1, 1}));
    }

    @Test
    void cliffsDeltaMatchesPairCountingOnRandomData() {
        Random r = new Random(3);
        double[] a = new double[37];
        double[] b = new double[23];
        for (int i = 0; i < a.length; i++) {
            a[i] = r.nextInt(10);
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = r.nextInt(10) - 1;
        }
        int gt = 0;
        int lt = 0;
        for (double x : a) {
            for (double y : b) {
                if (x > y) {
                    gt++;
                } else if (x < y) {
                    lt++;
                }
            }
        }
        assertEquals((gt - lt) / (37.0 * 23), EffectSize.cliffsDelta(a, b), 1e-15);
    }

    @Test
    void zeroSpreadGivesZeroOrInfinity() {
        assertEquals(0, EffectSize.cohensD(new double[] {3, 3}, new double[] {3, 3, 3}));
        assertEquals(Double.POSITIVE_INFINITY, EffectSize.cohensD(new double[] {4, 4}, new double[] {3, 3}));
        assertEquals(Double.NEGATIVE_INFINITY, EffectSize.hedgesG(new double[] {2, 2}, new double[] {3, 3}));
    }

    @Test
    void tooFewValues() {
        assertThrows(IllegalArgumentException.class, () -> EffectSize.cohensD(new double[] {1}, new double[] {1, 2}));
        assertThrows(IllegalArgumentException.class, () -> EffectSize.cliffsDelta(new double[0], new double[] {1}));
    }
}

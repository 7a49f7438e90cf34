package dev.dgmbench.metrics.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class KernelInceptionDistanceTest {

    @Test
    void unbiasedMmdByHand() {
        // d = 1, k(x, y) = (x y + 1)^3.
        // X = {0, 1}: k(0,1) = 1 -> within mean 1. Y = {1, 2}: k(1,2) = 27 -> within mean 27.
        // Cross: k(0,1) + k(0,2) + k(1,1) + k(1,2) = 1 + 1 + 8 + 27 = 37 -> mean 9.25.
        double[][] x = {{0}, {1}};
        double[][] y = {{1}, {2}};
        assertEquals(1 + 27 - 2 * 9.25, KernelInceptionDistance.unbiasedMmd2(x, y), 1e-12);
        // Unequal sizes, Y = {1, 2, 3}: within pairs 27, 64, 343 -> mean 434 / 3; cross (3 + 99) / 6 = 17.
        double[][] y3 = {{1}, {2}, {3}};
        assertEquals(1 + 434.0 / 3 - 2 * 17, KernelInceptionDistance.unbiasedMmd2(x, y3), 1e-12);
        // d = 2 divides the dot product: k((1,1),(1,1)) = (2/2 + 1)^3 = 8.
        assertEquals(8, KernelInceptionDistance.kernel(new double[] {1, 1}, new double[] {1, 1}, 2), 1e-15);
    }

    @Test
    void fullSetsGiveOneSubsetEqualToTheFullEstimate() {
        double[][] x = {{0}, {1}};
        double[][] y = {{1}, {2}};
        KernelInceptionDistance kid = KernelInceptionDistance.of(x, y, 100, 1000, 1L);
        assertEquals(9.5, kid.mean(), 1e-12);
        assertEquals(0, kid.sd());
        assertEquals(2, kid.subsetSize());
        assertEquals(1, kid.subsets());
        assertEquals(2, kid.nA());
        assertEquals(2, kid.nB());
    }

    @Test
    void sameDistributionIsNearZeroAndShiftIsClearlyPositive() {
        double[][] pool = Samples.gaussian(2000, 8, 0, 5);
        double[][] halfA = Arrays.copyOfRange(pool, 0, 1000);
        double[][] halfB = Arrays.copyOfRange(pool, 1000, 2000);
        KernelInceptionDistance same = KernelInceptionDistance.of(halfA, halfB, 20, 500, 7L);
        KernelInceptionDistance shifted = KernelInceptionDistance.of(halfA, Samples.gaussian(1000, 8, 0.5, 6), 20, 500, 7L);
        assertTrue(Math.abs(same.mean()) < 0.01, "same distribution: " + same);
        assertTrue(shifted.mean() > 0.1, "shifted: " + shifted);
        assertTrue(shifted.mean() > 10 * (Math.abs(same.mean()) + same.sd() / Math.sqrt(same.subsets())));
        assertEquals(500, same.subsetSize());
        assertEquals(20, same.subsets());
        assertEquals(8, same.dim());
    }

    @Test
    void seededAndClipped() {
        double[][] a = Samples.gaussian(300, 4, 0, 1);
        double[][] b = Samples.gaussian(200, 4, 0.2, 2);
        KernelInceptionDistance k1 = KernelInceptionDistance.of(a, b, 10, 100, 99L);
        assertEquals(k1, KernelInceptionDistance.of(a, b, 10, 100, 99L));
        assertNotEquals(k1.mean(), KernelInceptionDistance.of(a, b, 10, 100, 100L).mean());
        KernelInceptionDistance clipped = KernelInceptionDistance.of(a, b, 5, 1000, 99L);
        assertEquals(200, clipped.subsetSize());
        assertEquals(5, clipped.subsets()); // set A still has rows to vary
        assertTrue(clipped.sd() > 0);
        assertEquals(1, KernelInceptionDistance.of(b, b, 5, 1000, 99L).subsets());
    }

    @Test
    void rejectsBadArguments() {
        double[][] a = Samples.gaussian(10, 3, 0, 1);
        assertThrows(IllegalArgumentException.class, () -> KernelInceptionDistance.of(a, Samples.gaussian(10, 2, 0, 1), 1L));
        assertThrows(IllegalArgumentException.class, () -> KernelInceptionDistance.of(a, a, 0, 5, 1L));
        assertThrows(IllegalArgumentException.class, () -> KernelInceptionDistance.of(a, a, 3, 1, 1L));
    }

    /**
     * Many subsets of a small pool (kernels tabulated once) and few of a large one (kernels computed per subset)
     * both equal the plain definition, bit for bit: subsets drawn by the documented partial Fisher-Yates on a
     * Mersenne Twister, each scored with the public per-sample estimator, then averaged.
     */
    @Test
    void subsetAverageEqualsTheDefinitionWhetherKernelsAreTabulatedOrNot() {
        double[][] a = Samples.gaussian(30, 5, 0, 3), b = Samples.gaussian(40, 5, 0.3, 4);
        double[][] bigA = Samples.gaussian(3000, 5, 0, 5), bigB = Samples.gaussian(3000, 5, 0.3, 6);
        int[][] cases = {{50, 10}, {2, 10}};
        for (int[] c : cases) {
            double[][] x = c[0] == 50 ? a : bigA, y = c[0] == 50 ? b : bigB;
            int subsets = c[0], m = c[1];
            org.apache.commons.math3.random.MersenneTwister rng = new org.apache.commons.math3.random.MersenneTwister(11L);
            int[] pa = java.util.stream.IntStream.range(0, x.length).toArray(), pb = java.util.stream.IntStream.range(0, y.length).toArray();
            double[] v = new double[subsets];
            for (int s = 0; s < subsets; s++) v[s] = KernelInceptionDistance.unbiasedMmd2(draw(x, pa, m, rng), draw(y, pb, m, rng));
            double mean = 0;
            for (double t : v) mean += t;
            mean /= subsets;
            assertEquals(mean, KernelInceptionDistance.of(x, y, subsets, m, 11L).mean(), 0.0, subsets + " subsets of " + m);
        }
    }

    private static double[][] draw(double[][] x, int[] perm, int m, org.apache.commons.math3.random.RandomGenerator rng) {
        double[][] out = new double[m][];
        for (int i = 0; i < m; i++) {
            int j = i + rng.nextInt(perm.length - i), t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
            out[i] = x[perm[i]];
        }
        return out;
    }
}

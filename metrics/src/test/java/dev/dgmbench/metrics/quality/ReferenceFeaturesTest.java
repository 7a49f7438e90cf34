package dev.dgmbench.metrics.quality;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * A reference set judged against several generated sets gives each metric exactly the bits of judging each set on
 * its own arrays (its statistics are the same computations, done once), in both of KID's regimes: kernels tabulated
 * (few rows, many subsets) and computed on demand (more rows than pay for a table).
 */
class ReferenceFeaturesTest {
    private static double[][] gaussian(int n, int d, double scale, long seed) {
        Random r = new Random(seed);
        double[][] x = new double[n][d];
        for (double[] row : x) for (int j = 0; j < d; j++) row[j] = r.nextGaussian() * scale + 0.1 * j;
        return x;
    }

    private static void sameBitsAsAlone(int nReal, int nFake, int d, int subsets, int subsetSize) {
        double[][] real = gaussian(nReal, d, 1.0, 1);
        ReferenceFeatures shared = new ReferenceFeatures(real, true);
        for (int set = 0; set < 3; set++) {
            double[][] fake = gaussian(nFake, d, 1.0 + 0.2 * set, 10 + set);
            assertEquals(FrechetDistance.of(real, fake).value(), FrechetDistance.of(shared, fake).value(), 0.0, "Fréchet");
            KernelInceptionDistance alone = KernelInceptionDistance.of(real, fake, subsets, subsetSize, 7);
            KernelInceptionDistance kept = KernelInceptionDistance.of(shared, fake, subsets, subsetSize, 7);
            assertEquals(alone.mean(), kept.mean(), 0.0, "KID mean");
            assertEquals(alone.sd(), kept.sd(), 0.0, "KID sd");
            PrecisionRecallDensityCoverage a = PrecisionRecallDensityCoverage.of(real, fake, 3, 5);
            PrecisionRecallDensityCoverage b = PrecisionRecallDensityCoverage.of(shared, fake, 3, 5);
            assertEquals(a, b, "precision, recall, density, coverage");
        }
    }

    @Test
    void kernelsTabulatedForFewRows() {
        // 120 + 90 rows drawn 40 subsets of 30: each pair about 4 times over, so KID tabulates
        org.junit.jupiter.api.Assertions.assertTrue((long) 40 * (2L * 30 * 29 / 2 + 30 * 30) > (120L * 120 + 90 * 90 + 120 * 90) / 2);
        sameBitsAsAlone(120, 90, 6, 40, 30);
    }

    @Test
    void kernelsOnDemandForManyRows() {
        // 600 + 300 rows, 3 subsets of 20: far fewer pairs drawn than a table holds, so a lone call computes on demand
        // while the shared reference keeps its own table
        sameBitsAsAlone(600, 300, 5, 3, 20);
    }

    @Test
    void statisticsAreComputedOnceAndATableOnlyWhereItFits() {
        ReferenceFeatures r = new ReferenceFeatures(gaussian(50, 4, 1.0, 3), true);
        assertSame(r.covarianceRoot(), r.covarianceRoot());
        assertSame(r.nearestSquaredDistances(5), r.nearestSquaredDistances(5));
        assertSame(r.kernelTable(), r.kernelTable());
        assertNotNull(r.kernelTable());
        double[][] big = new double[2049][];
        java.util.Arrays.fill(big, new double[]{1, 2});
        assertNull(new ReferenceFeatures(big, true).kernelTable(), "2049^2 entries pass the 32 MB cap");
    }
}

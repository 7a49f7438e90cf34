package dev.dgmbench.metrics.quality;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class PrecisionRecallDensityCoverageTest {

    @Test
    void smallCaseByHand() {
        double[][] real = {{0}, {1}, {2}, {3}};
        double[][] fake = {{0.5}, {10}};
        // k = 1: every real radius is 1; both fake radii are 9.5.
        // precision: 0.5 is within 1 of real 0 (and 1); 10 is in no real ball -> 1/2.
        // recall: every real point lies within 9.5 of fake 0.5 -> 1.
        // density: fake 0.5 is in the balls of reals 0 and 1, fake 10 in none -> 2 / (1 * 2) = 1.
        // coverage: nearest fake is 0.5, 0.5, 1.5, 2.5 away against radius 1 -> reals 0 and 1 -> 1/2.
        PrecisionRecallDensityCoverage m = PrecisionRecallDensityCoverage.of(real, fake, 1, 1);
        assertEquals(0.5, m.precision());
        assertEquals(1.0, m.recall());
        assertEquals(1.0, m.density());
        assertEquals(0.5, m.coverage());
        assertEquals(4, m.nReal());
        assertEquals(2, m.nFake());
        assertEquals(1, m.kPrecisionRecall());
        assertEquals(1, m.kDensityCoverage());
        assertEquals(1, m.dim());
    }

    @Test
    void kthNeighbourDistancesMatchBruteForce() {
        double[][] x = Samples.gaussian(60, 3, 0, 9);
        x[7] = x[3].clone(); // a duplicate is a neighbour at distance 0, the point itself is not
        double[][] nn = PrecisionRecallDensityCoverage.nearestSquaredDistances(x, 4);
        for (int i = 0; i < x.length; i++) {
            double[] all = new double[x.length - 1];
            int c = 0;
            for (int j = 0; j < x.length; j++) {
                if (j != i) {
                    double s = 0;
                    for (int t = 0; t < 3; t++) {
                        s += (x[i][t] - x[j][t]) * (x[i][t] - x[j][t]);
                    }
                    all[c++] = s;
                }
            }
            Arrays.sort(all);
            assertArrayEquals(Arrays.copyOf(all, 4), nn[i], 1e-12);
        }
        assertEquals(0.0, nn[3][0]);
    }

    @Test
    void sameDistributionScoresHigh() {
        double[][] real = Samples.gaussian(1000, 3, 0, 1);
        double[][] fake = Samples.gaussian(1000, 3, 0, 2);
        PrecisionRecallDensityCoverage m = PrecisionRecallDensityCoverage.of(real, fake);
        assertTrue(m.precision() > 0.8, m.toString());
        assertTrue(m.recall() > 0.8, m.toString());
        assertTrue(m.density() > 0.8 && m.density() < 1.2, m.toString());
        assertTrue(m.coverage() > 0.9, m.toString());
        assertEquals(3, m.kPrecisionRecall());
        assertEquals(5, m.kDensityCoverage());
        assertEquals(1000, m.nFake());
    }

    @Test
    void modeCollapseLowersRecallAndCoverageButNotPrecision() {
        double[][] real = Samples.gaussian(800, 2, 0, 3);
        double[][] fake = Samples.gaussian(800, 2, 0, 4);
        for (double[] row : fake) {
            row[0] *= 0.2;
            row[1] *= 0.2;
        }
        PrecisionRecallDensityCoverage m = PrecisionRecallDensityCoverage.of(real, fake);
        assertTrue(m.precision() > 0.95, m.toString());
        assertTrue(m.recall() < 0.5, m.toString());
        assertTrue(m.coverage() < 0.5, m.toString());
        // k-NN balls shrink where real data are dense, so a fake inside the support meets about k balls anywhere:
        // density stays near 1 and only fidelity, not diversity, is what it reports.
        assertTrue(m.density() > 0.8, m.toString());
    }

    @Test
    void disjointSetsScoreZero() {
        double[][] real = Samples.gaussian(300, 3, 0, 1);
        double[][] fake = Samples.gaussian(300, 3, 100, 2);
        PrecisionRecallDensityCoverage m = PrecisionRecallDensityCoverage.of(real, fake);
        assertEquals(0, m.precision());
        assertEquals(0, m.recall());
        assertEquals(0, m.density());
        assertEquals(0, m.coverage());
    }

    @Test
    void identicalSetsHaveFullPrecisionRecallCoverage() {
        double[][] real = Samples.gaussian(200, 4, 0, 8);
        PrecisionRecallDensityCoverage m = PrecisionRecallDensityCoverage.of(real, real);
        assertEquals(1, m.precision());
        assertEquals(1, m.recall());
        assertEquals(1, m.coverage());
    }

    @Test
    void needsMoreThanKPoints() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PrecisionRecallDensityCoverage.of(Samples.gaussian(5, 2, 0, 1), Samples.gaussian(50, 2, 0, 2)));
        assertTrue(e.getMessage().contains("real has 5 samples") && e.getMessage().contains("6"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> PrecisionRecallDensityCoverage.of(Samples.gaussian(50, 2, 0, 1), Samples.gaussian(3, 2, 0, 2)));
        assertThrows(IllegalArgumentException.class,
                () -> PrecisionRecallDensityCoverage.of(Samples.gaussian(50, 2, 0, 1), Samples.gaussian(50, 2, 0, 2), 0, 5));
    }
}

package dev.dgmbench.metrics.quality;

import java.util.Random;

/** Feature sets for the metric tests: seeded Gaussian rows. */
final class Samples {
    private Samples() {
    }

    /** n rows of d independent N(shift, 1) values from {@code new Random(seed)}. */
    static double[][] gaussian(int n, int d, double shift, long seed) {
        Random r = new Random(seed);
        double[][] x = new double[n][d];
        for (double[] row : x) {
            for (int j = 0; j < d; j++) {
                row[j] = r.nextGaussian() + shift;
            }
        }
        return x;
    }
}

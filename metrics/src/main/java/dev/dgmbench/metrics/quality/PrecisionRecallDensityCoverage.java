package dev.dgmbench.metrics.quality;

/**
 * Precision, recall, density and coverage of generated (fake) against real feature vectors, with the k-nearest-
 * neighbour manifold estimates of Kynkaanniemi et al. (2019) and Naeem et al. (2020). All four are "higher is
 * better"; precision, recall and coverage lie in [0, 1], density is about 1 when both sets come from one
 * distribution and can exceed 1.
 *
 * <p>Each point's manifold ball is the closed Euclidean ball whose radius is the distance to its k-th nearest
 * neighbour within its own set, the point itself excluded (duplicates of it do count as neighbours).
 * <ul>
 *   <li>precision: fraction of fake points inside at least one real ball (k = kPrecisionRecall)</li>
 *   <li>recall: fraction of real points inside at least one fake ball (k = kPrecisionRecall)</li>
 *   <li>density: number of (fake, real ball) containments divided by k * nFake (k = kDensityCoverage)</li>
 *   <li>coverage: fraction of real points whose ball contains at least one fake point (k = kDensityCoverage)</li>
 * </ul>
 * The reference code tests distance &lt; radius; the closed ball (&lt;=) used here differs only on exact ties.
 */
public record PrecisionRecallDensityCoverage(double precision, double recall, double density, double coverage,
                                             int nReal, int nFake, int kPrecisionRecall, int kDensityCoverage,
                                             int dim) {
    public static final int DEFAULT_K_PRECISION_RECALL = 3;
    public static final int DEFAULT_K_DENSITY_COVERAGE = 5;

    public static PrecisionRecallDensityCoverage of(double[][] real, double[][] fake) {
        return of(real, fake, DEFAULT_K_PRECISION_RECALL, DEFAULT_K_DENSITY_COVERAGE);
    }

    public static PrecisionRecallDensityCoverage of(double[][] real, double[][] fake, int kPrecisionRecall,
                                                    int kDensityCoverage) {
        return of(new ReferenceFeatures(real), fake, kPrecisionRecall, kDensityCoverage);
    }

    /** The same against a reference set whose nearest-neighbour radii are computed once and kept. */
    public static PrecisionRecallDensityCoverage of(ReferenceFeatures reference, double[][] fake, int kPrecisionRecall,
                                                    int kDensityCoverage) {
        if (kPrecisionRecall < 1 || kDensityCoverage < 1) {
            throw new IllegalArgumentException("k must be >= 1, got " + kPrecisionRecall + " and " + kDensityCoverage);
        }
        int kReal = Math.max(kPrecisionRecall, kDensityCoverage);
        double[][] real = reference.features();
        int d = SampleMatrices.checkSamples(real, "real", kReal + 1);
        int df = SampleMatrices.checkSamples(fake, "fake", kPrecisionRecall + 1);
        SampleMatrices.sameWidth(d, df, "real", "fake");

        // Squared radii throughout: comparing squared distances avoids a sqrt per pair.
        double[][] realNn = reference.nearestSquaredDistances(kReal);
        double[][] fakeNn = nearestSquaredDistances(fake, kPrecisionRecall);
        int nr = real.length;
        int nf = fake.length;
        double[] rPr = new double[nr];
        double[] rDc = new double[nr];
        double[] fPr = new double[nf];
        for (int i = 0; i < nr; i++) {
            rPr[i] = realNn[i][kPrecisionRecall - 1];
            rDc[i] = realNn[i][kDensityCoverage - 1];
        }
        for (int j = 0; j < nf; j++) {
            fPr[j] = fakeNn[j][kPrecisionRecall - 1];
        }

        boolean[] fakeInReal = new boolean[nf];
        boolean[] realInFake = new boolean[nr];
        boolean[] realCovered = new boolean[nr];
        long containments = 0;
        for (int i = 0; i < nr; i++) {
            double[] x = real[i];
            for (int j = 0; j < nf; j++) {
                double d2 = SampleMatrices.squaredDistance(x, fake[j]);
                if (d2 <= rPr[i]) {
                    fakeInReal[j] = true;
                }
                if (d2 <= fPr[j]) {
                    realInFake[i] = true;
                }
                if (d2 <= rDc[i]) {
                    realCovered[i] = true;
                    containments++;
                }
            }
        }
        return new PrecisionRecallDensityCoverage(
                fraction(fakeInReal), fraction(realInFake),
                containments / ((double) kDensityCoverage * nf), fraction(realCovered),
                nr, nf, kPrecisionRecall, kDensityCoverage, d);
    }

    /**
     * For each row, the k smallest squared distances to the other rows in ascending order. Each pair is computed
     * once and offered to both rows' lists.
     */
    static double[][] nearestSquaredDistances(double[][] x, int k) {
        int n = x.length;
        double[][] best = new double[n][k];
        for (double[] b : best) {
            java.util.Arrays.fill(b, Double.POSITIVE_INFINITY);
        }
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double d2 = SampleMatrices.squaredDistance(x[i], x[j]);
                offer(best[i], d2);
                offer(best[j], d2);
            }
        }
        return best;
    }

    /** Inserts v into the ascending array if it is among the smallest, dropping the largest. */
    private static void offer(double[] sorted, double v) {
        int last = sorted.length - 1;
        if (v >= sorted[last]) {
            return;
        }
        int pos = last;
        while (pos > 0 && sorted[pos - 1] > v) {
            sorted[pos] = sorted[pos - 1];
            pos--;
        }
        sorted[pos] = v;
    }

    private static double fraction(boolean[] flags) {
        int c = 0;
        for (boolean f : flags) {
            if (f) {
                c++;
            }
        }
        return (double) c / flags.length;
    }
}

package dev.dgmbench.metrics.quality;

import java.util.ArrayList;
import java.util.List;

/**
 * How generated samples spread over the classes of a classifier (the evaluator network): mode coverage and
 * confidence from predicted class probabilities {@code probs[n][C]}.
 *
 * @param n              samples
 * @param numClasses     C
 * @param histogram      count of samples per argmax class (ties go to the lowest class index)
 * @param classesCovered classes with at least one sample
 * @param tvToUniform    total variation distance of the normalised histogram to uniform, in [0, 1 - 1/C]; 0 = every
 *                       class equally often (lower = better coverage)
 * @param klToUniform    KL(histogram || uniform) in nats, in [0, ln C]; 0 = uniform (lower = better coverage)
 * @param meanConfidence mean over samples of the largest class probability (higher = more recognisable samples)
 * @param inceptionScore exp(mean_i KL(p(y|x_i) || p(y))) with p(y) the mean prediction; in [1, C], higher when
 *                       predictions are individually confident and jointly diverse (the Inception Score formula on
 *                       the evaluator's classes)
 */
public record ClassCoverage(int n, int numClasses, List<Integer> histogram, int classesCovered, double tvToUniform,
                            double klToUniform, double meanConfidence, double inceptionScore) {
    /** Rows may be off from summing to 1 by this much (float softmax round-off); they are renormalised. */
    static final double SUM_TOLERANCE = 1e-3;

    public ClassCoverage {
        histogram = List.copyOf(histogram);
    }

    public static ClassCoverage of(double[][] probs) {
        int c = SampleMatrices.checkSamples(probs, "probs", 1);
        int n = probs.length;
        double[][] p = new double[n][];
        for (int i = 0; i < n; i++) {
            p[i] = normalised(probs[i], i);
        }
        int[] counts = new int[c];
        double[] marginal = new double[c];
        double confidence = 0;
        for (double[] row : p) {
            int arg = 0;
            for (int k = 1; k < c; k++) {
                if (row[k] > row[arg]) {
                    arg = k;
                }
            }
            counts[arg]++;
            confidence += row[arg];
            for (int k = 0; k < c; k++) {
                marginal[k] += row[k] / n;
            }
        }
        double tv = 0;
        double kl = 0;
        int covered = 0;
        List<Integer> hist = new ArrayList<>(c);
        for (int k = 0; k < c; k++) {
            double q = counts[k] / (double) n;
            tv += Math.abs(q - 1.0 / c);
            if (counts[k] > 0) {
                kl += q * Math.log(q * c);
                covered++;
            }
            hist.add(counts[k]);
        }
        double meanKl = 0;
        for (double[] row : p) {
            for (int k = 0; k < c; k++) {
                // marginal[k] > 0 whenever row[k] > 0, so the log is finite.
                if (row[k] > 0) {
                    meanKl += row[k] * Math.log(row[k] / marginal[k]);
                }
            }
        }
        meanKl = Math.max(meanKl / n, 0);
        return new ClassCoverage(n, c, hist, covered, tv / 2, Math.max(kl, 0), confidence / n, Math.exp(meanKl));
    }

    private static double[] normalised(double[] row, int i) {
        double sum = 0;
        for (double v : row) {
            if (v < 0) {
                throw new IllegalArgumentException("probs[" + i + "] has a negative probability " + v);
            }
            sum += v;
        }
        if (Math.abs(sum - 1) > SUM_TOLERANCE) {
            throw new IllegalArgumentException("probs[" + i + "] sums to " + sum + ", not 1");
        }
        double[] out = new double[row.length];
        for (int k = 0; k < row.length; k++) {
            out[k] = row[k] / sum;
        }
        return out;
    }
}

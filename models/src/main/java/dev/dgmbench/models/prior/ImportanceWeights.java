package dev.dgmbench.models.prior;

/**
 * Importance weights w_i = exp(logW_i), held relative to their maximum so none overflows: the log of their mean
 * (an estimate of a normaliser), the effective sample size (sum w)^2 / sum w^2 (Kong 1992), and the standard error of
 * the log mean. That error, sqrt(1/ESS - 1/n) up to n/(n-1), is the sample variance's: with heavy-tailed weights the
 * sample variance itself is too small, so it is only worth something when the ESS is large too, which is why the ESS
 * is recorded and checked beside it.
 */
public final class ImportanceWeights {
    private final double max, sum, sumSq;
    private final double[] relative, cumulative;

    private ImportanceWeights(double max, double[] relative, double[] cumulative, double sum, double sumSq) {
        this.max = max;
        this.relative = relative;
        this.cumulative = cumulative;
        this.sum = sum;
        this.sumSq = sumSq;
    }

    public static ImportanceWeights of(double[] logW) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : logW) max = Math.max(max, v);
        double[] w = new double[logW.length], cum = new double[logW.length];
        double sum = 0, sumSq = 0;
        for (int i = 0; i < logW.length; i++) {
            w[i] = Math.exp(logW[i] - max);
            sum += w[i];
            sumSq += w[i] * w[i];
            cum[i] = sum;
        }
        return new ImportanceWeights(max, w, cum, sum, sumSq);
    }

    /** {@code of(logW[from..to)).ess()}, without copying the slice. */
    public static double ess(double[] logW, int from, int to) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = from; i < to; i++) max = Math.max(max, logW[i]);
        double sum = 0, sumSq = 0;
        for (int i = from; i < to; i++) {
            double w = Math.exp(logW[i] - max);
            sum += w;
            sumSq += w * w;
        }
        return sum * sum / sumSq;
    }

    public int size() {
        return relative.length;
    }

    /** log of the mean weight. */
    public double logMean() {
        return max + Math.log(sum / size());
    }

    /** Standard error of {@link #logMean()} by the delta method: se(mean) / mean. */
    public double logMeanStdError() {
        int n = size();
        double mean = sum / n, var = Math.max(0, sumSq / n - mean * mean) * n / Math.max(1, n - 1);
        return Math.sqrt(var / n) / mean;
    }

    /** (sum w)^2 / sum w^2: 1 when one weight dominates, n when all are equal. */
    public double ess() {
        return sum * sum / sumSq;
    }

    /** The index i whose cumulative weight interval holds u in [0, 1) of the total: multinomial resampling. */
    public int pick(double u) {
        int idx = java.util.Arrays.binarySearch(cumulative, u * sum);
        return Math.min(size() - 1, idx >= 0 ? idx : -idx - 1);
    }
}

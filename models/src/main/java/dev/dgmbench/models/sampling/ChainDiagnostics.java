package dev.dgmbench.models.sampling;

/**
 * Convergence statistics of a set of chains from their per-chain energy traces (the chains are the sampled codes):
 * split-R-hat across chains and the least-squares slope of the mean-energy trace over its final segment.
 */
public final class ChainDiagnostics {
    /** Share of the post-burn-in steps whose mean-energy slope is measured: the last 20%. */
    public static final double FINAL_SEGMENT = 0.2;

    private ChainDiagnostics() {
    }

    /**
     * Split-R-hat (Gelman et al., BDA3 section 11.4): each chain's trace {@code energy[t][chain]} is cut into halves,
     * giving 2C sequences of length n = T/2 (an odd T drops its first step); with W the mean within-sequence variance
     * and B/n the variance of the sequence means, R = sqrt(((n-1)/n W + B/n) / W). Near 1 when every chain has
     * forgotten its start and the halves agree; a trend within chains or a spread between them raises it.
     * NaN with fewer than 4 steps or a constant energy.
     */
    public static double splitRhat(double[][] energy) {
        int steps = energy.length;
        if (steps < 4) return Double.NaN;
        int chains = energy[0].length, n = steps / 2, skip = steps - 2 * n, m = 2 * chains;
        double[] means = new double[m], vars = new double[m];
        for (int c = 0; c < chains; c++) {
            for (int h = 0; h < 2; h++) {
                int from = skip + h * n, seq = 2 * c + h;
                double mean = 0, sq = 0;
                for (int t = from; t < from + n; t++) mean += energy[t][c];
                mean /= n;
                for (int t = from; t < from + n; t++) sq += (energy[t][c] - mean) * (energy[t][c] - mean);
                means[seq] = mean;
                vars[seq] = sq / (n - 1);
            }
        }
        double w = mean(vars), grand = mean(means), b = 0;
        for (double v : means) b += (v - grand) * (v - grand);
        b = b * n / (m - 1);
        if (!(w > 0)) return Double.NaN;
        return Math.sqrt(((n - 1.0) / n * w + b / n) / w);
    }

    /** Least-squares slope of trace[from..to) against the step index, per step. */
    public static double slope(double[] trace, int from, int to) {
        int n = to - from;
        if (n < 2) return Double.NaN;
        double tMean = (from + to - 1) / 2.0, yMean = 0;
        for (int t = from; t < to; t++) yMean += trace[t];
        yMean /= n;
        double sxy = 0, sxx = 0;
        for (int t = from; t < to; t++) {
            sxy += (t - tMean) * (trace[t] - yMean);
            sxx += (t - tMean) * (t - tMean);
        }
        return sxy / sxx;
    }

    /** First step of the final segment of a trace whose post-burn-in part is [burnIn, end). */
    public static int finalSegmentStart(int burnIn, int end) {
        return end - Math.max(2, (int) Math.round(FINAL_SEGMENT * (end - burnIn)));
    }

    /** Sample standard deviation. */
    public static double sd(double[] v) {
        double m = mean(v), sq = 0;
        for (double x : v) sq += (x - m) * (x - m);
        return Math.sqrt(sq / Math.max(1, v.length - 1));
    }

    static double mean(double[] v) {
        double s = 0;
        for (double x : v) s += x;
        return s / v.length;
    }
}

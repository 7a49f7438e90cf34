package dev.dgmbench.metrics.quality;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;

import java.util.HashMap;
import java.util.Map;

/**
 * The real images' feature vectors that every generated set is judged against, with what the metrics compute from
 * them alone, computed once when first asked and kept: their mean, covariance and its square root (Fréchet), the
 * squared distances to their nearest neighbours (precision, recall, density, coverage) and the kernel between every
 * two of them (KID). Judging four samplers of every run of a study against one real set otherwise repeats that work
 * for each, most of the metrics' time on Fashion-MNIST's 2,000 real images. Each value is the same computation as the
 * metric would do itself, so the metrics' numbers are the same bits with or without it. Safe to share between threads.
 */
public final class ReferenceFeatures {
    /** The kernel table is kept when it has at most this many entries (8 bytes each: 32 MB). */
    static final long MAX_KERNEL_ENTRIES = 4L << 20;

    private final double[][] features;
    private final int dim;
    private final boolean shared;
    private double[] mean;
    private RealMatrix covariance, covarianceRoot;
    private final Map<Integer, double[][]> nearest = new HashMap<>();
    private double[][] kernels;

    /** For one judgement: {@code features} n x d, n >= 2 (not copied: the caller does not change it afterwards). */
    public ReferenceFeatures(double[][] features) {
        this(features, false);
    }

    /**
     * {@code shared}: kept for many judgements, so KID tabulates the kernels within it once (when at most 32 MB)
     * even where a single judgement would compute the few it draws on demand.
     */
    public ReferenceFeatures(double[][] features, boolean shared) {
        this.dim = SampleMatrices.checkSamples(features, "real", 2);
        this.features = features;
        this.shared = shared;
    }

    public boolean shared() {
        return shared;
    }

    public double[][] features() {
        return features;
    }

    public int size() {
        return features.length;
    }

    public int dim() {
        return dim;
    }

    synchronized double[] mean() {
        if (mean == null) mean = SampleMatrices.mean(features);
        return mean;
    }

    /** The sample covariance (n - 1 denominator), made exactly symmetric. */
    synchronized RealMatrix covariance() {
        if (covariance == null) {
            covariance = SampleMatrices.symmetric(new Array2DRowRealMatrix(SampleMatrices.covariance(features, mean())));
        }
        return covariance;
    }

    /** The covariance's PSD square root. */
    synchronized RealMatrix covarianceRoot() {
        if (covarianceRoot == null) covarianceRoot = SampleMatrices.psdSqrt(covariance());
        return covarianceRoot;
    }

    /** Per row, the k smallest squared distances to the other rows, ascending. */
    synchronized double[][] nearestSquaredDistances(int k) {
        return nearest.computeIfAbsent(k, kk -> PrecisionRecallDensityCoverage.nearestSquaredDistances(features, kk));
    }

    /** The cubic kernel between every two rows (diagonal unused), or null when the table would pass 32 MB. */
    synchronized double[][] kernelTable() {
        if (kernels == null && (long) features.length * features.length <= MAX_KERNEL_ENTRIES) {
            kernels = KernelInceptionDistance.withinKernels(features, dim);
        }
        return kernels;
    }
}

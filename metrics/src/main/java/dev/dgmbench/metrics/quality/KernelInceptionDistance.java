package dev.dgmbench.metrics.quality;

import org.apache.commons.math3.random.MersenneTwister;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * Kernel Inception Distance (Binkowski et al. 2018): the unbiased estimate of the squared maximum mean discrepancy
 * between two feature sets under the cubic polynomial kernel k(x, y) = (x.y / d + 1)^3, averaged over random
 * subsets. Lower is better; the unbiased estimator has expectation 0 for equal distributions, so small negative
 * values are normal there.
 *
 * <p>Each subset draws {@code subsetSize} rows without replacement from each set (independently per subset) with a
 * seeded Mersenne Twister, so a seed fixes the result. The subset size is clipped to the smaller set; when it then
 * equals both set sizes every subset would be the full sets, so only one is evaluated.
 *
 * <p>Cost is about 2 * subsets * subsetSize^2 * d multiply-adds: the defaults on 64-dimensional features take
 * several seconds on one core, so tests and smoke runs should pass smaller values.
 *
 * @param mean       mean MMD^2 over subsets
 * @param sd         sample sd of MMD^2 over subsets (0 for a single subset)
 * @param subsetSize rows drawn from each set per subset
 * @param subsets    number of subsets evaluated
 * @param nA         rows available in set A
 * @param nB         rows available in set B
 * @param dim        feature dimension
 */
public record KernelInceptionDistance(double mean, double sd, int subsetSize, int subsets, int nA, int nB, int dim) {
    /** Subsets used when the caller does not say (as in the reference implementation). */
    public static final int DEFAULT_SUBSETS = 100;
    /** Subset size used when the caller does not say (as in the reference implementation). */
    public static final int DEFAULT_SUBSET_SIZE = 1000;

    public static KernelInceptionDistance of(double[][] a, double[][] b, long seed) {
        return of(a, b, DEFAULT_SUBSETS, DEFAULT_SUBSET_SIZE, seed);
    }

    public static KernelInceptionDistance of(double[][] a, double[][] b, int subsets, int subsetSize, long seed) {
        int da = Matrices.checkSamples(a, "a", 2);
        int db = Matrices.checkSamples(b, "b", 2);
        Matrices.sameWidth(da, db, "a", "b");
        if (subsets < 1 || subsetSize < 2) {
            throw new IllegalArgumentException("need subsets >= 1 and subsetSize >= 2, got " + subsets + " and "
                    + subsetSize);
        }
        int m = Math.min(subsetSize, Math.min(a.length, b.length));
        int count = (m == a.length && m == b.length) ? 1 : subsets;
        RandomGenerator rng = new MersenneTwister(seed);
        int[] permA = identity(a.length);
        int[] permB = identity(b.length);
        double[] values = new double[count];
        for (int s = 0; s < count; s++) {
            values[s] = unbiasedMmd2(pick(a, permA, m, rng), pick(b, permB, m, rng));
        }
        double mean = 0;
        for (double v : values) {
            mean += v;
        }
        mean /= count;
        double ss = 0;
        for (double v : values) {
            ss += (v - mean) * (v - mean);
        }
        double sd = count > 1 ? Math.sqrt(ss / (count - 1)) : 0;
        return new KernelInceptionDistance(mean, sd, m, count, a.length, b.length, da);
    }

    /**
     * Unbiased MMD^2 of two samples (sizes m, n >= 2) under the cubic polynomial kernel: the within-set kernel means
     * exclude the diagonal, which is what removes the bias.
     */
    public static double unbiasedMmd2(double[][] x, double[][] y) {
        int dx = Matrices.checkSamples(x, "x", 2);
        int dy = Matrices.checkSamples(y, "y", 2);
        Matrices.sameWidth(dx, dy, "x", "y");
        double kxx = offDiagonalSum(x, dx) / ((double) x.length * (x.length - 1));
        double kyy = offDiagonalSum(y, dx) / ((double) y.length * (y.length - 1));
        double kxy = 0;
        for (double[] xi : x) {
            for (double[] yj : y) {
                kxy += kernel(xi, yj, dx);
            }
        }
        kxy /= (double) x.length * y.length;
        return kxx + kyy - 2 * kxy;
    }

    static double kernel(double[] u, double[] v, int d) {
        double t = Matrices.dot(u, v) / d + 1;
        return t * t * t;
    }

    /** Sum of k(x_i, x_j) over i != j, using symmetry to halve the work. */
    private static double offDiagonalSum(double[][] x, int d) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            for (int j = i + 1; j < x.length; j++) {
                s += kernel(x[i], x[j], d);
            }
        }
        return 2 * s;
    }

    private static int[] identity(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        return p;
    }

    /** m rows without replacement: a partial Fisher-Yates shuffle of perm yields a uniform m-subset each call. */
    private static double[][] pick(double[][] x, int[] perm, int m, RandomGenerator rng) {
        double[][] out = new double[m][];
        for (int i = 0; i < m; i++) {
            int j = i + rng.nextInt(perm.length - i);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
            out[i] = x[perm[i]];
        }
        return out;
    }
}

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
 * <p>Cost is about 2 * subsets * subsetSize^2 * d multiply-adds, or (nA + nB)^2 * d / 2 when the kernels between all
 * rows are tabulated once (when that is less work and fits 32 MB); the defaults on 64-dimensional features take
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
        return of(new ReferenceFeatures(a), b, subsets, subsetSize, seed);
    }

    /**
     * The same with set A a reference set: the kernels within it come from its table where it keeps one (a
     * {@link ReferenceFeatures#shared} set, or when tabulating pays for this call alone).
     */
    public static KernelInceptionDistance of(ReferenceFeatures reference, double[][] b, int subsets, int subsetSize, long seed) {
        double[][] a = reference.features();
        int da = reference.dim();
        int db = SampleMatrices.checkSamples(b, "b", 2);
        SampleMatrices.sameWidth(da, db, "a", "b");
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
        boolean tabulate = Kernels.worthTabulating(a.length, b.length, m, count);
        double[][] within = tabulate || reference.shared() ? reference.kernelTable() : null;
        Kernels k = Kernels.of(a, b, da, within, tabulate);
        for (int s = 0; s < count; s++) {
            values[s] = unbiasedMmd2(k, pick(permA, m, rng), pick(permB, m, rng));
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
        int dx = SampleMatrices.checkSamples(x, "x", 2);
        int dy = SampleMatrices.checkSamples(y, "y", 2);
        SampleMatrices.sameWidth(dx, dy, "x", "y");
        return unbiasedMmd2(Kernels.direct(x, y, dx), identity(x.length), identity(y.length));
    }

    /** The same over rows {@code xs} of set A and {@code ys} of set B, summed in the same order whatever the kernels' source. */
    private static double unbiasedMmd2(Kernels k, int[] xs, int[] ys) {
        double kxx = 0, kyy = 0, kxy = 0;
        for (int i = 0; i < xs.length; i++) for (int j = i + 1; j < xs.length; j++) kxx += k.aa(xs[i], xs[j]);
        for (int i = 0; i < ys.length; i++) for (int j = i + 1; j < ys.length; j++) kyy += k.bb(ys[i], ys[j]);
        for (int xi : xs) for (int yj : ys) kxy += k.ab(xi, yj);
        kxx = 2 * kxx / ((double) xs.length * (xs.length - 1));
        kyy = 2 * kyy / ((double) ys.length * (ys.length - 1));
        kxy /= (double) xs.length * ys.length;
        return kxx + kyy - 2 * kxy;
    }

    static double kernel(double[] u, double[] v, int d) {
        double t = SampleMatrices.dot(u, v) / d + 1;
        return t * t * t;
    }

    /**
     * k between rows of A and B: computed on demand, or looked up in tables computed once when the subsets would
     * otherwise evaluate each pair several times (the defaults draw 100 subsets of 100 from a few hundred rows: each
     * pair about 4 times over). k is symmetric bit for bit (a product commutes), so both give the same numbers.
     */
    private interface Kernels {
        /** Tables of at most this many entries (8 bytes each). */
        long MAX_ENTRIES = ReferenceFeatures.MAX_KERNEL_ENTRIES;

        double aa(int i, int j);

        double bb(int i, int j);

        double ab(int i, int j);

        static boolean worthTabulating(int na, int nb, int m, int subsets) {
            long entries = (long) na * na + (long) nb * nb + (long) na * nb;
            long pairsDrawn = (long) subsets * (2L * m * (m - 1) / 2 + (long) m * m);
            return entries <= MAX_ENTRIES && pairsDrawn > entries / 2;
        }

        static Kernels direct(double[][] a, double[][] b, int d) {
            return of(a, b, d, null, false);
        }

        /**
         * Kernels within A from {@code withinA} (null: computed on demand); within B and between the sets tabulated
         * once ({@code tabulate}) or computed on demand.
         */
        static Kernels of(double[][] a, double[][] b, int d, double[][] withinA, boolean tabulate) {
            double[][] bb = tabulate ? withinKernels(b, d) : null, ab = tabulate ? new double[a.length][b.length] : null;
            if (tabulate) for (int i = 0; i < a.length; i++) for (int j = 0; j < b.length; j++) ab[i][j] = kernel(a[i], b[j], d);
            return new Kernels() {
                public double aa(int i, int j) {
                    return withinA != null ? withinA[i][j] : kernel(a[i], a[j], d);
                }

                public double bb(int i, int j) {
                    return bb != null ? bb[i][j] : kernel(b[i], b[j], d);
                }

                public double ab(int i, int j) {
                    return ab != null ? ab[i][j] : kernel(a[i], b[j], d);
                }
            };
        }
    }

    /** The kernel between every two rows of x (the diagonal left 0: the unbiased estimate never reads it). */
    static double[][] withinKernels(double[][] x, int d) {
        double[][] k = new double[x.length][x.length];
        for (int i = 0; i < x.length; i++) {
            for (int j = i + 1; j < x.length; j++) k[i][j] = k[j][i] = kernel(x[i], x[j], d);
        }
        return k;
    }

    private static int[] identity(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        return p;
    }

    /** m row indices without replacement: a partial Fisher-Yates shuffle of perm yields a uniform m-subset each call. */
    private static int[] pick(int[] perm, int m, RandomGenerator rng) {
        int[] out = new int[m];
        for (int i = 0; i < m; i++) {
            int j = i + rng.nextInt(perm.length - i);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
            out[i] = perm[i];
        }
        return out;
    }
}

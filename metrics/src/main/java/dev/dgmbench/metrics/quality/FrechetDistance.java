package dev.dgmbench.metrics.quality;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * Fréchet distance between Gaussians fitted to two feature sets (the FID formula when the features come from an
 * evaluator network): ||mu_a - mu_b||^2 + tr(S_a + S_b - 2 (S_a^{1/2} S_b S_a^{1/2})^{1/2}). Lower means the two
 * sets' first two moments agree better; 0 for identical moments.
 *
 * <p>The matrix square roots come from symmetric eigen decompositions. S_a^{1/2} S_b S_a^{1/2} is symmetric PSD
 * and has the same eigenvalues as S_a S_b, so its trace square root equals the usual tr sqrt(S_a S_b) without the
 * complex-valued sqrtm of a non-symmetric product. Round-off negative eigenvalues are clamped to 0, and a final
 * value below 0 from round-off is reported as 0. The sample covariance uses the n-1 denominator.
 *
 * @param value distance in squared feature units
 * @param nA    samples in set A
 * @param nB    samples in set B
 * @param dim   feature dimension
 */
public record FrechetDistance(double value, int nA, int nB, int dim) {

    /** Fréchet distance between the Gaussian fits of {@code a} and {@code b} (each n x d, n >= 2). */
    public static FrechetDistance of(double[][] a, double[][] b) {
        return of(new ReferenceFeatures(a), b);
    }

    /** The same against a reference set whose moments (and their square root) are computed once and kept. */
    public static FrechetDistance of(ReferenceFeatures a, double[][] b) {
        int db = SampleMatrices.checkSamples(b, "b", 2);
        SampleMatrices.sameWidth(a.dim(), db, "a", "b");
        double[] muB = SampleMatrices.mean(b);
        RealMatrix sb = SampleMatrices.symmetric(new Array2DRowRealMatrix(SampleMatrices.covariance(b, muB)));
        double v = fromMoments(a.mean(), a.covariance(), a.covarianceRoot(), muB, sb);
        return new FrechetDistance(v, a.size(), b.length, a.dim());
    }

    /** The closed-form distance between N(muA, covA) and N(muB, covB); covariances must be symmetric PSD. */
    public static double fromMoments(double[] muA, double[][] covA, double[] muB, double[][] covB) {
        int d = muA.length;
        if (muB.length != d || covA.length != d || covB.length != d) {
            throw new IllegalArgumentException("moment dimensions differ: muA " + d + ", muB " + muB.length
                    + ", covA " + covA.length + ", covB " + covB.length);
        }
        RealMatrix sa = SampleMatrices.symmetric(new Array2DRowRealMatrix(covA));
        return fromMoments(muA, sa, SampleMatrices.psdSqrt(sa), muB, SampleMatrices.symmetric(new Array2DRowRealMatrix(covB)));
    }

    /** With S_a's square root given: tr(S_a) + tr(S_b) - 2 tr((S_a^{1/2} S_b S_a^{1/2})^{1/2}) + the means' term. */
    private static double fromMoments(double[] muA, RealMatrix sa, RealMatrix rootA, double[] muB, RealMatrix sb) {
        double meanTerm = SampleMatrices.squaredDistance(muA, muB);
        RealMatrix inner = SampleMatrices.symmetric(rootA.multiply(sb).multiply(rootA));
        double traceRoot = 0;
        for (double ev : SampleMatrices.psdEigenvalues(inner)) {
            traceRoot += Math.sqrt(ev);
        }
        double fd = meanTerm + sa.getTrace() + sb.getTrace() - 2 * traceRoot;
        return Math.max(fd, 0);
    }
}

package dev.dgmbench.metrics.quality;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/** Shape checks and small dense linear-algebra helpers for n x d sample matrices. */
final class SampleMatrices {
    private SampleMatrices() {
    }

    /** InputChecks that {@code x} is a non-empty rectangular matrix of finite values and returns its width d. */
    static int checkSamples(double[][] x, String name, int minRows) {
        if (x == null) {
            throw new IllegalArgumentException(name + " is null");
        }
        if (x.length < minRows) {
            throw new IllegalArgumentException(name + " has " + x.length + " sample" + (x.length == 1 ? "" : "s")
                    + " but at least " + minRows + " are needed");
        }
        if (x.length == 0) {
            return 0;
        }
        int d = x[0] == null ? 0 : x[0].length;
        if (d == 0) {
            throw new IllegalArgumentException(name + "[0] has no features");
        }
        for (int i = 0; i < x.length; i++) {
            if (x[i] == null || x[i].length != d) {
                throw new IllegalArgumentException(name + "[" + i + "] has " + (x[i] == null ? "no" : x[i].length)
                        + " features, expected " + d);
            }
            for (int j = 0; j < d; j++) {
                if (!Double.isFinite(x[i][j])) {
                    throw new IllegalArgumentException(name + "[" + i + "][" + j + "] is " + x[i][j]);
                }
            }
        }
        return d;
    }

    static void sameWidth(int da, int db, String a, String b) {
        if (da != db) {
            throw new IllegalArgumentException(a + " has " + da + " features but " + b + " has " + db);
        }
    }

    static double[] mean(double[][] x) {
        int d = x[0].length;
        double[] mu = new double[d];
        for (double[] row : x) {
            for (int j = 0; j < d; j++) {
                mu[j] += row[j];
            }
        }
        for (int j = 0; j < d; j++) {
            mu[j] /= x.length;
        }
        return mu;
    }

    /** Sample covariance with the n-1 denominator, computed from centred values for accuracy. */
    static double[][] covariance(double[][] x, double[] mu) {
        int d = mu.length;
        double[][] c = new double[d][d];
        double[] centred = new double[d];
        for (double[] row : x) {
            for (int j = 0; j < d; j++) {
                centred[j] = row[j] - mu[j];
            }
            for (int j = 0; j < d; j++) {
                double cj = centred[j];
                for (int k = j; k < d; k++) {
                    c[j][k] += cj * centred[k];
                }
            }
        }
        double denom = x.length - 1;
        for (int j = 0; j < d; j++) {
            for (int k = j; k < d; k++) {
                c[j][k] /= denom;
                c[k][j] = c[j][k];
            }
        }
        return c;
    }

    // The pairwise metrics spend nearly all their time in the two loops below; four independent accumulators let
    // the CPU overlap the additions (a single running sum is one long dependency chain).

    static double squaredDistance(double[] a, double[] b) {
        int n = a.length;
        int j = 0;
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        for (; j + 3 < n; j += 4) {
            double t0 = a[j] - b[j];
            double t1 = a[j + 1] - b[j + 1];
            double t2 = a[j + 2] - b[j + 2];
            double t3 = a[j + 3] - b[j + 3];
            s0 += t0 * t0;
            s1 += t1 * t1;
            s2 += t2 * t2;
            s3 += t3 * t3;
        }
        for (; j < n; j++) {
            double t = a[j] - b[j];
            s0 += t * t;
        }
        return (s0 + s1) + (s2 + s3);
    }

    static double dot(double[] a, double[] b) {
        int n = a.length;
        int j = 0;
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        for (; j + 3 < n; j += 4) {
            s0 += a[j] * b[j];
            s1 += a[j + 1] * b[j + 1];
            s2 += a[j + 2] * b[j + 2];
            s3 += a[j + 3] * b[j + 3];
        }
        for (; j < n; j++) {
            s0 += a[j] * b[j];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** Averages m with its transpose so that rounding asymmetry cannot push the eigen solver off the symmetric path. */
    static RealMatrix symmetric(RealMatrix m) {
        return m.add(m.transpose()).scalarMultiply(0.5);
    }

    /** Eigenvalues of a symmetric PSD matrix with round-off negatives clamped to 0. */
    static double[] psdEigenvalues(RealMatrix sym) {
        double[] ev = new EigenDecomposition(sym).getRealEigenvalues();
        for (int i = 0; i < ev.length; i++) {
            ev[i] = Math.max(ev[i], 0);
        }
        return ev;
    }

    /** Principal square root V diag(sqrt(max(l, 0))) V^T of a symmetric PSD matrix. */
    static RealMatrix psdSqrt(RealMatrix sym) {
        EigenDecomposition e = new EigenDecomposition(sym);
        double[] ev = e.getRealEigenvalues();
        RealMatrix v = e.getV();
        int d = ev.length;
        double[][] scaled = new double[d][d];
        for (int k = 0; k < d; k++) {
            double s = Math.sqrt(Math.max(ev[k], 0));
            for (int i = 0; i < d; i++) {
                scaled[i][k] = v.getEntry(i, k) * s;
            }
        }
        RealMatrix vs = new Array2DRowRealMatrix(scaled, false);
        return symmetric(vs.multiply(v.transpose()));
    }
}

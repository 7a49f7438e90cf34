package dev.dgmbench.metrics.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.junit.jupiter.api.Test;

class FrechetDistanceTest {

    /** Rotation about the z axis by a then about the x axis by b: makes diagonal covariances non-diagonal. */
    private static RealMatrix rotation(double a, double b) {
        RealMatrix rz = new Array2DRowRealMatrix(new double[][] {
            {Math.cos(a), -Math.sin(a), 0}, {Math.sin(a), Math.cos(a), 0}, {0, 0, 1}});
        RealMatrix rx = new Array2DRowRealMatrix(new double[][] {
            {1, 0, 0}, {0, Math.cos(b), -Math.sin(b)}, {0, Math.sin(b), Math.cos(b)}});
        return rx.multiply(rz);
    }

    private static double[][] rotatedCov(RealMatrix r, double... diag) {
        return r.multiply(MatrixUtils.createRealDiagonalMatrix(diag)).multiply(r.transpose()).getData();
    }

    /** Closed form for covariances sharing eigenvectors: ||dmu||^2 + sum (sqrt(a_i) - sqrt(b_i))^2. */
    private static double commutingClosedForm(double[] muA, double[] muB, double[] eigA, double[] eigB) {
        double s = 0;
        for (int i = 0; i < muA.length; i++) {
            s += (muA[i] - muB[i]) * (muA[i] - muB[i]);
            double t = Math.sqrt(eigA[i]) - Math.sqrt(eigB[i]);
            s += t * t;
        }
        return s;
    }

    /** For 2 x 2 covariances tr sqrt(S1 S2) = sqrt(tr(S1 S2) + 2 sqrt(det S1 det S2)) (eigenvalues of S1 S2). */
    private static double closedForm2x2(double[] muA, double[][] s1, double[] muB, double[][] s2) {
        RealMatrix a = new Array2DRowRealMatrix(s1);
        RealMatrix b = new Array2DRowRealMatrix(s2);
        double detA = s1[0][0] * s1[1][1] - s1[0][1] * s1[1][0];
        double detB = s2[0][0] * s2[1][1] - s2[0][1] * s2[1][0];
        double trRoot = Math.sqrt(a.multiply(b).getTrace() + 2 * Math.sqrt(detA * detB));
        double dm = Math.pow(muA[0] - muB[0], 2) + Math.pow(muA[1] - muB[1], 2);
        return dm + a.getTrace() + b.getTrace() - 2 * trRoot;
    }

    private static double[][] sampleGaussian(int n, double[] mu, double[][] cov, long seed) {
        RealMatrix l = new CholeskyDecomposition(new Array2DRowRealMatrix(cov)).getL();
        Random r = new Random(seed);
        int d = mu.length;
        double[][] x = new double[n][d];
        double[] z = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                z[j] = r.nextGaussian();
            }
            double[] lz = l.operate(z);
            for (int j = 0; j < d; j++) {
                x[i][j] = mu[j] + lz[j];
            }
        }
        return x;
    }

    /** A point set whose sample mean and (n-1) sample covariance are exactly mu and cov (up to round-off). */
    private static double[][] setWithExactMoments(int n, double[] mu, double[][] cov, long seed) {
        int d = mu.length;
        double[][] x = sampleGaussian(n, new double[d], identity(d), seed);
        double[] m = new double[d];
        for (double[] row : x) {
            for (int j = 0; j < d; j++) {
                m[j] += row[j] / n;
            }
        }
        RealMatrix centred = new Array2DRowRealMatrix(n, d);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                centred.setEntry(i, j, x[i][j] - m[j]);
            }
        }
        RealMatrix sample = centred.transpose().multiply(centred).scalarMultiply(1.0 / (n - 1));
        RealMatrix lSample = new CholeskyDecomposition(sample).getL();
        RealMatrix lTarget = new CholeskyDecomposition(new Array2DRowRealMatrix(cov)).getL();
        // Whiten (cov -> I), then colour with the target factor (cov -> L L^T).
        RealMatrix white = centred.multiply(MatrixUtils.inverse(lSample).transpose());
        RealMatrix coloured = white.multiply(lTarget.transpose());
        double[][] out = coloured.getData();
        for (double[] row : out) {
            for (int j = 0; j < d; j++) {
                row[j] += mu[j];
            }
        }
        return out;
    }

    private static double[][] identity(int d) {
        return MatrixUtils.createRealIdentityMatrix(d).getData();
    }

    @Test
    void diagonalMomentsByHand() {
        double[] muA = {0, 0, 0};
        double[] muB = {1, 2, 0};
        double[][] sA = {{1, 0, 0}, {0, 4, 0}, {0, 0, 9}};
        double[][] sB = {{4, 0, 0}, {0, 1, 0}, {0, 0, 1}};
        // ||dmu||^2 = 5; trace term (1+4-2*2) + (4+1-2*2) + (9+1-2*3) = 6.
        assertEquals(11.0, FrechetDistance.fromMoments(muA, sA, muB, sB), 1e-10);
        assertEquals(11.0, FrechetDistance.fromMoments(muB, sB, muA, sA), 1e-10);
    }

    @Test
    void rotatedCommutingMomentsMatchClosedForm() {
        RealMatrix r = rotation(0.7, -0.4);
        double[] eigA = {1.0, 2.5, 0.3};
        double[] eigB = {3.0, 0.5, 0.3};
        double[] muA = {0.2, -1.0, 0.5};
        double[] muB = {1.0, 0.0, -0.5};
        double expected = commutingClosedForm(muA, muB, eigA, eigB);
        double got = FrechetDistance.fromMoments(muA, rotatedCov(r, eigA), muB, rotatedCov(r, eigB));
        assertEquals(expected, got, 1e-10);
    }

    @Test
    void nonCommutingMomentsMatch2x2ClosedForm() {
        double[][] s1 = {{2.0, 0.8}, {0.8, 1.0}};
        double[][] s2 = {{0.5, -0.3}, {-0.3, 1.5}};
        double[] muA = {0.0, 1.0};
        double[] muB = {0.5, -1.0};
        assertEquals(closedForm2x2(muA, s1, muB, s2), FrechetDistance.fromMoments(muA, s1, muB, s2), 1e-10);
        // Singular covariance (a line): eigenvalue 0 must be handled, not produce NaN.
        double[][] line = {{1, 1}, {1, 1}};
        assertEquals(closedForm2x2(muA, line, muB, s2), FrechetDistance.fromMoments(muA, line, muB, s2), 1e-7);
    }

    @Test
    void setsWithExactMomentsGiveExactDistance() {
        double[][] s1 = {{2.0, 0.8}, {0.8, 1.0}};
        double[][] s2 = {{0.5, -0.3}, {-0.3, 1.5}};
        double[] muA = {0.0, 1.0};
        double[] muB = {0.5, -1.0};
        double[][] a = setWithExactMoments(50, muA, s1, 1);
        double[][] b = setWithExactMoments(80, muB, s2, 2);
        FrechetDistance fd = FrechetDistance.of(a, b);
        assertEquals(closedForm2x2(muA, s1, muB, s2), fd.value(), 1e-9);
        assertEquals(50, fd.nA());
        assertEquals(80, fd.nB());
        assertEquals(2, fd.dim());
    }

    @Test
    void sampledGaussiansApproachClosedForm() {
        RealMatrix r = rotation(0.5, 0.9);
        double[] eigA = {1.0, 2.0, 0.5};
        double[] eigB = {2.0, 1.0, 0.5};
        double[] muA = {0, 0, 0};
        double[] muB = {1.0, -0.5, 0.5};
        double[][] a = sampleGaussian(20_000, muA, rotatedCov(r, eigA), 11);
        double[][] b = sampleGaussian(20_000, muB, rotatedCov(r, eigB), 12);
        double expected = commutingClosedForm(muA, muB, eigA, eigB); // 1.5 + 2 (sqrt 2 - 1)^2 ~ 1.843
        FrechetDistance fd = FrechetDistance.of(a, b);
        // Sampling sd of the estimate is about 0.03 here (dominated by 2 dmu . (mean error)).
        assertEquals(expected, fd.value(), 0.1);
        assertEquals(20_000, fd.nA());
        assertEquals(3, fd.dim());
    }

    @Test
    void distanceToItselfIsZeroAndSymmetric() {
        double[][] a = sampleGaussian(500, new double[] {1, 2, 3}, rotatedCov(rotation(1, 2), 1, 2, 3), 3);
        double[][] b = sampleGaussian(400, new double[] {0, 2, 3}, identity(3), 4);
        assertEquals(0.0, FrechetDistance.of(a, a).value(), 1e-9);
        assertEquals(FrechetDistance.of(a, b).value(), FrechetDistance.of(b, a).value(), 1e-9);
    }

    @Test
    void rejectsBadShapes() {
        assertThrows(IllegalArgumentException.class,
                () -> FrechetDistance.of(new double[][] {{1, 2}}, new double[][] {{1, 2}, {3, 4}}));
        assertThrows(IllegalArgumentException.class,
                () -> FrechetDistance.of(new double[][] {{1, 2}, {2, 3}}, new double[][] {{1}, {3}}));
        assertThrows(IllegalArgumentException.class,
                () -> FrechetDistance.of(new double[][] {{1, 2}, {2}}, new double[][] {{1, 2}, {3, 4}}));
        assertThrows(IllegalArgumentException.class,
                () -> FrechetDistance.of(new double[][] {{1, Double.NaN}, {2, 3}}, new double[][] {{1, 2}, {3, 4}}));
    }
}

package dev.dgmbench.models.fused;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Matrix products in pure Java (SIMD through the Vector API), for engines that run without native code: the
 * {@code java} engine and the evaluator network. Every output element is accumulated in a fixed order (over the
 * inner dimension, ascending), with IEEE-exact lane operations only, so results are the same bits in interpreted
 * and compiled code and at every SIMD width (sums: {@link Kernels#dot}).
 */
public final class JavaMatMul implements MatMul {
    private static final VectorSpecies<Float> S = Kernels.SPECIES;

    /** A row-major matrix at {@code data[offset ...]}. */
    record HeapMat(float[] data, int offset, int rows, int cols) implements Mat {
    }

    @Override
    public Mat create(int rows, int cols) {
        return new HeapMat(new float[rows * cols], 0, rows, cols);
    }

    @Override
    public Mat view(Mat flat, int offset, int rows, int cols) {
        HeapMat f = (HeapMat) flat;
        return new HeapMat(f.data, f.offset + offset, rows, cols);
    }

    @Override
    public void read(Mat m, float[] dst, int len) {
        HeapMat h = (HeapMat) m;
        System.arraycopy(h.data, h.offset, dst, 0, len);
    }

    @Override
    public void write(float[] src, int len, Mat m) {
        HeapMat h = (HeapMat) m;
        System.arraycopy(src, 0, h.data, h.offset, len);
    }

    @Override
    public String name() {
        return "java-simd" + Kernels.vectorBits();
    }

    @Override
    public void gemm(Mat a, Mat b, Mat c, boolean transA, boolean transB) {
        HeapMat x = (HeapMat) a, y = (HeapMat) b, z = (HeapMat) c;
        int m = transA ? x.cols : x.rows, k = transA ? x.rows : x.cols, n = transB ? y.rows : y.cols;
        if ((transB ? y.cols : y.rows) != k || z.rows != m || z.cols != n) {
            throw new IllegalArgumentException("shapes do not match: " + m + "x" + k + " times " + (transB ? y.cols : y.rows) + "x" + n
                    + " into " + z.rows + "x" + z.cols);
        }
        java.util.Arrays.fill(z.data, z.offset, z.offset + m * n, 0f);
        if (transB) {
            rowDots(x, y, z, m, k, n, transA);
        } else {
            // C[i, :] += A[i, p] * B[p, :] for p ascending: axpy on rows, vectorised along n
            for (int i = 0; i < m; i++) {
                for (int p = 0; p < k; p++) {
                    float s = transA ? x.data[x.offset + p * x.cols + i] : x.data[x.offset + i * x.cols + p];
                    axpy(s, y.data, y.offset + p * n, z.data, z.offset + i * n, n);
                }
            }
        }
    }

    /** C[i, j] = sum_p op(A)[i, p] * B[j, p]: dot products of rows, lane sums in a fixed order. */
    private static void rowDots(HeapMat x, HeapMat y, HeapMat z, int m, int k, int n, boolean transA) {
        float[] row = new float[k];
        for (int i = 0; i < m; i++) {
            float[] a;
            int aFrom;
            if (transA) {
                for (int p = 0; p < k; p++) row[p] = x.data[x.offset + p * x.cols + i];
                a = row;
                aFrom = 0;
            } else {
                a = x.data;
                aFrom = x.offset + i * k;
            }
            for (int j = 0; j < n; j++) z.data[z.offset + i * n + j] = Kernels.dot(a, aFrom, y.data, y.offset + j * k, k);
        }
    }

    private static void axpy(float s, float[] src, int from, float[] dst, int to, int len) {
        int i = 0, bound = S.loopBound(len);
        for (; i < bound; i += S.length()) {
            FloatVector.fromArray(S, src, from + i).mul(s).add(FloatVector.fromArray(S, dst, to + i)).intoArray(dst, to + i);
        }
        for (; i < len; i++) dst[to + i] += s * src[from + i];
    }
}

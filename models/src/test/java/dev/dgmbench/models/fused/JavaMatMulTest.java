package dev.dgmbench.models.fused;

import dev.dgmbench.models.fused.MatMul.Mat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** Pure-Java products against a plain triple loop in double precision, every transpose, odd sizes (scalar tails). */
class JavaMatMulTest {
    @ParameterizedTest
    @CsvSource({"false,false", "true,false", "false,true", "true,true"})
    void productsMatchTheTripleLoop(boolean ta, boolean tb) {
        int m = 7, k = 37, n = 19;
        Random r = new Random(3);
        float[] a = new float[m * k], b = new float[k * n];
        for (int i = 0; i < a.length; i++) a[i] = (float) r.nextGaussian();
        for (int i = 0; i < b.length; i++) b[i] = (float) r.nextGaussian();
        JavaMatMul mm = new JavaMatMul();
        Mat ma = mm.create(ta ? k : m, ta ? m : k), mb = mm.create(tb ? n : k, tb ? k : n), mc = mm.create(m, n);
        // store the transposed operands transposed, so op(A) = the same A in every case
        mm.write(ta ? transpose(a, m, k) : a, a.length, ma);
        mm.write(tb ? transpose(b, k, n) : b, b.length, mb);
        mm.gemm(ma, mb, mc, ta, tb);
        float[] c = new float[m * n];
        mm.read(mc, c, c.length);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double want = 0, mag = 0;
                for (int p = 0; p < k; p++) {
                    want += (double) a[i * k + p] * b[p * n + j];
                    mag += Math.abs((double) a[i * k + p] * b[p * n + j]);
                }
                // float accumulation over k terms: error below k * 2^-24 of the sum of magnitudes
                assertEquals(want, c[i * n + j], k * 6e-8 * mag + 1e-7, "c[" + i + "," + j + "]");
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"2,3", "0,4"})
    void viewsReadAndWriteTheirOwnElements(int offset, int len) {
        JavaMatMul mm = new JavaMatMul();
        Mat flat = mm.create(1, 10);
        Mat view = mm.view(flat, offset, 1, len);
        float[] v = new float[len];
        for (int i = 0; i < len; i++) v[i] = i + 1;
        mm.write(v, len, view);
        float[] all = new float[10];
        mm.read(flat, all, 10);
        for (int i = 0; i < 10; i++) assertEquals(i >= offset && i < offset + len ? i - offset + 1 : 0f, all[i]);
    }

    private static float[] transpose(float[] x, int rows, int cols) {
        float[] t = new float[x.length];
        for (int i = 0; i < rows; i++) for (int j = 0; j < cols; j++) t[j * rows + i] = x[i * cols + j];
        return t;
    }
}

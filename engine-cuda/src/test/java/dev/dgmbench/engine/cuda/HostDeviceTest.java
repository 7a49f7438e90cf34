package dev.dgmbench.engine.cuda;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/** The host device's product and bookkeeping, against a double-precision reference. */
class HostDeviceTest {
    private final HostDevice device = new HostDevice();
    private final SplittableRandom random = new SplittableRandom(7);

    private float[] randoms(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) (2 * random.nextDouble() - 1);
        return v;
    }

    @Test
    void stridedBatchedProductMatchesADoubleReference() {
        int m = 5, n = 6, k = 40, batch = 3;
        for (boolean ta : new boolean[]{false, true}) {
            for (boolean tb : new boolean[]{false, true}) {
                for (boolean acc : new boolean[]{false, true}) {
                    float[] a = randoms(batch * m * k), b = randoms(k * n), c0 = randoms(batch * m * n);
                    Buffer ab = device.floats(a.length), bb = device.floats(b.length), cb = device.floats(c0.length);
                    device.upload(a, 0, a.length, ab, 0);
                    device.upload(b, 0, b.length, bb, 0);
                    device.upload(c0, 0, c0.length, cb, 0);
                    // B shared by every product (stride 0), as the decoder's weights would be in a single model.
                    device.gemm(ta, tb, m, n, k, ab, 0, m * k, bb, 0, 0, acc, cb, 0, m * n, batch);
                    float[] c = new float[c0.length];
                    device.download(cb, 0, c, 0, c.length);
                    for (int q = 0; q < batch; q++) {
                        for (int i = 0; i < m; i++) {
                            for (int j = 0; j < n; j++) {
                                double s = acc ? c0[q * m * n + i * n + j] : 0;
                                for (int p = 0; p < k; p++) {
                                    double x = ta ? a[q * m * k + p * m + i] : a[q * m * k + i * k + p];
                                    double y = tb ? b[j * k + p] : b[p * n + j];
                                    s += x * y;
                                }
                                // k float additions of terms below 1 in magnitude: error below k * 2^-24 * k.
                                assertEquals(s, c[q * m * n + i * n + j], k * k * Math.pow(2, -24),
                                        "ta=" + ta + " tb=" + tb + " acc=" + acc);
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void buffersCheckTypeAndBounds() {
        Buffer f = device.floats(4);
        assertThrows(IllegalArgumentException.class, () -> device.upload(new int[4], 0, 4, f, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> device.upload(new float[4], 0, 4, f, 1));
        Buffer g = device.floats(4);
        device.upload(new float[]{1, 2, 3, 4}, 0, 4, f, 0);
        device.copy(f, 1, g, 0, 3);
        float[] out = new float[4];
        device.download(g, 0, out, 0, 4);
        assertArrayEquals(new float[]{2, 3, 4, 0}, out);
    }
}

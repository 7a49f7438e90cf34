package dev.dgmbench.engine.cuda;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * Each CudaDevice works on a stream of its own: uploads that reuse the staging memory keep their bytes, and two
 * devices driven from two threads at once compute what each computes alone.
 */
@Tag("gpu")
class GpuStreamsTest {
    @BeforeAll
    static void gpu() {
        Gpu.assume();
    }

    private static float[] randoms(long seed, int n) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) (2 * r.nextDouble() - 1);
        return v;
    }

    @Test
    void backToBackUploadsThroughOneStagingKeepTheirBytes() {
        try (CudaDevice gpu = new CudaDevice(0)) {
            int n = 4 << 20; // 16 MB each: larger than a driver's pinned staging chunk
            List<float[]> sent = new ArrayList<>();
            List<Buffer> buffers = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                float[] v = randoms(i, n);
                Buffer b = gpu.floats(n);
                gpu.upload(v, 0, n, b, 0);
                sent.add(v);
                buffers.add(b);
            }
            for (int i = 0; i < sent.size(); i++) {
                float[] back = new float[n];
                gpu.download(buffers.get(i), 0, back, 0, n);
                assertArrayEquals(sent.get(i), back, "upload " + i);
            }
        }
    }

    /** 40 rounds of upload, two chained products, a kernel and a download; the last round's result. */
    private static float[] work(CudaDevice gpu, long seed) {
        int m = 64, k = 256;
        Buffer a = gpu.floats(m * k), w = gpu.floats(k * k), h = gpu.floats(m * k), o = gpu.floats(m * k);
        gpu.upload(randoms(seed + 1, k * k), 0, k * k, w, 0);
        float[] out = new float[m * k];
        for (int round = 0; round < 40; round++) {
            gpu.upload(randoms(seed * 100 + round, m * k), 0, m * k, a, 0);
            gpu.gemm(false, false, m, k, k, a, 0, 0, w, 0, 0, false, h, 0, 0, 1);
            gpu.launch(Kernel.LEAKY_DERIV, m * k, h, h, 0.01f);
            gpu.gemm(false, true, m, k, k, h, 0, 0, w, 0, 0, false, o, 0, 0, 1);
            gpu.download(o, 0, out, 0, m * k);
        }
        return out;
    }

    @Test
    void twoDevicesOnTwoThreadsComputeWhatEachComputesAlone() throws Exception {
        float[] alone0, alone1;
        try (CudaDevice gpu = new CudaDevice(0)) {
            alone0 = work(gpu, 1);
            alone1 = work(gpu, 2);
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (CudaDevice d0 = new CudaDevice(0); CudaDevice d1 = new CudaDevice(0)) {
            Future<float[]> f0 = pool.submit(() -> work(d0, 1)), f1 = pool.submit(() -> work(d1, 2));
            assertArrayEquals(alone0, f0.get(), "thread 0");
            assertArrayEquals(alone1, f1.get(), "thread 1");
        } finally {
            pool.shutdown();
        }
    }
}

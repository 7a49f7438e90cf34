package dev.dgmbench.engine.cuda;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * On the GPU a group's products are one strided-batched cuBLAS call with G matrices, a lone model's the same call
 * with one. Every kernel of ours computes each element in the same order either way, but cuBLAS picks its
 * algorithm per call shape (batch count included; e.g. split-K for a lone small product), and a different
 * algorithm sums in a different order. So bit-identity is measured and printed, not assumed; the bound is the
 * float rounding of products plus Adam's amplification of cancelling gradients (see EngineContract).
 */
@Tag("gpu")
class GpuGroupTest extends GroupContract {
    private static CudaEngine engine;

    @BeforeAll
    static void open() {
        Gpu.assume();
        engine = CudaEngine.onGpu();
    }

    @Override
    CudaEngine engine() {
        return engine;
    }

    @Override
    CudaEngine newEngine() {
        return CudaEngine.onGpu();
    }

    @Override
    boolean exact() {
        return false;
    }

    @Override
    void assertNear(String what, float[] group, float[] alone) {
        double[] gaps = new double[group.length];
        for (int i = 0; i < group.length; i++) gaps[i] = Math.abs(group[i] - alone[i]);
        java.util.Arrays.sort(gaps);
        double p99 = gaps[(int) (gaps.length * 0.99)], max = gaps[gaps.length - 1];
        System.out.printf("%s: gap 99th percentile %.2e, largest %.2e%n", what, p99, max);
        // at most 4 epochs of 3 Adam steps of lr = 1e-3, each differing by at most 2 lr
        assertTrue(max <= 2 * 1e-3 * 12, what + ": largest gap " + max);
        assertTrue(p99 <= 1e-5, what + ": 99th percentile gap " + p99);
    }
}

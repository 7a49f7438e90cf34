package dev.dgmbench.engine.cuda;

import org.junit.jupiter.api.Assumptions;

/** GPU tests run only where {@link CudaProbe} says the cuda engine can run; elsewhere they are skipped, saying why. */
final class Gpu {
    private static CudaVerdict verdict;

    private Gpu() {
    }

    static synchronized CudaVerdict verdict() {
        if (verdict == null) verdict = CudaProbe.probe();
        return verdict;
    }

    /** Skips the calling test (printing the reason) unless a supported GPU is here. */
    static void assume() {
        CudaVerdict v = verdict();
        if (!v.ok()) System.out.println("GPU test skipped: " + v.message());
        Assumptions.assumeTrue(v.ok(), () -> "no usable GPU: " + v.message());
    }
}

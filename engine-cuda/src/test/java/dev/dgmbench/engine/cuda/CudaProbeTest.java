package dev.dgmbench.engine.cuda;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The machine check's verdicts from faked facts, and its answer on this machine. */
class CudaProbeTest {
    private static final List<String> NONE = List.of();

    private static CudaProbe.Facts gpu(int driverCuda, String name, int major, int minor) {
        return new CudaProbe.Facts(true, true, driverCuda, "580.159.04", NONE, null, 1, name, major, minor, 85_000_000_000L);
    }

    @Test
    void noDriver() {
        CudaVerdict v = CudaProbe.judge(new CudaProbe.Facts(false, false, -1, null, CudaProbe.RUNTIME_LIBRARIES,
                "no jnicudart", 0, null, 0, 0, 0));
        assertEquals(CudaVerdict.Status.NO_DRIVER, v.status());
        assertTrue(v.message().contains("libcuda.so.1 cannot be loaded"), v.message());
        assertTrue(v.message().contains("nvidia-smi is absent"), v.message());
    }

    @Test
    void driverTooOldByItsCudaVersion() {
        CudaVerdict v = CudaProbe.judge(gpu(12040, "Tesla T4", 7, 5));
        assertEquals(CudaVerdict.Status.DRIVER_TOO_OLD, v.status());
        assertTrue(v.message().contains("supports CUDA 12.4"), v.message());
        assertTrue(v.message().contains("driver 580 or newer"), v.message());
    }

    @Test
    void driverTooOldByItsKernelModuleWhenTheRuntimeCannotAsk() {
        CudaVerdict v = CudaProbe.judge(new CudaProbe.Facts(true, true, -1, "535.104.05",
                List.of("libcudart.so.13"), "no libcudart", 0, null, 0, 0, 0));
        assertEquals(CudaVerdict.Status.DRIVER_TOO_OLD, v.status());
        assertTrue(v.message().contains("535.104.05"), v.message());
    }

    @Test
    void noRuntimeNamesTheMissingLibraries() {
        CudaVerdict v = CudaProbe.judge(new CudaProbe.Facts(true, true, -1, "580.159.04",
                List.of("libcublas.so.13", "libnvrtc.so.13"), "UnsatisfiedLinkError", 0, null, 0, 0, 0));
        assertEquals(CudaVerdict.Status.NO_RUNTIME, v.status());
        assertTrue(v.message().startsWith("no CUDA 13 runtime found: libcublas.so.13, libnvrtc.so.13"), v.message());
        assertTrue(v.message().contains("LD_LIBRARY_PATH"), v.message());
    }

    @Test
    void gpuTooOld() {
        CudaVerdict v = CudaProbe.judge(gpu(13000, "Tesla V100-SXM2-16GB", 7, 0));
        assertEquals(CudaVerdict.Status.GPU_TOO_OLD, v.status());
        assertTrue(v.message().contains("compute capability 7.0"), v.message());
        assertTrue(v.message().contains("7.5 (Turing) and newer"), v.message());
    }

    @Test
    void noGpu() {
        CudaVerdict v = CudaProbe.judge(new CudaProbe.Facts(true, true, 13000, null, NONE, null, 0, null, 0, 0, 0));
        assertEquals(CudaVerdict.Status.NO_GPU, v.status());
    }

    @Test
    void okDescribesTheGpu() {
        CudaVerdict v = CudaProbe.judge(gpu(13000, "NVIDIA H100 80GB HBM3", 9, 0));
        assertTrue(v.ok());
        assertEquals("NVIDIA H100 80GB HBM3, compute capability 9.0, 79.2 GiB, driver CUDA 13.0 (driver 580.159.04)",
                v.message());
        assertEquals(9, v.capabilityMajor());
    }

    @Test
    void theProviderOffersCudaAndSaysWhyItCannotRun() {
        assertTrue(dev.dgmbench.engine.Engines.available().contains("cuda"));
        CudaVerdict v = CudaProbe.probe();
        assertEquals(v.ok() ? java.util.Optional.empty() : java.util.Optional.of(v.message()),
                new CudaEngineProvider().unavailable("cuda"));
    }

    @Test
    void thisMachineGetsAVerdictInWords() {
        CudaVerdict v = CudaProbe.probe();
        System.out.println("CudaProbe on this machine: " + v.status() + ": " + v.message());
        assertFalse(v.message().isBlank());
    }
}

package dev.dgmbench.suite.backend;

import dev.dgmbench.suite.backend.probe.FakeRunner;
import dev.dgmbench.suite.backend.probe.GpuProbe;
import dev.dgmbench.suite.backend.probe.CpuInfo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BackendAvailabilityTest {

    static final CpuInfo EPYC = CpuInfoTest.linux(CpuInfoTest.EPYC_ROME);

    @Test
    void cpuBackendDoesNotProbeTheGpu() {
        FakeRunner runner = FakeRunner.notInstalled();
        BackendAvailability a = BackendAvailability.check(Backends.CPU_AVX2, EPYC, new GpuProbe(runner));
        assertTrue(a.available(), a.reason());
        assertNull(a.gpuProbe());
        assertTrue(runner.calls.isEmpty());
        assertTrue(BackendAvailability.check(Backends.CPU, EPYC, null).available());
    }

    @Test
    void avx512SkippedOnEpyc() {
        BackendAvailability a = BackendAvailability.check(Backends.CPU_AVX512, EPYC, null);
        assertTrue(a.skipped());
        assertTrue(a.reason().contains("avx512f"), a.reason());
    }

    @Test
    void cudaSkippedWithoutDriver() {
        BackendAvailability a = BackendAvailability.check(Backends.CUDA_11_6, EPYC,
                new GpuProbe(FakeRunner.notInstalled()));
        assertTrue(a.skipped());
        assertEquals("Skipping backend cuda-11.6: no NVIDIA driver found (nvidia-smi is not available).", a.reason());
        assertEquals(GpuProbe.Status.NO_DRIVER, a.gpuProbe().status());
    }

    @Test
    void cudaSkippedOnH100AndAvailableOnA100() {
        BackendAvailability h100 = BackendAvailability.check(Backends.CUDA_11_6, EPYC,
                new GpuProbe(FakeRunner.printing("NVIDIA H100 80GB HBM3, 9.0, 550.54.15")));
        assertTrue(h100.skipped());
        assertTrue(h100.reason().contains("compute capability 9.0"), h100.reason());
        BackendAvailability a100 = BackendAvailability.check(Backends.CUDA_11_6, EPYC,
                new GpuProbe(FakeRunner.printing("NVIDIA A100-SXM4-40GB, 8.0, 535.104.05")));
        assertTrue(a100.available(), a100.reason());
        assertEquals(1, a100.gpuProbe().gpus().size());
    }

    @Test
    void cudaSkippedOnAnotherPlatformWithoutProbing() {
        CpuInfo mac = CpuInfo.parse(CpuInfoTest.EPYC_ROME, "test", "Mac OS X", "aarch64");
        FakeRunner runner = FakeRunner.printing("NVIDIA A100-SXM4-40GB, 8.0, 535.104.05");
        BackendAvailability a = BackendAvailability.check(Backends.CUDA_11_6, mac, new GpuProbe(runner));
        assertFalse(a.available());
        assertTrue(runner.calls.isEmpty());
    }
}

package dev.dgmbench.suite.backend;

import dev.dgmbench.suite.backend.probe.FakeRunner;
import dev.dgmbench.suite.backend.probe.GpuInfo;
import dev.dgmbench.suite.backend.probe.GpuProbe;
import dev.dgmbench.suite.backend.probe.CommandRunner;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** GPUs faked through nvidia-smi output: no CUDA kernel is run by these tests. */
class CudaCompatibilityTest {

    static Verdict verdictFor(String nvidiaSmiOutput) {
        return CudaCompatibility.check(new GpuProbe(FakeRunner.printing(nvidiaSmiOutput)).probe());
    }

    @Test
    void h100IsRefusedNamingGpuAndCapability() {
        Verdict v = verdictFor("NVIDIA H100 80GB HBM3, 9.0, 550.54.15\n");
        assertFalse(v.supported());
        assertEquals("Skipping backend cuda-11.6: GPU 0 'NVIDIA H100 80GB HBM3' has compute capability 9.0; "
                + "nd4j-cuda-11.6 1.0.0-M2.1 ships machine code for capabilities 3.7-8.6 only and no PTX, so it "
                + "cannot run on this GPU. Use a CPU backend, or a GPU of capability 3.7-8.6 (e.g. V100, T4, A100, "
                + "A10, RTX 3090).", v.message());
    }

    @Test
    void rtx4090IsRefused() {
        Verdict v = verdictFor("NVIDIA GeForce RTX 4090, 8.9, 550.54.15\n");
        assertFalse(v.supported());
        assertTrue(v.message().contains("GPU 0 'NVIDIA GeForce RTX 4090' has compute capability 8.9"), v.message());
    }

    @Test
    void blackwellAndL4AreRefused() {
        assertFalse(verdictFor("NVIDIA B200, 10.0, 570.86.15").supported());
        assertFalse(verdictFor("NVIDIA GeForce RTX 5090, 12.0, 570.86.15").supported());
        assertFalse(verdictFor("NVIDIA L4, 8.9, 535.104.05").supported());
    }

    @Test
    void a100IsSupported() {
        Verdict v = verdictFor("NVIDIA A100-SXM4-40GB, 8.0, 535.104.05\n");
        assertTrue(v.supported(), v.message());
        assertTrue(v.message().contains("GPU 0 'NVIDIA A100-SXM4-40GB' (compute capability 8.0, driver 535.104.05)"),
                v.message());
        assertTrue(v.message().contains("not bitwise reproducible"), v.message());
    }

    @Test
    void t4IsSupported() {
        assertTrue(verdictFor("Tesla T4, 7.5, 535.104.05").supported());
    }

    @Test
    void k80IsSupported() {
        assertTrue(verdictFor("Tesla K80, 3.7, 470.199.02").supported());
    }

    @Test
    void otherSupportedAndUnsupportedCapabilities() {
        assertTrue(verdictFor("NVIDIA A10, 8.6, 535.104.05").supported());
        assertTrue(verdictFor("Tesla V100-SXM2-16GB, 7.0, 535.104.05").supported());
        assertTrue(verdictFor("Tesla P100-PCIE-16GB, 6.0, 535.104.05").supported());
        assertTrue(verdictFor("Jetson-like, 7.2, 535.104.05").supported(), "7.2 runs 7.0 machine code");
        Verdict k40 = verdictFor("Tesla K40m, 3.5, 470.199.02");
        assertFalse(k40.supported());
        assertTrue(k40.message().contains("compute capability 3.5"), k40.message());
        assertFalse(verdictFor("Orin-like, 8.7, 535.104.05").supported());
    }

    @Test
    void oneUnsuitableGpuAmongSeveralRefusesAndSaysWhy() {
        Verdict v = verdictFor("Tesla T4, 7.5, 550.54.15\nNVIDIA H100 80GB HBM3, 9.0, 550.54.15\n");
        assertFalse(v.supported());
        assertTrue(v.message().contains("GPU 1 'NVIDIA H100 80GB HBM3' has compute capability 9.0"), v.message());
        assertTrue(v.message().contains("every GPU"), v.message());
    }

    @Test
    void tooOldDriverIsRefused() {
        Verdict v = verdictFor("Tesla T4, 7.5, 440.33.01");
        assertFalse(v.supported());
        assertTrue(v.message().contains("driver 440.33.01 is older than 450.80.02"), v.message());
    }

    @Test
    void noDriver() {
        Verdict v = CudaCompatibility.check(new GpuProbe(FakeRunner.notInstalled()).probe());
        assertFalse(v.supported());
        assertEquals("Skipping backend cuda-11.6: no NVIDIA driver found (nvidia-smi is not available).",
                v.message());
    }

    @Test
    void failingDriver() {
        Verdict v = CudaCompatibility.check(new GpuProbe(FakeRunner.of((c, t) -> CommandRunner.Result.failed(9,
                "NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver.", ""))).probe());
        assertFalse(v.supported());
        assertTrue(v.message().startsWith("Skipping backend cuda-11.6: no working NVIDIA driver (nvidia-smi exited "
                + "with code 9: NVIDIA-SMI has failed"), v.message());
    }

    @Test
    void noGpu() {
        Verdict v = verdictFor("");
        assertFalse(v.supported());
        assertTrue(v.message().startsWith("Skipping backend cuda-11.6: no GPU found"), v.message());
        assertEquals("Skipping backend cuda-11.6: no GPU found (nvidia-smi listed no devices).",
                CudaCompatibility.check(List.of()).message());
    }

    @Test
    void timeout() {
        Verdict v = CudaCompatibility.check(
                new GpuProbe(FakeRunner.of((c, t) -> CommandRunner.Result.timeout())).probe());
        assertFalse(v.supported());
        assertEquals("Skipping backend cuda-11.6: nvidia-smi did not answer within 5 s (the NVIDIA driver or a GPU "
                + "may be hung).", v.message());
    }

    @Test
    void garbled() {
        Verdict v = verdictFor("this is not csv at all");
        assertFalse(v.supported());
        assertEquals("Skipping backend cuda-11.6: could not read nvidia-smi output line 'this is not csv at all' "
                + "(expected 'name, compute_cap, driver_version').", v.message());
    }

    @Test
    void runsFollowsMachineCodeCompatibility() {
        assertTrue(CudaCompatibility.runs(new GpuInfo(0, "x", 3, 7, "535")));
        assertTrue(CudaCompatibility.runs(new GpuInfo(0, "x", 8, 6, "535")));
        assertFalse(CudaCompatibility.runs(new GpuInfo(0, "x", 8, 9, "535")));
        assertFalse(CudaCompatibility.runs(new GpuInfo(0, "x", 9, 0, "535")));
        assertFalse(CudaCompatibility.runs(new GpuInfo(0, "x", 3, 5, "535")));
        assertFalse(CudaCompatibility.runs(new GpuInfo(0, "x", 4, 0, "535")));
    }
}

package dev.dgmbench.suite.backend.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.dgmbench.suite.backend.CudaCompatibility;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** nvidia-smi faked: there is no GPU on the machine these tests were written on. */
class GpuProbeTest {

    static GpuProbe.Result probe(FakeRunner runner) {
        return new GpuProbe(runner).probe();
    }

    @Test
    void asksNvidiaSmiForNameCapabilityAndDriverWithATimeout() {
        FakeRunner runner = FakeRunner.of((c, t) -> {
            assertEquals(Duration.ofSeconds(5), t);
            return CommandRunner.Result.ok("Tesla T4, 7.5, 535.104.05\n");
        });
        probe(runner);
        assertEquals(List.of(List.of("nvidia-smi", "--query-gpu=name,compute_cap,driver_version",
                "--format=csv,noheader")), runner.calls);
    }

    @Test
    void parsesEachGpuLine() {
        GpuProbe.Result r = probe(FakeRunner.printing(
                "NVIDIA A100-SXM4-80GB, 8.0, 535.104.05\r\nNVIDIA A100-SXM4-80GB, 8.0, 535.104.05\n\n"));
        assertEquals(GpuProbe.Status.OK, r.status());
        assertEquals(2, r.gpus().size());
        GpuInfo g = r.gpus().get(1);
        assertEquals(1, g.index());
        assertEquals("NVIDIA A100-SXM4-80GB", g.name());
        assertEquals(8, g.capabilityMajor());
        assertEquals(0, g.capabilityMinor());
        assertEquals("8.0", g.capability());
        assertEquals("535.104.05", g.driverVersion());
    }

    @Test
    void nameWithACommaStillParses() {
        GpuProbe.Result r = GpuProbe.parse("Some, Odd Board, 12.0, 570.86.15");
        assertEquals(GpuProbe.Status.OK, r.status());
        assertEquals("Some, Odd Board", r.gpus().get(0).name());
        assertEquals("12.0", r.gpus().get(0).capability());
    }

    @Test
    void notInstalledMeansNoDriver() {
        GpuProbe.Result r = probe(FakeRunner.notInstalled());
        assertEquals(GpuProbe.Status.NO_DRIVER, r.status());
        assertTrue(r.detail().startsWith("nvidia-smi is not available"), r.detail());
    }

    @Test
    void failingCommandMeansNoWorkingDriver() {
        GpuProbe.Result r = probe(FakeRunner.of((c, t) -> CommandRunner.Result.failed(9,
                "NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver. Make sure that the "
                        + "latest NVIDIA driver is installed and running.\n", "")));
        assertEquals(GpuProbe.Status.NO_DRIVER, r.status());
        assertTrue(r.detail().contains("exited with code 9"), r.detail());
        assertTrue(r.detail().contains("couldn't communicate with the NVIDIA driver"), r.detail());
    }

    @Test
    void emptyOutputMeansNoGpu() {
        assertEquals(GpuProbe.Status.NO_GPU, probe(FakeRunner.printing("")).status());
        assertEquals(GpuProbe.Status.NO_GPU, probe(FakeRunner.of(
                (c, t) -> CommandRunner.Result.failed(6, "No devices were found\n", ""))).status());
    }

    @Test
    void runnerTimeoutIsReported() {
        GpuProbe.Result r = probe(FakeRunner.of((c, t) -> CommandRunner.Result.timeout()));
        assertEquals(GpuProbe.Status.TIMEOUT, r.status());
        assertTrue(r.detail().contains("did not answer within 5 s"), r.detail());
    }

    @Test
    void aRunnerThatHangsDoesNotHangTheProbe() {
        FakeRunner hanging = FakeRunner.of((c, t) -> {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return CommandRunner.Result.ok("Tesla T4, 7.5, 535.104.05");
        });
        GpuProbe probe = new GpuProbe(hanging, Duration.ofMillis(200));
        GpuProbe.Result r = assertTimeoutPreemptively(Duration.ofSeconds(10), probe::probe);
        assertEquals(GpuProbe.Status.TIMEOUT, r.status());
        assertTrue(r.detail().contains("0.2 s"), r.detail());
    }

    @Test
    void garbledLineIsUnreadableAndQuoted() {
        GpuProbe.Result r = probe(FakeRunner.printing("NVIDIA H100 80GB HBM3, 9.0, 550.54.15\n"
                + "WARNING: infoROM is corrupted at gpu 0000:04:00.0\n"));
        assertEquals(GpuProbe.Status.UNREADABLE, r.status());
        assertTrue(r.detail().contains("'WARNING: infoROM is corrupted at gpu 0000:04:00.0'"), r.detail());
        assertTrue(r.gpus().isEmpty());
        assertEquals(GpuProbe.Status.UNREADABLE, GpuProbe.parse("Tesla T4, [N/A], 535.104.05").status());
        assertEquals(GpuProbe.Status.UNREADABLE, GpuProbe.parse("Tesla T4, 7.5, unknown").status());
        assertEquals(GpuProbe.Status.UNREADABLE, GpuProbe.parse(", 7.5, 535.1").status());
    }

    @Test
    void oldDriverWithoutComputeCapFallsBackToTheName() {
        FakeRunner runner = FakeRunner.of(
                (c, t) -> CommandRunner.Result.failed(2, "Field \"compute_cap\" is not a valid field to query.\n",
                        ""),
                (c, t) -> CommandRunner.Result.ok("Tesla K80, 470.199.02\nTesla K80, 470.199.02\n"));
        GpuProbe.Result r = probe(runner);
        assertEquals(2, runner.calls.size());
        assertEquals(GpuProbe.FALLBACK_COMMAND, runner.calls.get(1));
        assertEquals(GpuProbe.Status.OK, r.status());
        assertEquals("3.7", r.gpus().get(0).capability());
        assertTrue(r.detail().contains("taken from the GPU name"), r.detail());
    }

    @Test
    void oldDriverWithAnUnknownGpuIsUnreadable() {
        GpuProbe.Result r = probe(FakeRunner.of(
                (c, t) -> CommandRunner.Result.failed(2, "Field \"compute_cap\" is not a valid field to query.\n",
                        ""),
                (c, t) -> CommandRunner.Result.ok("Mystery Accelerator 9000, 470.199.02\n")));
        assertEquals(GpuProbe.Status.UNREADABLE, r.status());
        assertTrue(r.detail().contains("'Mystery Accelerator 9000'"), r.detail());
        assertTrue(r.detail().contains("470.199.02"), r.detail());
    }

    @Test
    void knownGpuNames() {
        assertEquals("3.7", cap("Tesla K80"));
        assertEquals("3.5", cap("Tesla K40m"));
        assertEquals("6.0", cap("Tesla P100-PCIE-16GB"));
        assertEquals("6.1", cap("Tesla P40"));
        assertEquals("6.1", cap("Tesla P4"));
        assertEquals("7.0", cap("Tesla V100-SXM2-16GB"));
        assertEquals("7.5", cap("Tesla T4"));
        assertEquals("8.0", cap("NVIDIA A100-SXM4-40GB"));
        assertEquals("8.6", cap("NVIDIA A10G"));
        assertEquals("8.6", cap("NVIDIA GeForce RTX 3090"));
        assertEquals("none", cap("NVIDIA T400"));
        assertEquals("none", cap("NVIDIA GeForce RTX 4090"));
    }

    private static String cap(String name) {
        return KnownGpus.capabilityOf(name).map(c -> c[0] + "." + c[1]).orElse("none");
    }

    @Test
    void probeIsAskedOnce() {
        FakeRunner runner = FakeRunner.printing("Tesla T4, 7.5, 535.104.05");
        GpuProbe probe = new GpuProbe(runner);
        probe.probe();
        probe.probe();
        assertEquals(1, runner.calls.size());
    }

    @Test
    void runnerExceptionOtherThanIoIsNoDriverNotACrash() {
        GpuProbe.Result r = probe(FakeRunner.of((c, t) -> {
            throw new IllegalStateException("boom");
        }));
        assertEquals(GpuProbe.Status.NO_DRIVER, r.status());
        assertTrue(r.detail().contains("boom"), r.detail());
    }

    // --- the real process runner ---

    @Test
    void realRunnerKillsACommandAtTheTimeout() throws IOException {
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "needs /bin/sh");
        long start = System.nanoTime();
        CommandRunner.Result r = CommandRunner.system().run(List.of("/bin/sh", "-c", "echo started; sleep 30"),
                Duration.ofMillis(300));
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertTrue(r.timedOut());
        assertTrue(ms < 5_000, "took " + ms + " ms");
        assertTrue(r.stdout().contains("started"), r.stdout());
    }

    @Test
    void realRunnerCollectsOutputAndExitCode() throws IOException {
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "needs /bin/sh");
        CommandRunner.Result r = CommandRunner.system().run(List.of("/bin/sh", "-c", "echo out; echo err >&2; exit 3"),
                Duration.ofSeconds(5));
        assertFalse(r.timedOut());
        assertEquals(3, r.exitCode());
        assertEquals("out", r.stdout().strip());
        assertEquals("err", r.stderr().strip());
    }

    @Test
    void realProbeOnThisMachine() {
        // No GPU and no nvidia-smi where this was written: the real probe must say so quickly, not fail.
        GpuProbe.Result r = assertTimeoutPreemptively(Duration.ofSeconds(15), () -> GpuProbe.system().probe());
        if (!onPath("nvidia-smi")) {
            assertEquals(GpuProbe.Status.NO_DRIVER, r.status());
            assertEquals("Skipping backend cuda-11.6: no NVIDIA driver found (nvidia-smi is not available).",
                    CudaCompatibility.check(r).message());
        }
    }

    static boolean onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }
}

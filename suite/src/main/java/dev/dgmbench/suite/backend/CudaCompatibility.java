package dev.dgmbench.suite.backend;

import dev.dgmbench.suite.backend.probe.GpuInfo;
import dev.dgmbench.suite.backend.probe.GpuProbe;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Decides, from what {@link GpuProbe} found, whether nd4j-cuda-11.6 1.0.0-M2.1 can run here, before any ND4J or
 * CUDA class is loaded (this class touches neither).
 *
 * <p>The facts it rests on: nd4j-cuda-11.6 1.0.0-M2.1 carries machine code (SASS) for compute capabilities 3.7, 5.0,
 * 5.2, 6.0, 6.1, 7.0, 7.5, 8.0 and 8.6 and no PTX, so the driver cannot compile it for a newer GPU; machine code for
 * X.Y runs on X.Z only for Z >= Y; and its CUDA 11.6 runtime predates Ada (8.9), Hopper (9.0) and Blackwell (10.x,
 * 12.x), so anything above 8.6 is refused, as is anything below 3.7. CUDA 11.x needs a driver of version 450.80.02
 * or newer.
 */
public final class CudaCompatibility {

    /** Compute capabilities nd4j-cuda-11.6 1.0.0-M2.1 ships machine code for, as {major, minor}. */
    private static final List<int[]> SHIPPED_CAPABILITIES = List.of(new int[] {3, 7}, new int[] {5, 0},
            new int[] {5, 2}, new int[] {6, 0}, new int[] {6, 1}, new int[] {7, 0}, new int[] {7, 5},
            new int[] {8, 0}, new int[] {8, 6});
    /** As written in messages: {@code 3.7, 5.0, 5.2, 6.0, 6.1, 7.0, 7.5, 8.0, 8.6}. */
    public static final String SHIPPED = "3.7, 5.0, 5.2, 6.0, 6.1, 7.0, 7.5, 8.0, 8.6";
    public static final String CAPABILITY_RANGE = "3.7-8.6";
    /** Oldest Linux driver that runs CUDA 11.x applications (CUDA minor version compatibility). */
    public static final String MIN_DRIVER = "450.80.02";

    private static final String BACKEND = Backends.CUDA_11_6.name();
    private static final String PREFIX = "Skipping backend " + BACKEND + ": ";
    private static final String EXAMPLES = "e.g. V100, T4, A100, A10, RTX 3090";

    private CudaCompatibility() {
    }

    /** The verdict for a probe's result: a missing driver, no GPU, a timeout or unreadable output are refusals. */
    public static Verdict check(GpuProbe.Result probe) {
        Objects.requireNonNull(probe, "probe");
        return switch (probe.status()) {
            case OK -> check(probe.gpus());
            case NO_DRIVER -> probe.detail().startsWith("nvidia-smi is not available")
                    ? Verdict.refused(PREFIX + "no NVIDIA driver found (nvidia-smi is not available).")
                    : Verdict.refused(PREFIX + "no working NVIDIA driver (" + probe.detail() + ").");
            case NO_GPU -> Verdict.refused(PREFIX + "no GPU found (" + probe.detail() + ").");
            case TIMEOUT, UNREADABLE -> Verdict.refused(PREFIX + probe.detail() + ".");
        };
    }

    /**
     * The verdict for a list of GPUs. ND4J may use every GPU the driver shows, so every listed GPU must be able to
     * run the backend; an empty list means no GPU.
     */
    public static Verdict check(List<GpuInfo> gpus) {
        Objects.requireNonNull(gpus, "gpus");
        if (gpus.isEmpty()) {
            return Verdict.refused(PREFIX + "no GPU found (nvidia-smi listed no devices).");
        }
        List<GpuInfo> unsupported = gpus.stream().filter(g -> !runs(g)).toList();
        if (!unsupported.isEmpty()) {
            String which = unsupported.stream()
                    .map(g -> "GPU " + g.index() + " '" + g.name() + "' has compute capability " + g.capability())
                    .collect(Collectors.joining(" and "));
            String others = gpus.size() > unsupported.size()
                    ? " (ND4J may use every GPU the driver shows, so one unsuitable GPU is enough to skip the backend.)"
                    : "";
            return Verdict.refused(PREFIX + which + "; nd4j-cuda-11.6 " + Backends.ND4J_VERSION
                    + " ships machine code for capabilities " + CAPABILITY_RANGE + " only and no PTX, so it cannot run"
                    + (unsupported.size() == 1 ? " on this GPU." : " on these GPUs.")
                    + " Use a CPU backend, or a GPU of capability " + CAPABILITY_RANGE + " (" + EXAMPLES + ")."
                    + others);
        }
        List<GpuInfo> oldDriver = new ArrayList<>();
        for (GpuInfo g : gpus) {
            if (compareVersions(g.driverVersion(), MIN_DRIVER) < 0) {
                oldDriver.add(g);
            }
        }
        if (!oldDriver.isEmpty()) {
            GpuInfo g = oldDriver.get(0);
            return Verdict.refused(PREFIX + "NVIDIA driver " + g.driverVersion() + " is older than " + MIN_DRIVER
                    + ", the oldest that runs CUDA 11.x. Update the driver or use a CPU backend.");
        }
        String on = gpus.size() == 1
                ? describe(gpus.get(0))
                : gpus.size() + " GPUs: " + gpus.stream().map(CudaCompatibility::describe)
                        .collect(Collectors.joining(", "));
        return Verdict.ok("Backend " + BACKEND + " can run on " + on + ". Note that CUDA results are not bitwise "
                + "reproducible from run to run.");
    }

    /** Whether nd4j-cuda-11.6 1.0.0-M2.1 has machine code that runs on this GPU. */
    public static boolean runs(GpuInfo gpu) {
        if (gpu.compareCapability(3, 7) < 0 || gpu.compareCapability(8, 6) > 0) {
            return false;
        }
        for (int[] shipped : SHIPPED_CAPABILITIES) {
            if (shipped[0] == gpu.capabilityMajor() && shipped[1] <= gpu.capabilityMinor()) {
                return true;
            }
        }
        return false;
    }

    private static String describe(GpuInfo g) {
        return "GPU " + g.index() + " '" + g.name() + "' (compute capability " + g.capability() + ", driver "
                + g.driverVersion() + ")";
    }

    /** Compares dotted numeric versions ({@code 535.104.05} vs {@code 450.80.02}); missing parts count as 0. */
    static int compareVersions(String a, String b) {
        String[] pa = a.split("\\.");
        String[] pb = b.split("\\.");
        for (int i = 0; i < Math.max(pa.length, pb.length); i++) {
            long x = i < pa.length ? parse(pa[i]) : 0;
            long y = i < pb.length ? parse(pb[i]) : 0;
            if (x != y) {
                return Long.compare(x, y);
            }
        }
        return 0;
    }

    private static long parse(String part) {
        try {
            return Long.parseLong(part.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}

package dev.dgmbench.suite.backend;

import dev.dgmbench.suite.backend.probe.GpuProbe;
import dev.dgmbench.suite.backend.probe.CpuInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Whether a backend can run on this machine, decided before any ND4J class is loaded, so the runner can skip a
 * backend with a plain reason instead of crashing in native code.
 *
 * @param backend   the backend asked about
 * @param available true when it can run
 * @param reason    plain-language reason: why it was skipped, or what it will run on
 * @param gpuProbe  what nvidia-smi said, for CUDA backends (kept for provenance); null for CPU backends
 */
public record BackendAvailability(Backend backend, boolean available, String reason, GpuProbe.Result gpuProbe) {

    public BackendAvailability {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(reason, "reason");
    }

    public boolean skipped() {
        return !available;
    }

    /**
     * InputChecks the platform and CPU flags for every backend, and for CUDA also the GPUs (the probe is only run for
     * CUDA backends; it may be null when {@code backend} is a CPU build).
     */
    public static BackendAvailability check(Backend backend, CpuInfo cpu, GpuProbe gpuProbe) {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(cpu, "cpu");
        Verdict platform = onCpu(backend, cpu);
        if (!platform.supported()) {
            return new BackendAvailability(backend, false, platform.message(), null);
        }
        if (backend.isCpu()) {
            return new BackendAvailability(backend, true, platform.message(), null);
        }
        Objects.requireNonNull(gpuProbe, "gpuProbe is needed for a CUDA backend");
        GpuProbe.Result probe = gpuProbe.probe();
        Verdict gpu = CudaCompatibility.check(probe);
        return new BackendAvailability(backend, gpu.supported(), gpu.message(), probe);
    }

    /**
     * Whether a backend's native code can run on this CPU. The generic builds run on any x86-64 CPU; an avx2 or
     * avx512 build on a CPU without the instructions it was compiled for would die with an illegal instruction,
     * so it is refused here with a message that names the CPU and the missing flags. CUDA builds only need the
     * platform to match (the GPU is checked by {@link CudaCompatibility}).
     */
    public static Verdict onCpu(Backend backend, CpuInfo cpu) {
        Objects.requireNonNull(backend, "backend");
        if (!cpu.isLinuxX86_64()) {
            return Verdict.refused("Skipping backend " + backend.name() + ": its native jar is built for "
                    + Backends.PLATFORM + ", but this JVM runs on " + cpu.osName() + " " + cpu.osArch() + ".");
        }
        if (backend.requiredCpuFlags().isEmpty()) {
            return Verdict.ok("Backend " + backend.name() + " can run on CPU '" + cpu.modelName() + "'.");
        }
        if (cpu.flags().isEmpty()) {
            return Verdict.refused("Skipping backend " + backend.name() + ": it needs the CPU instructions "
                    + String.join(", ", backend.requiredCpuFlags()) + ", and the CPU's flags could not be read ("
                    + cpu.source() + "), so running it could crash the JVM with an illegal instruction. Use backend "
                    + genericFor(backend).name() + ".");
        }
        List<String> missing = new ArrayList<>();
        for (String flag : backend.requiredCpuFlags()) {
            if (!cpu.flags().contains(flag)) {
                missing.add(flag);
            }
        }
        if (!missing.isEmpty()) {
            return Verdict.refused("Skipping backend " + backend.name() + ": CPU '" + cpu.modelName() + "' lacks "
                    + (missing.size() == 1 ? "the instruction set flag " : "the instruction set flags ")
                    + String.join(", ", missing) + ", which this build was compiled for (running it would crash "
                    + "with an illegal instruction). Use " + bestFallbackName(backend, cpu) + " instead.");
        }
        return Verdict.ok("Backend " + backend.name() + " can run on CPU '" + cpu.modelName() + "' (has "
                + String.join(", ", backend.requiredCpuFlags()) + ").");
    }

    private static String bestFallbackName(Backend refused, CpuInfo cpu) {
        boolean onednn = refused.name().contains("onednn");
        Backend avx2 = onednn ? Backends.CPU_ONEDNN_AVX2 : Backends.CPU_AVX2;
        if (!avx2.equals(refused) && cpu.flags().containsAll(avx2.requiredCpuFlags())) {
            return "backend " + avx2.name();
        }
        return "backend " + genericFor(refused).name();
    }

    private static Backend genericFor(Backend backend) {
        return backend.name().contains("onednn") ? Backends.CPU_ONEDNN : Backends.CPU;
    }
}

package dev.dgmbench.suite.backend;

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
     * Checks the platform and CPU flags for every backend, and for CUDA also the GPUs (the probe is only run for
     * CUDA backends; it may be null when {@code backend} is a CPU build).
     */
    public static BackendAvailability check(Backend backend, CpuInfo cpu, GpuProbe gpuProbe) {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(cpu, "cpu");
        Verdict platform = cpu.supports(backend);
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
}

package dev.dgmbench.engine.cuda;

import dev.dgmbench.engine.Engine;
import dev.dgmbench.engine.EngineProvider;
import dev.dgmbench.engine.EngineTraits;

import java.util.List;
import java.util.Optional;

/**
 * Offers the {@code cuda} engine (NVIDIA GPUs, CUDA 13); creating it runs the machine check first. For pipeline
 * tests without a GPU, the system property {@code dgmbench.cuda.device=host} builds it on {@link HostDevice}
 * (slow; its provenance says device "host").
 */
public final class CudaEngineProvider implements EngineProvider {
    static final String DEVICE_PROPERTY = "dgmbench.cuda.device";

    private static boolean onHost() {
        return "host".equals(System.getProperty(DEVICE_PROPERTY));
    }

    @Override
    public List<String> names() {
        return List.of("cuda");
    }

    @Override
    public Engine create(String name) {
        return onHost() ? CudaEngine.onHost() : CudaEngine.onGpu();
    }

    /**
     * The engine of backend {@code cuda}, the only one it runs on: one worker on the one GPU, training the runs of a
     * shape as stacked groups, continuing as many runs at once as the cores allow while the GPU works; its JavaCPP
     * 1.5.13 cannot share a class path with ND4J's 1.5.7.
     */
    @Override
    public EngineTraits traits(String name) {
        return new EngineTraits(true, EngineTraits.Workers.ONE, EngineTraits.ConcurrentRuns.CORES_PER_WORKER, true,
                List.of("cuda"), List.of("cuda"));
    }

    /** The machine check's refusal (no driver, driver too old, no CUDA 13 runtime, no GPU, GPU too old). */
    @Override
    public Optional<String> unavailable(String name) {
        if (onHost()) return Optional.empty();
        CudaVerdict v = CudaProbe.probe();
        return v.ok() ? Optional.empty() : Optional.of(v.message());
    }
}

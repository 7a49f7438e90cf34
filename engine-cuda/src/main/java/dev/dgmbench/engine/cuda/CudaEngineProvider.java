package dev.dgmbench.engine.cuda;

import dev.dgmbench.engine.Engine;
import dev.dgmbench.engine.EngineProvider;

import java.util.List;
import java.util.Optional;

/** Offers the {@code cuda} engine (NVIDIA GPUs, CUDA 13); creating it runs the machine check first. */
public final class CudaEngineProvider implements EngineProvider {
    @Override
    public List<String> names() {
        return List.of("cuda");
    }

    @Override
    public Engine create(String name) {
        return CudaEngine.onGpu();
    }

    /** The machine check's refusal (no driver, driver too old, no CUDA 13 runtime, no GPU, GPU too old). */
    @Override
    public Optional<String> unavailable(String name) {
        CudaVerdict v = CudaProbe.probe();
        return v.ok() ? Optional.empty() : Optional.of(v.message());
    }
}

package dev.dgmbench.engine.cuda;

import dev.dgmbench.engine.Engine;
import dev.dgmbench.engine.EngineProvider;

import java.util.List;

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
}

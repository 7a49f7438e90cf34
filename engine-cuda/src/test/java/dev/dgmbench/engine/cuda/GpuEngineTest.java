package dev.dgmbench.engine.cuda;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;

/** The cuda engine on the GPU against the fused engine, same weights and noise. */
@Tag("gpu")
class GpuEngineTest extends EngineContract {
    private static CudaEngine engine;

    @BeforeAll
    static void open() {
        Gpu.assume();
        engine = CudaEngine.onGpu();
        System.out.println("cuda engine: " + engine.provenance());
    }

    @Override
    CudaEngine engine() {
        return engine;
    }
}

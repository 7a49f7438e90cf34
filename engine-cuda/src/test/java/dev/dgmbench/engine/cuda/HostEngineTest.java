package dev.dgmbench.engine.cuda;

/** The cuda engine's launch sequence and bookkeeping on the host device, against the fused engine (CI). */
class HostEngineTest extends EngineContract {
    private final CudaEngine engine = CudaEngine.onHost();

    @Override
    CudaEngine engine() {
        return engine;
    }
}

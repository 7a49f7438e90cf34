package dev.dgmbench.engine.cuda;

/** On the host device a stacked member runs exactly the loops of a lone model: bit-identical results. */
class HostGroupTest extends GroupContract {
    private final CudaEngine engine = CudaEngine.onHost();

    @Override
    CudaEngine engine() {
        return engine;
    }

    @Override
    CudaEngine newEngine() {
        return CudaEngine.onHost();
    }

    @Override
    boolean exact() {
        return true;
    }

    @Override
    void assertNear(String what, float[] group, float[] alone) {
        throw new AssertionError("exact comparison expected");
    }
}

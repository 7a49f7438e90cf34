package dev.dgmbench.models.fused;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * All parameters of a fused model as one flat vector, twice: in native memory (the BLAS operands, sliced into
 * layers by {@link DenseStack}) and on the heap (the optimiser's master copy). Gradients likewise. One step
 * reads the gradients, updates the heap copy in one SIMD pass and writes it back.
 */
final class FlatParameters {
    final INDArray params, grads;
    private final float[] hostParams, hostGrads;
    private HostOptimizer optimizer;

    FlatParameters(int size, boolean trainable) {
        params = Nd4j.create(DataType.FLOAT, 1, size);
        grads = trainable ? Nd4j.create(DataType.FLOAT, 1, size) : null;
        hostParams = new float[size];
        hostGrads = trainable ? new float[size] : null;
    }

    /** Call after writing into {@link #params} natively (weights copied in), to refresh the heap copy. */
    void pulled() {
        HostArrays.read(params, hostParams, hostParams.length);
    }

    void useUpdater(IUpdater config) {
        if (grads == null) throw new IllegalStateException("these parameters were made for inference only");
        optimizer = new HostOptimizer(config, hostParams.length);
    }

    /** Applies the optimiser to the gradients the last backward pass wrote. */
    void step() {
        if (optimizer == null) throw new IllegalStateException("no optimiser: call useUpdater first");
        HostArrays.read(grads, hostGrads, hostGrads.length);
        optimizer.step(hostParams, hostGrads);
        HostArrays.write(hostParams, hostParams.length, params);
    }

    float[] snapshot() {
        return hostParams.clone();
    }

    void restore(float[] snapshot) {
        System.arraycopy(snapshot, 0, hostParams, 0, hostParams.length);
        HostArrays.write(hostParams, hostParams.length, params);
    }
}

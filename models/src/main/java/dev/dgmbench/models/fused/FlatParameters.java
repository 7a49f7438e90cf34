package dev.dgmbench.models.fused;

import dev.dgmbench.engine.Layer;
import dev.dgmbench.engine.MlpWeights;
import dev.dgmbench.engine.OptimizerSpec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import dev.dgmbench.models.fused.MatMul.Mat;

/**
 * All parameters of a fused model as one flat vector, twice: as a product operand (sliced into layers by
 * {@link DenseStack}) and on the heap (the optimiser's master copy). Gradients likewise. One step reads the
 * gradients, updates the heap copy in one SIMD pass and writes it back.
 */
final class FlatParameters {
    final Mat params, grads;
    private final MatMul mm;
    private final float[] hostParams, hostGrads;
    private HostOptimizer optimizer;

    FlatParameters(MatMul mm, int size, boolean trainable) {
        this.mm = mm;
        params = mm.create(1, size);
        grads = trainable ? mm.create(1, size) : null;
        hostParams = new float[size];
        hostGrads = trainable ? new float[size] : null;
    }

    int size() {
        return hostParams.length;
    }

    void useOptimizer(OptimizerSpec spec) {
        if (grads == null) throw new IllegalStateException("these parameters were made for inference only");
        optimizer = new HostOptimizer(spec, hostParams.length);
    }

    /** Applies the optimiser to the gradients the last backward pass wrote. */
    void step() {
        if (optimizer == null) throw new IllegalStateException("no optimiser: call startTraining first");
        mm.read(grads, hostGrads, hostGrads.length);
        optimizer.step(hostParams, hostGrads);
        mm.write(hostParams, hostParams.length, params);
    }

    /** A copy of the current values. */
    float[] snapshot() {
        return hostParams.clone();
    }

    /** Sets every value (weights loaded, or a snapshot restored). */
    void restore(float[] values) {
        if (values.length != hostParams.length) {
            throw new IllegalArgumentException("expected " + hostParams.length + " parameters, got " + values.length);
        }
        System.arraycopy(values, 0, hostParams, 0, hostParams.length);
        mm.write(hostParams, hostParams.length, params);
    }

    /** Sets the values from an MLP's layers, packed as {@link DenseStack} reads them (per layer: w, then b). */
    void load(MlpWeights weights) {
        float[] p = new float[hostParams.length];
        int at = 0;
        for (Layer l : weights.layers()) at = pack(p, at, l);
        restore(p);
    }

    /** The current values as an MLP's layers of these names and widths (copies). */
    MlpWeights weights(List<String> names, int[] widths) {
        List<Layer> layers = new ArrayList<>();
        int at = 0;
        for (int i = 0; i + 1 < widths.length; i++) {
            layers.add(unpack(hostParams, at, widths[i], widths[i + 1]));
            at += layers.get(i).size();
        }
        return new MlpWeights(names, layers);
    }

    /** Writes l's weights then bias into p at {@code at}; returns the next offset. */
    static int pack(float[] p, int at, Layer l) {
        System.arraycopy(l.w(), 0, p, at, l.w().length);
        System.arraycopy(l.b(), 0, p, at + l.w().length, l.out());
        return at + l.size();
    }

    /** The layer of these widths packed at {@code at} (a copy). */
    static Layer unpack(float[] p, int at, int in, int out) {
        return new Layer(in, out, Arrays.copyOfRange(p, at, at + in * out), Arrays.copyOfRange(p, at + in * out, at + in * out + out));
    }

    /** The live heap copy (read only). */
    float[] values() {
        return hostParams;
    }
}

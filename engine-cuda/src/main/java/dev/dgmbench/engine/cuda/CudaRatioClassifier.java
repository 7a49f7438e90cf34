package dev.dgmbench.engine.cuda;

import dev.dgmbench.engine.Layer;
import dev.dgmbench.engine.MlpWeights;
import dev.dgmbench.engine.OptimizerSpec;
import dev.dgmbench.engine.RatioClassifier;

import java.util.ArrayList;
import java.util.List;

/** The NCE classifier on a device ({@link DeviceMlp}); parameters flat, per layer weight [in, out] then bias. */
final class CudaRatioClassifier implements RatioClassifier {
    private final DeviceMlp mlp;
    private final List<String> names;
    private final int[] widths;

    CudaRatioClassifier(Device device, MlpWeights weights) {
        widths = weights.widths();
        names = weights.names();
        OwnedBuffers owned = new OwnedBuffers(device);
        mlp = new DeviceMlp(owned, widths);
        owned.releaseWhenUnreachable(this);
        float[] flat = new float[DenseLayers.parameterCount(widths)];
        int at = 0;
        for (Layer l : weights.layers()) {
            System.arraycopy(l.w(), 0, flat, at, l.w().length);
            System.arraycopy(l.b(), 0, flat, at + l.w().length, l.b().length);
            at += l.size();
        }
        mlp.parameters.write(0, flat);
    }

    @Override
    public int latent() {
        return widths[0];
    }

    @Override
    public void startTraining(OptimizerSpec optimizer) {
        mlp.parameters.start(UpdateRule.of(optimizer));
    }

    @Override
    public double step(float[] z, float[] y, int n) {
        return mlp.step(z, y, n);
    }

    @Override
    public void fitEpoch(float[] z, float[] y, int rows, int[] order, int batchSize) {
        mlp.fitEpoch(z, y, rows, order, batchSize);
    }

    @Override
    public double loss(float[] z, float[] y, int n) {
        return mlp.loss(z, y, n);
    }

    @Override
    public float[] logits(float[] z, int n) {
        return mlp.logits(z, n);
    }

    @Override
    public float[] logitsAndInputGradient(float[] z, int n, float[] gradient) {
        return mlp.logitsAndInputGradient(z, n, gradient);
    }

    @Override
    public float[] snapshot() {
        return mlp.parameters.read(0);
    }

    @Override
    public void restore(float[] snapshot) {
        mlp.parameters.write(0, snapshot);
    }

    @Override
    public MlpWeights weights() {
        float[] flat = snapshot();
        List<Layer> layers = new ArrayList<>();
        int at = 0;
        for (int i = 0; i + 1 < widths.length; i++) {
            int in = widths[i], out = widths[i + 1];
            layers.add(new Layer(in, out, java.util.Arrays.copyOfRange(flat, at, at + in * out),
                    java.util.Arrays.copyOfRange(flat, at + in * out, at + in * out + out)));
            at += in * out + out;
        }
        return new MlpWeights(names, layers);
    }
}

package dev.dgmbench.engine.nd4j;

import dev.dgmbench.engine.MlpWeights;
import dev.dgmbench.engine.OptimizerSpec;
import dev.dgmbench.engine.RatioClassifier;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The NCE classifier as SameDiff graphs built once and sharing the weight arrays: training (binary cross-entropy
 * with logits), inference (f and its derived gradient) and, on demand, autodiff (sum f differentiated with respect
 * to z).
 */
final class SameDiffRatioClassifier implements RatioClassifier {
    private final List<String> layers;
    private final int latent;
    private final GradientMode mode;
    private final SameDiff train, infer;
    private SameDiff autodiff; // built on first use from the current weights; dropped when they change
    private boolean fitted;

    SameDiffRatioClassifier(MlpWeights weights, GradientMode mode) {
        this.layers = weights.names();
        this.latent = weights.widths()[0];
        this.mode = mode;
        this.train = buildTraining(weights);
        this.infer = buildInference();
    }

    private SameDiff buildTraining(MlpWeights weights) {
        SameDiff sd = SameDiff.create();
        SDVariable h = sd.placeHolder("z", DataType.FLOAT, -1, latent);
        SDVariable y = sd.placeHolder("y", DataType.FLOAT, -1, 1);
        for (int i = 0; i < layers.size(); i++) {
            SDVariable a = Mlp.dense(sd, layers.get(i), h, weights.layers().get(i));
            h = i + 1 < layers.size() ? Mlp.leaky(sd, a) : a;
        }
        SDVariable f = h.rename("f");
        // Binary cross-entropy with logits, stable form: softplus(f) - y f.
        sd.nn.softplus(f).sub(y.mul(f)).mean().rename("loss");
        sd.setLossVariables("loss");
        return sd;
    }

    private SDVariable constDense(SameDiff sd, String layer, SDVariable in) {
        return Mlp.denseConst(sd, layer, in, train.getArrForVarName(layer + ".w"), train.getArrForVarName(layer + ".b"));
    }

    /** f(z) and grad f(z) by the chain rule written out: g = w_out, then g = (g * leaky'(a_i)) W_i^T per layer. */
    private SameDiff buildInference() {
        SameDiff sd = SameDiff.create();
        SDVariable h = sd.placeHolder("z", DataType.FLOAT, -1, latent);
        List<SDVariable> pre = new ArrayList<>();
        int hidden = layers.size() - 1;
        for (int i = 0; i < hidden; i++) {
            SDVariable a = constDense(sd, layers.get(i), h);
            pre.add(a);
            h = Mlp.leaky(sd, a);
        }
        String out = layers.get(hidden);
        SDVariable wOut = sd.constant("g." + out + ".w", train.getArrForVarName(out + ".w"));
        constDense(sd, out, h).rename("f");
        int width = (int) wOut.getArr().rows();
        SDVariable g = sd.zerosLike(h).add(wOut.reshape(1, width));
        for (int i = pre.size() - 1; i >= 0; i--) {
            SDVariable slope = sd.gt(pre.get(i), 0.0).castTo(DataType.FLOAT).mul(1 - dev.dgmbench.models.fused.DenseStack.LEAKY_SLOPE)
                    .add(dev.dgmbench.models.fused.DenseStack.LEAKY_SLOPE);
            SDVariable w = sd.constant("g." + layers.get(i) + ".w", train.getArrForVarName(layers.get(i) + ".w"));
            g = g.mul(slope).mmul(sd.transpose(w));
        }
        g.rename("gradf");
        return sd;
    }

    /** f with its weights as variables (SameDiff differentiates only graphs that have some), z a placeholder. */
    private SameDiff buildAutodiff() {
        SameDiff sd = SameDiff.create();
        SDVariable h = sd.placeHolder("z", DataType.FLOAT, -1, latent);
        for (int i = 0; i < layers.size(); i++) {
            String layer = layers.get(i);
            SDVariable a = h.mmul(sd.var(layer + ".w", train.getArrForVarName(layer + ".w").dup()))
                    .add(sd.var(layer + ".b", train.getArrForVarName(layer + ".b").dup()));
            h = i + 1 < layers.size() ? Mlp.leaky(sd, a) : a;
        }
        h.rename("f").sum().rename("fsum");
        sd.setLossVariables("fsum");
        return sd;
    }

    @Override
    public int latent() {
        return latent;
    }

    @Override
    public void startTraining(OptimizerSpec optimizer) {
        train.setTrainingConfig(new TrainingConfig.Builder().updater(SameDiffVae.updater(optimizer))
                .dataSetFeatureMapping("z").dataSetLabelMapping("y").minimize("loss").build());
        fitted = false;
    }

    @Override
    public double step(float[] z, float[] y, int n) {
        MultiDataSet batch = new MultiDataSet(SameDiffVae.rows(z, n, latent), SameDiffVae.rows(y, n, 1));
        if (!fitted) {
            QuietStdout.call(() -> train.fit(batch)); // the first fit builds the backward graph, which prints per op
            fitted = true;
        } else {
            train.fit(batch);
        }
        autodiff = null;
        return Double.NaN; // SameDiff's fit reports no loss

    }

    @Override
    public double loss(float[] z, float[] y, int n) {
        return train.output(Map.of("z", SameDiffVae.rows(z, n, latent), "y", SameDiffVae.rows(y, n, 1)), "loss")
                .get("loss").getDouble(0);
    }

    @Override
    public float[] logits(float[] z, int n) {
        return LayerWeights.values(infer.output(Map.of("z", SameDiffVae.rows(z, n, latent)), "f").get("f"));
    }

    @Override
    public float[] logitsAndInputGradient(float[] z, int n, float[] gradient) {
        INDArray zs = SameDiffVae.rows(z, n, latent), f, g;
        if (mode == GradientMode.DERIVED) {
            Map<String, INDArray> out = infer.output(Map.of("z", zs), "f", "gradf");
            f = out.get("f");
            g = out.get("gradf");
        } else {
            if (autodiff == null) autodiff = buildAutodiff();
            var og = QuietStdout.call(() -> autodiff.calculateGradientsAndOutputs(Map.of("z", zs), List.of("f"), List.of("z")));
            f = og.getOutputs().get("f");
            g = og.getGradients().get("z");
        }
        System.arraycopy(LayerWeights.values(g), 0, gradient, 0, n * latent);
        return LayerWeights.values(f);
    }

    @Override
    public float[] snapshot() {
        return LayerWeights.snapshot(train, layers);
    }

    @Override
    public void restore(float[] snapshot) {
        LayerWeights.restore(train, layers, snapshot);
        autodiff = null;
    }

    @Override
    public MlpWeights weights() {
        return new MlpWeights(layers, new ArrayList<>(LayerWeights.layers(train, layers).values()));
    }
}

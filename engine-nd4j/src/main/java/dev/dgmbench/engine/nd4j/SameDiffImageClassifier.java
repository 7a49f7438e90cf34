package dev.dgmbench.engine.nd4j;

import dev.dgmbench.engine.ImageClassifier;
import dev.dgmbench.engine.MlpWeights;
import dev.dgmbench.engine.OptimizerSpec;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A softmax MLP classifier as one SameDiff graph: cross-entropy, class probabilities and last-hidden features. */
final class SameDiffImageClassifier implements ImageClassifier {
    private final List<String> layers;
    private final int pixels, classes;
    private final SameDiff sd;
    private boolean fitted;

    SameDiffImageClassifier(MlpWeights weights) {
        layers = weights.names();
        int[] widths = weights.widths();
        pixels = widths[0];
        classes = widths[widths.length - 1];
        sd = SameDiff.create();
        SDVariable h = sd.placeHolder("x", DataType.FLOAT, -1, pixels);
        SDVariable y = sd.placeHolder("y", DataType.FLOAT, -1, classes);
        for (int i = 0; i + 1 < layers.size(); i++) h = Mlp.leaky(sd, Mlp.dense(sd, layers.get(i), h, weights.layers().get(i)));
        h.rename("features");
        int last = layers.size() - 1;
        SDVariable logp = sd.nn.logSoftmax(Mlp.dense(sd, layers.get(last), h, weights.layers().get(last)));
        sd.math.exp(logp).rename("probs");
        logp.mul(y).sum(1).neg().mean().rename("loss");
        sd.setLossVariables("loss");
    }

    @Override
    public void startTraining(OptimizerSpec optimizer) {
        sd.setTrainingConfig(new TrainingConfig.Builder().updater(SameDiffVae.updater(optimizer))
                .dataSetFeatureMapping("x").dataSetLabelMapping("y").minimize("loss").build());
        fitted = false;
    }

    @Override
    public double step(float[] x, int[] labels, int n) {
        MultiDataSet batch = new MultiDataSet(SameDiffVae.rows(x, n, pixels), oneHot(labels, n));
        if (!fitted) {
            QuietStdout.call(() -> sd.fit(batch));
            fitted = true;
        } else {
            sd.fit(batch);
        }
        return Double.NaN;
    }

    @Override
    public double loss(float[] x, int[] labels, int n) {
        return sd.output(Map.of("x", SameDiffVae.rows(x, n, pixels), "y", oneHot(labels, n)), "loss").get("loss").getDouble(0);
    }

    @Override
    public float[] probabilities(float[] x, int n) {
        return LayerWeights.values(sd.output(Map.of("x", SameDiffVae.rows(x, n, pixels)), "probs").get("probs"));
    }

    @Override
    public float[] features(float[] x, int n) {
        return LayerWeights.values(sd.output(Map.of("x", SameDiffVae.rows(x, n, pixels)), "features").get("features"));
    }

    private INDArray oneHot(int[] labels, int n) {
        float[] y = new float[n * classes];
        for (int i = 0; i < n; i++) y[i * classes + labels[i]] = 1;
        return Nd4j.create(y, new long[]{n, classes}, 'c');
    }

    @Override
    public float[] snapshot() {
        return LayerWeights.snapshot(sd, layers);
    }

    @Override
    public void restore(float[] snapshot) {
        LayerWeights.restore(sd, layers, snapshot);
    }

    @Override
    public MlpWeights weights() {
        return new MlpWeights(layers, new ArrayList<>(LayerWeights.layers(sd, layers).values()));
    }
}

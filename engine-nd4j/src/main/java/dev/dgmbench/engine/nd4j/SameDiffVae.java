package dev.dgmbench.engine.nd4j;

import dev.dgmbench.engine.OptimizerSpec;
import dev.dgmbench.engine.VaeModel;
import dev.dgmbench.engine.VaeShape;
import dev.dgmbench.engine.VaeWeights;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.AdaMax;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.Map;

/** The beta-VAE run op by op by SameDiff ({@link VaeGraphs}): the reference the other engines are tested against. */
final class SameDiffVae implements VaeModel {
    private final VaeShape shape;
    private final VaeGraphs graphs;
    /** The training set's arrays, converted once (fitEpoch is called with the same arrays every epoch). */
    private float[] cachedX;
    private INDArray x, oneHot;

    SameDiffVae(VaeShape shape, VaeWeights weights) {
        this.shape = shape;
        this.graphs = new VaeGraphs(shape, weights);
    }

    static IUpdater updater(OptimizerSpec o) {
        return switch (o.kind()) {
            case ADAM -> new Adam(o.learningRate(), o.beta1(), o.beta2(), o.epsilon());
            case ADAMAX -> new AdaMax(o.learningRate(), o.beta1(), o.beta2(), o.epsilon());
            case SGD -> new Sgd(o.learningRate());
        };
    }

    @Override
    public VaeShape shape() {
        return shape;
    }

    @Override
    public void startTraining(OptimizerSpec optimizer) {
        graphs.train.setTrainingConfig(new TrainingConfig.Builder().updater(updater(optimizer))
                .dataSetFeatureMapping("x", "eps").dataSetLabelMapping("t").minimize("loss").build());
    }

    @Override
    public double fitEpoch(float[] xs, int[][] levels, float[] eps, int[] order, int batchSize) {
        int n = order.length;
        if (xs != cachedX) {
            cachedX = xs;
            x = rows(xs, n, shape.pixels());
            oneHot = oneHot(levels, n);
        }
        MinibatchEpoch.run(graphs.train, new INDArray[]{x, rows(eps, n, shape.latent())}, new INDArray[]{oneHot},
                batchSize, order);
        return Double.NaN; // SameDiff's fit reports no loss; the trainer measures the epoch afterwards
    }

    @Override
    public double[][] lossTerms(float[] xs, int[][] levels, float[] eps, int n) {
        Map<String, INDArray> out = graphs.train.output(Map.of("x", rows(xs, n, shape.pixels()), "t", oneHot(levels, n),
                "eps", rows(eps, n, shape.latent())), "re", "kl", "klmc");
        return new double[][]{out.get("re").toDoubleVector(), out.get("kl").toDoubleVector(), out.get("klmc").toDoubleVector()};
    }

    @Override
    public float[] encode(float[] xs, int n) {
        Map<String, INDArray> out = graphs.encoder.output(Map.of("x", rows(xs, n, shape.pixels())), "mu", "logvar");
        float[] mu = LayerWeights.values(out.get("mu")), lv = LayerWeights.values(out.get("logvar"));
        int l = shape.latent();
        float[] post = new float[n * 2 * l];
        for (int r = 0; r < n; r++) {
            System.arraycopy(mu, r * l, post, r * 2 * l, l);
            System.arraycopy(lv, r * l, post, r * 2 * l + l, l);
        }
        return post;
    }

    @Override
    public void logLikelihood(float[] z, int n, int[][] levels, double[] out) {
        float[] lp = LayerWeights.values(logp(z, n));
        int d = shape.pixels(), k = shape.levels();
        for (int r = 0; r < n; r++) {
            double s = 0;
            for (int j = 0; j < d; j++) s += lp[(r * d + j) * k + levels[r][j]];
            out[r] = s;
        }
    }

    @Override
    public float[] decodeProbabilities(float[] z, int n) {
        return LayerWeights.values(Transforms.exp(logp(z, n), true));
    }

    private INDArray logp(float[] z, int n) {
        return graphs.decoder.output(Map.of("z", rows(z, n, shape.latent())), "logp").get("logp");
    }

    @Override
    public float[] snapshot() {
        return LayerWeights.snapshot(graphs.train, VaeWeights.LAYERS);
    }

    @Override
    public void restore(float[] snapshot) {
        LayerWeights.restore(graphs.train, VaeWeights.LAYERS, snapshot);
    }

    @Override
    public VaeWeights weights() {
        return new VaeWeights(LayerWeights.layers(graphs.train, VaeWeights.LAYERS));
    }

    /** The first n rows of a row-major buffer that may be longer. */
    static INDArray rows(float[] a, int n, int width) {
        return Nd4j.create(java.util.Arrays.copyOf(a, n * width), new long[]{n, width}, 'c');
    }

    private INDArray oneHot(int[][] levels, int n) {
        int d = shape.pixels(), k = shape.levels();
        float[] t = new float[n * d * k];
        for (int i = 0; i < n; i++) for (int j = 0; j < d; j++) t[(i * d + j) * k + levels[i][j]] = 1f;
        return Nd4j.create(t, new long[]{n, (long) d * k}, 'c');
    }
}

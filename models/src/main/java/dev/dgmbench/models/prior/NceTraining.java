package dev.dgmbench.models.prior;

import dev.dgmbench.engine.Init;
import dev.dgmbench.engine.Layer;
import dev.dgmbench.engine.MlpWeights;
import dev.dgmbench.engine.OptimizerSpec;
import dev.dgmbench.engine.RatioClassifier;
import dev.dgmbench.engine.train.EarlyStopping;
import dev.dgmbench.engine.Noise;
import dev.dgmbench.engine.Seeds;

import java.util.List;
import java.util.Random;

/**
 * Noise-contrastive training of the latent-space classifier: D(z) = sigmoid(f(z)) tells codes of the aggregate
 * posterior q(z) (label 1) from prior draws N(0, I) (label 0). At the optimum f = log q/p, so r(z) = D/(1-D) =
 * exp(f(z)) tilts the prior towards q. Posterior codes z = mu + sigma eps get fresh eps every epoch against as
 * many fresh prior draws, shuffled together; early stopping on a held-out set (the validation split's codes),
 * best weights restored.
 */
public final class NceTraining {
    private NceTraining() {
    }

    /** Initial weights: Glorot-uniform from the seed's {@code nce-init} stream. */
    public static MlpWeights initialWeights(NceConfig config, long seed) {
        return initialWeights(config, seed, Init.GLOROT);
    }

    /** Initial weights by {@code init} from the seed's {@code nce-init} stream. */
    public static MlpWeights initialWeights(NceConfig config, long seed, Init init) {
        return MlpWeights.initial(config.layerNames(), config.widths(), seed, "nce-init", init);
    }

    /** f(z) = a.z + b exactly: the tilted prior is then N(a, I) and Z = exp(b + |a|^2 / 2) (for tests). */
    public static MlpWeights linear(double[] a, double b) {
        float[] w = new float[a.length];
        for (int i = 0; i < a.length; i++) w[i] = (float) a[i];
        return new MlpWeights(List.of("nce_out"), List.of(new Layer(a.length, 1, w, new float[]{(float) b})));
    }

    /**
     * Trains c on posterior parameters [mu | logvar] per row ({@code train} [nTrain, 2L], {@code heldOut}
     * [nHeld, 2L]); c holds the best weights afterwards.
     */
    public static NceTrainingResult train(RatioClassifier c, NceConfig config, float[] train, int nTrain,
                                          float[] heldOut, int nHeld, long seed) {
        Random rng = Seeds.random(seed, "nce-data");
        Random shuffle = Seeds.random(seed, "nce-shuffle");
        Balanced held = balanced(heldOut, nHeld, config.latent(), Seeds.random(seed, "nce-heldout"));
        c.startTraining(OptimizerSpec.adam(config.learningRate()));
        EarlyStopping stopping = new EarlyStopping(config.patience());
        float[] best = c.snapshot();
        long start = System.nanoTime();
        int l = config.latent(), epoch;
        Balanced data = balanced(train, nTrain, l, rng);
        for (epoch = 1; epoch <= config.maxEpochs(); epoch++) {
            c.fitEpoch(data.z, data.y, data.rows, Noise.permutation(data.rows, shuffle), config.batchSize());
            // The next epoch's codes are drawn before this one's held-out loss is read: an engine whose fitEpoch
            // only queues work (the GPU) computes meanwhile. The draws are those of the plain order.
            if (epoch < config.maxEpochs()) data = balanced(train, nTrain, l, rng);
            EarlyStopping.Step step = stopping.record(epoch, c.loss(held.z, held.y, held.rows));
            if (step == EarlyStopping.Step.IMPROVED) best = c.snapshot();
            if (step == EarlyStopping.Step.STOP) break;
        }
        c.restore(best);
        return new NceTrainingResult(accuracy(c, held), c.loss(held.z, held.y, held.rows),
                Math.min(epoch, config.maxEpochs()), stopping.bestEpoch(), (System.nanoTime() - start) / 1e9);
    }

    /** Codes and labels: one posterior draw per row of [mu | logvar] (label 1) stacked on as many N(0, I) draws (0). */
    record Balanced(float[] z, float[] y, int rows) {
    }

    static Balanced balanced(float[] posterior, int n, int l, Random rng) {
        float[] eq = Noise.normals(rng, n * l), ep = Noise.normals(rng, n * l);
        float[] z = new float[2 * n * l], y = new float[2 * n];
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < l; j++) {
                float mu = posterior[r * 2 * l + j], lv = posterior[r * 2 * l + l + j];
                z[r * l + j] = mu + (float) Math.exp(0.5 * lv) * eq[r * l + j];
            }
            y[r] = 1;
        }
        System.arraycopy(ep, 0, z, n * l, n * l);
        return new Balanced(z, y, 2 * n);
    }

    private static double accuracy(RatioClassifier c, Balanced data) {
        float[] f = c.logits(data.z, data.rows);
        int right = 0;
        for (int i = 0; i < data.rows; i++) if ((f[i] > 0) == (data.y[i] > 0.5f)) right++;
        return right / (double) data.rows;
    }
}

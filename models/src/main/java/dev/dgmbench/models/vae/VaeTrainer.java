package dev.dgmbench.models.vae;

import dev.dgmbench.models.nn.Noise;
import dev.dgmbench.models.nn.MinibatchEpoch;
import dev.dgmbench.models.nn.Seeds;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Minibatch training with early stopping on the validation loss and restore of the best weights.
 * Everything random comes from the run seed: shuffling ({@code shuffle} stream), reparameterisation noise
 * ({@code train-noise}) and the fixed evaluation noise ({@code eval-noise}, the same every epoch, so epochs are
 * compared on common random numbers).
 */
public final class VaeTrainer {

    /** Called after every epoch (progress display, checkpoints). */
    @FunctionalInterface
    public interface EpochListener {
        void onEpoch(EpochStats stats, int maxEpochs, int bestEpoch);
    }

    private final TrainConfig config;
    private final long seed;

    public VaeTrainer(TrainConfig config, long seed) {
        this.config = config;
        this.seed = seed;
    }

    public TrainingResult train(BetaVae vae, ImageTensors trainSet, ImageTensors validation, EpochListener listener) {
        var sd = vae.trainingGraph();
        sd.setTrainingConfig(new TrainingConfig.Builder()
                .updater(config.updater())
                .dataSetFeatureMapping("x", "eps")
                .dataSetLabelMapping("t")
                .minimize("loss")
                .build());
        int latent = vae.config().latent();
        Random shuffle = Seeds.random(seed, "shuffle");
        Random noise = Seeds.random(seed, "train-noise");
        Random evalNoise = Seeds.random(seed, "eval-noise");
        INDArray trainEps = Noise.normal(evalNoise, trainSet.size(), latent);
        INDArray valEps = Noise.normal(evalNoise, validation.size(), latent);

        List<EpochStats> history = new ArrayList<>();
        double best = Double.POSITIVE_INFINITY;
        int bestEpoch = 0, sinceBest = 0;
        Map<String, INDArray> bestWeights = vae.snapshot();
        long start = System.nanoTime();
        boolean early = false;
        int n = trainSet.size(), b = config.batchSize();
        for (int epoch = 1; epoch <= config.maxEpochs(); epoch++) {
            long t0 = System.nanoTime();
            // Noise for the whole epoch is drawn up front, one row per image, and shuffled with it.
            INDArray eps = Noise.normal(noise, n, latent);
            MinibatchEpoch.run(sd, new INDArray[]{trainSet.inputs(), eps}, new INDArray[]{trainSet.oneHot()}, b, shuffle);
            double[] tr = meanTerms(vae, trainSet, trainEps);
            double[] va = meanTerms(vae, validation, valEps);
            double beta = vae.config().beta();
            EpochStats stats = new EpochStats(epoch, tr[0] + beta * tr[1], tr[0], tr[1],
                    va[0] + beta * va[1], va[0], va[1], (System.nanoTime() - t0) / 1e9);
            history.add(stats);
            if (!Double.isFinite(stats.trainLoss()) || !Double.isFinite(stats.valLoss())) {
                throw new DivergedException("loss diverged at epoch " + epoch + " (train " + stats.trainLoss()
                        + ", validation " + stats.valLoss() + ")");
            }
            if (stats.valLoss() < best) {
                best = stats.valLoss();
                bestEpoch = epoch;
                sinceBest = 0;
                bestWeights = vae.snapshot();
            } else if (++sinceBest >= config.patience()) {
                early = epoch < config.maxEpochs();
                if (listener != null) listener.onEpoch(stats, config.maxEpochs(), bestEpoch);
                break;
            }
            if (listener != null) listener.onEpoch(stats, config.maxEpochs(), bestEpoch);
        }
        vae.restore(bestWeights);
        return new TrainingResult(history, bestEpoch, early, (System.nanoTime() - start) / 1e9);
    }

    /** Mean RE and KL over a set, with the given noise. */
    static double[] meanTerms(BetaVae vae, ImageTensors set, INDArray eps) {
        Map<String, INDArray> out = vae.lossTerms(set.inputs(), set.oneHot(), eps);
        return new double[]{out.get("re").meanNumber().doubleValue(), out.get("kl").meanNumber().doubleValue()};
    }
}

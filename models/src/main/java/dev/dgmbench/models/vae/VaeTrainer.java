package dev.dgmbench.models.vae;

import dev.dgmbench.models.fused.FusedVae;
import dev.dgmbench.models.nn.Engine;
import dev.dgmbench.models.nn.MinibatchEpoch;
import dev.dgmbench.models.nn.Noise;
import dev.dgmbench.models.nn.Seeds;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Minibatch training with early stopping on the validation loss and restore of the best weights.
 * Everything random comes from the run seed: shuffling ({@code shuffle} stream), reparameterisation noise
 * ({@code train-noise}) and the fixed evaluation noise ({@code eval-noise}, the same every epoch, so epochs are
 * compared on common random numbers). Both engines draw the same numbers in the same order.
 */
public final class VaeTrainer {

    /** Called after every epoch (progress display, checkpoints). */
    @FunctionalInterface
    public interface EpochListener {
        void onEpoch(EpochStats stats, int maxEpochs, int bestEpoch);
    }

    /** What an engine does per epoch; the loop, the noise and early stopping are shared. */
    private interface Session {
        /** One pass over the training set in the given row order, with one noise row [L] per image. */
        void fit(int[] order, float[] noise);

        /** Mean {re, kl} over the training (false) or validation (true) set with the fixed evaluation noise. */
        double[] meanTerms(boolean validation);

        void keepBest();

        /** Leaves the best weights in the model. */
        void finish();
    }

    private final TrainConfig config;
    private final long seed;

    public VaeTrainer(TrainConfig config, long seed) {
        this.config = config;
        this.seed = seed;
    }

    public TrainingResult train(BetaVae vae, ImageTensors trainSet, ImageTensors validation, EpochListener listener) {
        int latent = vae.config().latent();
        Random shuffle = Seeds.random(seed, "shuffle");
        Random noise = Seeds.random(seed, "train-noise");
        Random evalNoise = Seeds.random(seed, "eval-noise");
        float[] trainEps = Noise.normals(evalNoise, trainSet.size() * latent);
        float[] valEps = Noise.normals(evalNoise, validation.size() * latent);
        Session session = config.engine() == Engine.FUSED
                ? new Fused(vae, trainSet, validation, trainEps, valEps)
                : new Graph(vae, trainSet, validation, trainEps, valEps);

        List<EpochStats> history = new ArrayList<>();
        double best = Double.POSITIVE_INFINITY;
        int bestEpoch = 0, sinceBest = 0;
        session.keepBest();
        long start = System.nanoTime();
        boolean early = false;
        int n = trainSet.size();
        double beta = vae.config().beta();
        for (int epoch = 1; epoch <= config.maxEpochs(); epoch++) {
            long t0 = System.nanoTime();
            // Noise for the whole epoch is drawn up front, one row per image, and shuffled with it.
            float[] eps = Noise.normals(noise, n * latent);
            session.fit(MinibatchEpoch.permutation(n, shuffle), eps);
            double[] tr = session.meanTerms(false);
            double[] va = session.meanTerms(true);
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
                session.keepBest();
            } else if (++sinceBest >= config.patience()) {
                early = epoch < config.maxEpochs();
                if (listener != null) listener.onEpoch(stats, config.maxEpochs(), bestEpoch);
                break;
            }
            if (listener != null) listener.onEpoch(stats, config.maxEpochs(), bestEpoch);
        }
        session.finish();
        return new TrainingResult(history, bestEpoch, early, (System.nanoTime() - start) / 1e9);
    }

    /** The SameDiff training graph, fitted batch by batch. */
    private final class Graph implements Session {
        private final BetaVae vae;
        private final ImageTensors trainSet, validation;
        private final INDArray trainEps, valEps;
        private Map<String, INDArray> best;

        Graph(BetaVae vae, ImageTensors trainSet, ImageTensors validation, float[] trainEps, float[] valEps) {
            this.vae = vae;
            this.trainSet = trainSet;
            this.validation = validation;
            int l = vae.config().latent();
            this.trainEps = Nd4j.create(trainEps, new long[]{trainSet.size(), l}, 'c');
            this.valEps = Nd4j.create(valEps, new long[]{validation.size(), l}, 'c');
            vae.trainingGraph().setTrainingConfig(new TrainingConfig.Builder()
                    .updater(config.updater())
                    .dataSetFeatureMapping("x", "eps")
                    .dataSetLabelMapping("t")
                    .minimize("loss")
                    .build());
        }

        @Override
        public void fit(int[] order, float[] noise) {
            INDArray eps = Nd4j.create(noise, new long[]{trainSet.size(), vae.config().latent()}, 'c');
            MinibatchEpoch.run(vae.trainingGraph(), new INDArray[]{trainSet.inputs(), eps},
                    new INDArray[]{trainSet.oneHot()}, config.batchSize(), order);
        }

        @Override
        public double[] meanTerms(boolean val) {
            return VaeTrainer.meanTerms(vae, val ? validation : trainSet, val ? valEps : trainEps);
        }

        @Override
        public void keepBest() {
            best = vae.snapshot();
        }

        @Override
        public void finish() {
            vae.restore(best);
        }
    }

    /** The fused engine: minibatches gathered on the heap, one BLAS product per layer and direction. */
    private final class Fused implements Session {
        private final BetaVae vae;
        private final FusedVae model;
        private final float[] trainX, valX, trainEps, valEps;
        private final int[][] trainLevels, valLevels;
        private final int trainSize, valSize;
        private float[] best;

        Fused(BetaVae vae, ImageTensors trainSet, ImageTensors validation, float[] trainEps, float[] valEps) {
            this.vae = vae;
            this.model = FusedVae.of(vae);
            model.useUpdater(config.updater());
            this.trainSize = trainSet.size();
            this.valSize = validation.size();
            this.trainX = trainSet.inputs().dup('c').data().asFloat();
            this.valX = validation.inputs().dup('c').data().asFloat();
            this.trainLevels = trainSet.levels();
            this.valLevels = validation.levels();
            this.trainEps = trainEps;
            this.valEps = valEps;
        }

        @Override
        public void fit(int[] order, float[] noise) {
            model.fitEpoch(trainX, trainLevels, noise, order, config.batchSize());
        }

        @Override
        public double[] meanTerms(boolean val) {
            double[][] t = val ? model.lossTerms(valX, valLevels, valEps, valSize)
                    : model.lossTerms(trainX, trainLevels, trainEps, trainSize);
            return new double[]{mean(t[0]), mean(t[1])};
        }

        @Override
        public void keepBest() {
            best = model.snapshot();
        }

        @Override
        public void finish() {
            model.restore(best);
            model.store(vae);
        }
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) s += x;
        return s / v.length;
    }

    /** Mean RE and KL over a set, with the given noise. */
    static double[] meanTerms(BetaVae vae, ImageTensors set, INDArray eps) {
        Map<String, INDArray> out = vae.lossTerms(set.inputs(), set.oneHot(), eps);
        return new double[]{out.get("re").meanNumber().doubleValue(), out.get("kl").meanNumber().doubleValue()};
    }
}

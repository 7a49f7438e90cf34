package dev.dgmbench.engine.train;

import dev.dgmbench.engine.ImageSet;
import dev.dgmbench.engine.OptimizerSpec;
import dev.dgmbench.engine.VaeGroup;
import dev.dgmbench.engine.VaeModel;
import dev.dgmbench.engine.VaeShape;
import dev.dgmbench.engine.Noise;
import dev.dgmbench.engine.Seeds;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

/**
 * Minibatch training of a beta-VAE with early stopping on the validation loss and restore of the best weights,
 * for one model or a stacked group. Everything random comes from each run's seed: shuffling ({@code shuffle}
 * stream), reparameterisation noise ({@code train-noise}) and the fixed evaluation noise ({@code eval-noise}, the
 * same every epoch, so epochs are compared on common random numbers). Every engine draws the same numbers in the
 * same order, and a group member draws exactly what it would alone.
 */
public final class VaeTraining {
    private VaeTraining() {
    }

    /** Called after every epoch (progress display). */
    @FunctionalInterface
    public interface EpochListener {
        void onEpoch(EpochStats stats, int maxEpochs, int bestEpoch);
    }

    /** A group member's end: its result, or why it failed (the others go on). */
    public record Outcome(TrainingResult result, DivergedException failure) {
    }

    /** Trains one model; throws {@link DivergedException} on a NaN or infinite loss. */
    public static TrainingResult train(VaeModel model, ImageSet train, ImageSet validation, TrainConfig config,
                                       long seed, EpochListener listener) {
        model.startTraining(config.optimizer());
        Run run = new Run(model, train, validation, config, seed, listener);
        run.keepInitialWeights();
        boolean more;
        do {
            long t0 = System.nanoTime();
            run.begin();
            Epoch e = run.draw();
            long t1 = System.nanoTime();
            model.fitEpoch(train.inputs(), train.levels(), e.noise, e.order, config.batchSize());
            long t2 = System.nanoTime();
            more = run.finish();
            run.spent(t1 - t0, t2 - t1, System.nanoTime() - t2);
        } while (more);
        return run.result();
    }

    /**
     * Trains a group's members in lockstep, member i with {@code configs[i]} and {@code seeds[i]} (one batch size
     * for all); a member that stops early or diverges stops updating while the others go on.
     */
    public static List<Outcome> trainGroup(VaeGroup group, ImageSet train, ImageSet validation, List<TrainConfig> configs,
                                           long[] seeds, List<EpochListener> listeners) {
        int g = group.size(), batch = configs.get(0).batchSize();
        Run[] runs = new Run[g];
        OptimizerSpec[] optimizers = new OptimizerSpec[g];
        Outcome[] outcomes = new Outcome[g];
        boolean[] active = new boolean[g];
        for (int i = 0; i < g; i++) {
            if (configs.get(i).batchSize() != batch) throw new IllegalArgumentException("a group trains with one batch size");
            optimizers[i] = configs.get(i).optimizer();
            active[i] = true;
        }
        // Each member draws from its own streams, so members draw on several cores at once and still get exactly
        // their numbers: on a GPU the draws (java.util.Random, ~28 ns each) would otherwise rival the epoch itself.
        IntStream.range(0, g).parallel().forEach(i ->
                runs[i] = new Run(group.member(i), train, validation, configs.get(i), seeds[i], listeners.get(i)));
        for (Run r : runs) r.keepInitialWeights(); // device calls: one at a time
        group.startTraining(optimizers);
        float[][] noise = new float[g][];
        int[][] order = new int[g][];
        // The next epoch's noise and order are drawn on other threads while the device fits this one: a member's
        // draws come from its own streams, in the same order, whatever the timing, so the numbers are unchanged. A
        // member that stops leaves its last draw unused (its streams are not read again).
        CompletableFuture<Epoch[]> drawn = drawAhead(runs, active);
        while (any(active)) {
            long t0 = System.nanoTime();
            Epoch[] epochs = drawn.join();
            for (int i = 0; i < g; i++) {
                if (!active[i]) continue;
                runs[i].begin();
                noise[i] = epochs[i].noise;
                order[i] = epochs[i].order;
            }
            drawn = drawAhead(runs, active);
            long t1 = System.nanoTime();
            group.fitEpoch(train.inputs(), train.levels(), noise, order, batch, active);
            long t2 = System.nanoTime();
            boolean[] stopped = new boolean[g];
            for (int i = 0; i < g; i++) {
                if (!active[i]) continue;
                try {
                    stopped[i] = !runs[i].finish();
                } catch (DivergedException ex) {
                    outcomes[i] = new Outcome(null, ex);
                    stopped[i] = true;
                }
            }
            long t3 = System.nanoTime();
            for (int i = 0; i < g; i++) {
                if (!active[i]) continue;
                runs[i].spent(t1 - t0, t2 - t1, t3 - t2);
                if (stopped[i]) {
                    active[i] = false;
                    if (outcomes[i] == null) outcomes[i] = new Outcome(runs[i].result(), null);
                }
            }
        }
        drawn.join(); // nothing may draw from a member's streams once training has returned
        return List.of(outcomes);
    }

    /**
     * The next epoch of every active member that has epochs left, drawn on the common pool (members in parallel,
     * each on its own streams); null for the others.
     */
    private static CompletableFuture<Epoch[]> drawAhead(Run[] runs, boolean[] active) {
        boolean[] wanted = new boolean[runs.length];
        for (int i = 0; i < runs.length; i++) wanted[i] = active[i] && runs[i].hasEpochsLeft();
        return CompletableFuture.supplyAsync(() -> {
            Epoch[] epochs = new Epoch[runs.length];
            IntStream.range(0, runs.length).parallel().filter(i -> wanted[i]).forEach(i -> epochs[i] = runs[i].draw());
            return epochs;
        });
    }

    private static boolean any(boolean[] a) {
        for (boolean b : a) if (b) return true;
        return false;
    }

    /** One epoch's inputs: a noise row [L] per training image and the row order. */
    private record Epoch(float[] noise, int[] order) {
    }

    /** One run's training state: its seeded streams, fixed evaluation noise, history and early stopping. */
    private static final class Run {
        private final VaeModel model;
        private final ImageSet train, validation, trainMeasured;
        private final TrainConfig config;
        private final EpochListener listener;
        private final Random shuffle, noise;
        private final float[] trainEps, valEps;
        private final EarlyStopping stopping;
        private final List<EpochStats> history = new ArrayList<>();
        private final long start = System.nanoTime();
        private VaeModel.Checkpoint best;
        private int epoch;
        private long epochStart;
        private boolean early;
        private long drawNanos, fitNanos, measureNanos;

        Run(VaeModel model, ImageSet train, ImageSet validation, TrainConfig config, long seed, EpochListener listener) {
            this.model = model;
            this.train = train;
            this.validation = validation;
            this.config = config;
            this.listener = listener;
            int latent = model.shape().latent();
            shuffle = Seeds.random(seed, "shuffle");
            noise = Seeds.random(seed, "train-noise");
            Random evalNoise = Seeds.random(seed, "eval-noise");
            // The training curve is measured on the first images of the training split, as many as the validation
            // split holds (all of them when it is smaller): both curves then rest on as many images, and measuring
            // costs a third of measuring all of seed-fashion10's 10,000 every epoch. The noise of the whole split is
            // still drawn first, so the validation split's (early stopping) is as before.
            trainMeasured = train.size() > validation.size() ? train.head(validation.size()) : train;
            trainEps = java.util.Arrays.copyOf(Noise.normals(evalNoise, train.size() * latent), trainMeasured.size() * latent);
            valEps = Noise.normals(evalNoise, validation.size() * latent);
            stopping = new EarlyStopping(config.patience());
        }

        /** Adds one epoch's time in each phase. */
        void spent(long draw, long fit, long measure) {
            drawNanos += draw;
            fitNanos += fit;
            measureNanos += measure;
        }

        /** The weights restored if no epoch ever improves on them. */
        void keepInitialWeights() {
            best = model.checkpoint();
        }

        /** Starts the next epoch's count and clock. */
        void begin() {
            epoch++;
            epochStart = System.nanoTime();
        }

        /** Whether an epoch after the current one may still run (the epoch cap is not reached). */
        boolean hasEpochsLeft() {
            return epoch < config.maxEpochs();
        }

        /** An epoch's noise and order, the next from this run's streams: noise for the whole epoch, one row per image. */
        Epoch draw() {
            float[] eps = Noise.normals(noise, train.size() * model.shape().latent());
            return new Epoch(eps, Noise.permutation(train.size(), shuffle));
        }

        /** Measures the epoch just fitted; false once training is over. */
        boolean finish() {
            double[] tr = meanTerms(trainMeasured, trainEps), va = meanTerms(validation, valEps);
            VaeShape s = model.shape();
            EpochStats stats = new EpochStats(epoch, s.loss(tr[0], tr[1]), tr[0], tr[1], s.loss(va[0], va[1]), va[0], va[1],
                    (System.nanoTime() - epochStart) / 1e9);
            history.add(stats);
            if (!Double.isFinite(stats.trainLoss()) || !Double.isFinite(stats.valLoss())) {
                throw new DivergedException("loss diverged at epoch " + epoch + " (train " + stats.trainLoss()
                        + ", validation " + stats.valLoss() + ")");
            }
            EarlyStopping.Step step = stopping.record(epoch, stats.valLoss());
            if (step == EarlyStopping.Step.IMPROVED) best = model.checkpoint();
            if (listener != null) listener.onEpoch(stats, config.maxEpochs(), stopping.bestEpoch());
            if (step == EarlyStopping.Step.STOP) {
                early = epoch < config.maxEpochs();
                return false;
            }
            return epoch < config.maxEpochs();
        }

        /** Mean {RE, KL} over a set with its fixed noise. */
        private double[] meanTerms(ImageSet set, float[] eps) {
            double[][] t = model.lossTerms(set.inputs(), set.levels(), eps, set.size());
            return new double[]{mean(t[0]), mean(t[1])};
        }

        TrainingResult result() {
            best.restore();
            return new TrainingResult(history, stopping.bestEpoch(), early, (System.nanoTime() - start) / 1e9,
                    new TrainingResult.Phases(drawNanos / 1e9, fitNanos / 1e9, measureNanos / 1e9));
        }
    }

    static double mean(double[] v) {
        double s = 0;
        for (double x : v) s += x;
        return s / v.length;
    }
}

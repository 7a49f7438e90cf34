package dev.dgmbench.engine.cuda;

import dev.dgmbench.engine.ImageSet;
import dev.dgmbench.engine.MlpWeights;
import dev.dgmbench.engine.RatioClassifier;
import dev.dgmbench.engine.OptimizerSpec;
import dev.dgmbench.engine.VaeGroup;
import dev.dgmbench.engine.VaeModel;
import dev.dgmbench.engine.VaeShape;
import dev.dgmbench.engine.VaeWeights;
import dev.dgmbench.engine.train.EpochStats;
import dev.dgmbench.engine.train.TrainConfig;
import dev.dgmbench.engine.train.TrainingResult;
import dev.dgmbench.engine.train.VaeTraining;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A stacked group trained by the shared loop (each run its own seed, beta, epoch budget and early stopping)
 * against each run trained alone on the same device: the histories and final weights. Members stop at
 * different epochs (budgets 2, 3, 4), so the active mask is exercised.
 */
abstract class GroupContract {
    static final int RUNS = 3;

    abstract CudaEngine engine();

    /** Another instance of the engine, as each thread of a worker continuing runs concurrently gets. */
    abstract CudaEngine newEngine();

    /** Whether group members must equal their lone runs bit for bit (else {@link #assertNear} applies). */
    abstract boolean exact();

    /** How close a member must be to its lone run when not bit-identical. */
    abstract void assertNear(String what, float[] group, float[] alone);

    static ImageSet images(VaeShape s, int n, long seed) {
        EngineContract.Data d = new EngineContract.Data(s, seed);
        return new ImageSet(d.x, d.levels, n, s.pixels(), s.levels()).head(n);
    }

    @Test
    void membersEqualTheirLoneRuns() {
        VaeShape base = EngineContract.SHAPE;
        List<VaeShape> shapes = new ArrayList<>();
        List<VaeWeights> weights = new ArrayList<>();
        List<TrainConfig> configs = new ArrayList<>();
        long[] seeds = new long[RUNS];
        double[] betas = {1.0, 4.0, 0.5};
        for (int i = 0; i < RUNS; i++) {
            shapes.add(new VaeShape(base.pixels(), base.levels(), base.hidden(), base.latent(), base.likelihood(), betas[i]));
            seeds[i] = 100 + i;
            weights.add(VaeWeights.glorot(shapes.get(i), seeds[i]));
            configs.add(new TrainConfig(OptimizerSpec.adam(1e-3), EngineContract.BATCH, 2 + i, 5));
        }
        ImageSet train = images(base, 40, 1), validation = images(base, 24, 2);
        VaeGroup group = engine().vaeGroup(shapes, weights).orElseThrow();
        List<VaeTraining.Outcome> outcomes = VaeTraining.trainGroup(group, train, validation, configs, seeds,
                Collections.nCopies(RUNS, null));
        for (int i = 0; i < RUNS; i++) {
            VaeModel alone = engine().vae(shapes.get(i), weights.get(i));
            TrainingResult lone = VaeTraining.train(alone, train, validation, configs.get(i), seeds[i], null);
            TrainingResult grouped = outcomes.get(i).result();
            assertEquals(lone.history().size(), grouped.history().size(), "member " + i + " epochs");
            assertEquals(lone.bestEpoch(), grouped.bestEpoch(), "member " + i + " best epoch");
            float[] a = EngineContract.flat(group.member(i).weights()), b = EngineContract.flat(alone.weights());
            boolean same = java.util.Arrays.equals(a, b);
            System.out.println("member " + i + " (beta " + betas[i] + ", " + grouped.history().size()
                    + " epochs): bit-identical to its lone run: " + same);
            for (int e = 0; e < lone.history().size(); e++) {
                EpochStats x = grouped.history().get(e), y = lone.history().get(e);
                double[] gx = {x.trainLoss(), x.trainRe(), x.trainKl(), x.valLoss(), x.valRe(), x.valKl()};
                double[] gy = {y.trainLoss(), y.trainRe(), y.trainKl(), y.valLoss(), y.valRe(), y.valKl()};
                if (exact()) assertTrue(java.util.Arrays.equals(gx, gy), "member " + i + " epoch " + (e + 1));
                else EngineContract.close("member " + i + " epoch " + (e + 1) + " losses", gx, gy, EngineContract.RTOL);
            }
            if (exact()) assertTrue(same, "member " + i + " weights");
            else assertNear("member " + i + " weights", a, b);
        }
    }

    /**
     * After group training a study moves each run off its group onto a model of its own (canonical weights), on
     * the engine instance of the thread that continues it: runs continued on several threads, each with its own
     * engine instance, compute exactly what they compute one after another on one instance (on the GPU too: the
     * same calls with the same shapes, issued from several threads at once).
     */
    @Test
    void trainedRunsContinuedOnThreadsWithTheirOwnEnginesComputeWhatTheyComputeOneAfterAnother() throws Exception {
        VaeShape base = EngineContract.SHAPE;
        List<VaeShape> shapes = new ArrayList<>();
        List<VaeWeights> weights = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            shapes.add(new VaeShape(base.pixels(), base.levels(), base.hidden(), base.latent(), base.likelihood(), 0.5 + i));
            weights.add(VaeWeights.glorot(shapes.get(i), 200 + i));
        }
        VaeGroup group = engine().vaeGroup(shapes, weights).orElseThrow();
        ImageSet train = images(base, 40, 3), validation = images(base, 24, 4);
        TrainConfig one = new TrainConfig(OptimizerSpec.adam(1e-3), EngineContract.BATCH, 1, 5);
        VaeTraining.trainGroup(group, train, validation, Collections.nCopies(RUNS, one), new long[]{1, 2, 3},
                Collections.nCopies(RUNS, null));
        List<VaeWeights> trained = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) trained.add(group.member(i).weights());
        List<MlpWeights> nce = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            nce.add(MlpWeights.glorot(List.of("nce1", "nce_out"), new int[]{base.latent(), 16, 1}, 300 + i, "nce-init"));
        }
        EngineContract.Data d = new EngineContract.Data(base, 5);
        List<double[]> oneAfterAnother = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            oneAfterAnother.add(continued(engine().vae(shapes.get(i), trained.get(i)), engine().ratioClassifier(nce.get(i)), d));
        }
        ExecutorService pool = Executors.newFixedThreadPool(RUNS);
        try {
            List<Future<double[]>> together = new ArrayList<>();
            for (int i = 0; i < RUNS; i++) {
                int run = i;
                together.add(pool.submit(() -> {
                    CudaEngine own = newEngine();
                    double[] last = null;
                    for (int rep = 0; rep < 5; rep++) {
                        last = continued(own.vae(shapes.get(run), trained.get(run)), own.ratioClassifier(nce.get(run)), d);
                    }
                    return last;
                }));
            }
            for (int i = 0; i < RUNS; i++) assertArrayEquals(oneAfterAnother.get(i), together.get(i).get(), "run " + i);
        } finally {
            pool.shutdownNow();
        }
    }

    /** What the pipeline asks of a trained run: codes, likelihoods, pixel probabilities, the classifier's gradient. */
    private static double[] continued(VaeModel vae, RatioClassifier nce, EngineContract.Data d) {
        int n = EngineContract.N, l = vae.shape().latent();
        float[] enc = vae.encode(d.x, n), z = java.util.Arrays.copyOf(d.eps, n * l);
        double[] ll = new double[n];
        vae.logLikelihood(z, n, d.levels, ll);
        float[] probs = vae.decodeProbabilities(z, n), grad = new float[n * l], f = nce.logitsAndInputGradient(z, n, grad);
        double[] out = new double[enc.length + n + probs.length + n + grad.length];
        int at = 0;
        for (float v : enc) out[at++] = v;
        for (double v : ll) out[at++] = v;
        for (float v : probs) out[at++] = v;
        for (int i = 0; i < n; i++) out[at++] = f[i];
        for (float v : grad) out[at++] = v;
        return out;
    }
}

package dev.dgmbench.engine;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * An engine whose calls are timed: the seconds spent inside it and its models, so a run can tell its engine's
 * share of its time from the host's (noise, energies, sample metrics). Computes exactly what the engine computes.
 * Like the engines it wraps, it serves one thread at a time.
 */
public final class MeteredEngine implements Engine {
    private final Engine engine;
    private long insideNanos;

    private MeteredEngine(Engine engine) {
        this.engine = engine;
    }

    /** {@code engine}, timed (itself if it already is). */
    public static MeteredEngine of(Engine engine) {
        return engine instanceof MeteredEngine m ? m : new MeteredEngine(engine);
    }

    /** A model made by the wrapped engine before it was metered, timed from now on. */
    public VaeModel meter(VaeModel model) {
        return model instanceof TimedVae ? model : new TimedVae(model);
    }

    /** Seconds spent inside the engine's calls so far. */
    public double insideSeconds() {
        return insideNanos / 1e9;
    }

    private <T> T timed(Supplier<T> call) {
        long t0 = System.nanoTime();
        try {
            return call.get();
        } finally {
            insideNanos += System.nanoTime() - t0;
        }
    }

    private void timed(Runnable call) {
        timed(() -> {
            call.run();
            return null;
        });
    }

    @Override
    public String name() {
        return engine.name();
    }

    @Override
    public VaeModel vae(VaeShape shape, VaeWeights weights) {
        return new TimedVae(timed(() -> engine.vae(shape, weights)));
    }

    @Override
    public RatioClassifier ratioClassifier(MlpWeights weights) {
        return new TimedRatio(timed(() -> engine.ratioClassifier(weights)));
    }

    @Override
    public ImageClassifier imageClassifier(MlpWeights weights) {
        return new TimedImages(timed(() -> engine.imageClassifier(weights)));
    }

    @Override
    public boolean trainsGroups() {
        return engine.trainsGroups();
    }

    @Override
    public Optional<VaeGroup> vaeGroup(List<VaeShape> shapes, List<VaeWeights> weights) {
        return timed(() -> engine.vaeGroup(shapes, weights)).map(TimedGroup::new);
    }

    @Override
    public Map<String, String> provenance() {
        return engine.provenance();
    }

    private final class TimedVae implements VaeModel {
        private final VaeModel m;

        TimedVae(VaeModel m) {
            this.m = m;
        }

        @Override
        public VaeShape shape() {
            return m.shape();
        }

        @Override
        public void startTraining(OptimizerSpec optimizer) {
            timed(() -> m.startTraining(optimizer));
        }

        @Override
        public double fitEpoch(float[] x, int[][] levels, float[] eps, int[] order, int batchSize) {
            return timed(() -> m.fitEpoch(x, levels, eps, order, batchSize));
        }

        @Override
        public double[][] lossTerms(float[] x, int[][] levels, float[] eps, int n) {
            return timed(() -> m.lossTerms(x, levels, eps, n));
        }

        @Override
        public float[] encode(float[] x, int n) {
            return timed(() -> m.encode(x, n));
        }

        @Override
        public void logLikelihood(float[] z, int n, int[][] levels, double[] out) {
            timed(() -> m.logLikelihood(z, n, levels, out));
        }

        @Override
        public float[] decodeProbabilities(float[] z, int n) {
            return timed(() -> m.decodeProbabilities(z, n));
        }

        @Override
        public float[] snapshot() {
            return timed(m::snapshot);
        }

        @Override
        public void restore(float[] snapshot) {
            timed(() -> m.restore(snapshot));
        }

        @Override
        public Checkpoint checkpoint() {
            Checkpoint c = timed(m::checkpoint);
            return () -> timed(c::restore);
        }

        @Override
        public VaeWeights weights() {
            return timed(m::weights);
        }
    }

    private final class TimedGroup implements VaeGroup {
        private final VaeGroup g;

        TimedGroup(VaeGroup g) {
            this.g = g;
        }

        @Override
        public int size() {
            return g.size();
        }

        @Override
        public VaeModel member(int i) {
            return new TimedVae(g.member(i));
        }

        @Override
        public void startTraining(OptimizerSpec[] optimizers) {
            timed(() -> g.startTraining(optimizers));
        }

        @Override
        public void fitEpoch(float[] x, int[][] levels, float[][] eps, int[][] order, int batchSize, boolean[] active) {
            timed(() -> g.fitEpoch(x, levels, eps, order, batchSize, active));
        }
    }

    private final class TimedRatio implements RatioClassifier {
        private final RatioClassifier c;

        TimedRatio(RatioClassifier c) {
            this.c = c;
        }

        @Override
        public int latent() {
            return c.latent();
        }

        @Override
        public void startTraining(OptimizerSpec optimizer) {
            timed(() -> c.startTraining(optimizer));
        }

        @Override
        public double step(float[] z, float[] y, int n) {
            return timed(() -> c.step(z, y, n));
        }

        @Override
        public double loss(float[] z, float[] y, int n) {
            return timed(() -> c.loss(z, y, n));
        }

        @Override
        public float[] logits(float[] z, int n) {
            return timed(() -> c.logits(z, n));
        }

        @Override
        public float[] logitsAndInputGradient(float[] z, int n, float[] gradient) {
            return timed(() -> c.logitsAndInputGradient(z, n, gradient));
        }

        @Override
        public float[] snapshot() {
            return timed(c::snapshot);
        }

        @Override
        public void restore(float[] snapshot) {
            timed(() -> c.restore(snapshot));
        }

        @Override
        public MlpWeights weights() {
            return timed(c::weights);
        }
    }

    private final class TimedImages implements ImageClassifier {
        private final ImageClassifier c;

        TimedImages(ImageClassifier c) {
            this.c = c;
        }

        @Override
        public void startTraining(OptimizerSpec optimizer) {
            timed(() -> c.startTraining(optimizer));
        }

        @Override
        public double step(float[] x, int[] labels, int n) {
            return timed(() -> c.step(x, labels, n));
        }

        @Override
        public double loss(float[] x, int[] labels, int n) {
            return timed(() -> c.loss(x, labels, n));
        }

        @Override
        public float[] probabilities(float[] x, int n) {
            return timed(() -> c.probabilities(x, n));
        }

        @Override
        public float[] features(float[] x, int n) {
            return timed(() -> c.features(x, n));
        }

        @Override
        public float[] snapshot() {
            return timed(c::snapshot);
        }

        @Override
        public void restore(float[] snapshot) {
            timed(() -> c.restore(snapshot));
        }

        @Override
        public MlpWeights weights() {
            return timed(c::weights);
        }
    }
}

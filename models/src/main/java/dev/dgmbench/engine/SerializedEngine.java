package dev.dgmbench.engine;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * An engine shared by several threads: every call on it and on its models runs under one lock, so an engine built
 * for one caller at a time (a GPU's stream, work buffers shared by a group's members, a cache of device copies) is
 * never entered twice at once, while the callers' own work between calls (noise, energies, the sample metrics)
 * runs in parallel. Arrays an engine may own and reuse ({@link VaeModel#encode}, logits, ...) are copied before the
 * lock is released. Each call computes exactly what it would unshared: only the interleaving of calls changes.
 * Each thread's time waiting for the engine and inside it is metered ({@link #usage}), so a run can tell its
 * engine's share of its time from the host's.
 */
public final class SerializedEngine implements Engine {
    private final Engine engine;
    private final Object lock = new Object();
    /** Per thread: nanoseconds waiting for the lock, nanoseconds inside the engine. */
    private final ThreadLocal<long[]> meter = ThreadLocal.withInitial(() -> new long[2]);

    /** The calling thread's time so far waiting for the engine (held by another thread) and inside its calls. */
    public record Usage(double waitSeconds, double insideSeconds) {
        public Usage since(Usage start) {
            return new Usage(waitSeconds - start.waitSeconds, insideSeconds - start.insideSeconds);
        }
    }

    private SerializedEngine(Engine engine) {
        this.engine = engine;
    }

    /** {@code engine} behind one lock (itself if it already is). */
    public static SerializedEngine of(Engine engine) {
        return engine instanceof SerializedEngine s ? s : new SerializedEngine(engine);
    }

    /** A model made by the wrapped engine before it was shared (a trained group's member), behind the same lock. */
    public VaeModel share(VaeModel model) {
        return model instanceof LockedVae ? model : new LockedVae(model);
    }

    public Usage usage() {
        long[] m = meter.get();
        return new Usage(m[0] / 1e9, m[1] / 1e9);
    }

    private <T> T locked(Supplier<T> call) {
        long asked = System.nanoTime();
        synchronized (lock) {
            long entered = System.nanoTime();
            try {
                return call.get();
            } finally {
                long[] m = meter.get();
                m[0] += entered - asked;
                m[1] += System.nanoTime() - entered;
            }
        }
    }

    private void locked(Runnable call) {
        locked(() -> {
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
        return new LockedVae(locked(() -> engine.vae(shape, weights)));
    }

    @Override
    public RatioClassifier ratioClassifier(MlpWeights weights) {
        return new LockedRatio(locked(() -> engine.ratioClassifier(weights)));
    }

    @Override
    public ImageClassifier imageClassifier(MlpWeights weights) {
        return new LockedImages(locked(() -> engine.imageClassifier(weights)));
    }

    @Override
    public boolean trainsGroups() {
        return engine.trainsGroups();
    }

    @Override
    public Optional<VaeGroup> vaeGroup(List<VaeShape> shapes, List<VaeWeights> weights) {
        return locked(() -> engine.vaeGroup(shapes, weights)).map(LockedGroup::new);
    }

    @Override
    public Map<String, String> provenance() {
        return engine.provenance();
    }

    private final class LockedVae implements VaeModel {
        private final VaeModel m;

        LockedVae(VaeModel m) {
            this.m = m;
        }

        @Override
        public VaeShape shape() {
            return m.shape();
        }

        @Override
        public void startTraining(OptimizerSpec optimizer) {
            locked(() -> m.startTraining(optimizer));
        }

        @Override
        public double fitEpoch(float[] x, int[][] levels, float[] eps, int[] order, int batchSize) {
            return locked(() -> m.fitEpoch(x, levels, eps, order, batchSize));
        }

        @Override
        public double[][] lossTerms(float[] x, int[][] levels, float[] eps, int n) {
            return locked(() -> {
                double[][] t = m.lossTerms(x, levels, eps, n);
                double[][] copy = new double[t.length][];
                for (int i = 0; i < t.length; i++) copy[i] = t[i].clone();
                return copy;
            });
        }

        @Override
        public float[] encode(float[] x, int n) {
            return locked(() -> m.encode(x, n).clone());
        }

        @Override
        public void logLikelihood(float[] z, int n, int[][] levels, double[] out) {
            locked(() -> m.logLikelihood(z, n, levels, out));
        }

        @Override
        public float[] decodeProbabilities(float[] z, int n) {
            return locked(() -> m.decodeProbabilities(z, n).clone());
        }

        @Override
        public float[] snapshot() {
            return locked(m::snapshot);
        }

        @Override
        public void restore(float[] snapshot) {
            locked(() -> m.restore(snapshot));
        }

        @Override
        public VaeWeights weights() {
            return locked(m::weights);
        }
    }

    private final class LockedGroup implements VaeGroup {
        private final VaeGroup g;

        LockedGroup(VaeGroup g) {
            this.g = g;
        }

        @Override
        public int size() {
            return g.size();
        }

        @Override
        public VaeModel member(int i) {
            return new LockedVae(g.member(i));
        }

        @Override
        public void startTraining(OptimizerSpec[] optimizers) {
            locked(() -> g.startTraining(optimizers));
        }

        @Override
        public void fitEpoch(float[] x, int[][] levels, float[][] eps, int[][] order, int batchSize, boolean[] active) {
            locked(() -> g.fitEpoch(x, levels, eps, order, batchSize, active));
        }
    }

    private final class LockedRatio implements RatioClassifier {
        private final RatioClassifier c;

        LockedRatio(RatioClassifier c) {
            this.c = c;
        }

        @Override
        public int latent() {
            return c.latent();
        }

        @Override
        public void startTraining(OptimizerSpec optimizer) {
            locked(() -> c.startTraining(optimizer));
        }

        @Override
        public double step(float[] z, float[] y, int n) {
            return locked(() -> c.step(z, y, n));
        }

        @Override
        public double loss(float[] z, float[] y, int n) {
            return locked(() -> c.loss(z, y, n));
        }

        @Override
        public float[] logits(float[] z, int n) {
            return locked(() -> c.logits(z, n).clone());
        }

        @Override
        public float[] logitsAndInputGradient(float[] z, int n, float[] gradient) {
            return locked(() -> c.logitsAndInputGradient(z, n, gradient).clone());
        }

        @Override
        public float[] snapshot() {
            return locked(c::snapshot);
        }

        @Override
        public void restore(float[] snapshot) {
            locked(() -> c.restore(snapshot));
        }

        @Override
        public MlpWeights weights() {
            return locked(c::weights);
        }
    }

    private final class LockedImages implements ImageClassifier {
        private final ImageClassifier c;

        LockedImages(ImageClassifier c) {
            this.c = c;
        }

        @Override
        public void startTraining(OptimizerSpec optimizer) {
            locked(() -> c.startTraining(optimizer));
        }

        @Override
        public double step(float[] x, int[] labels, int n) {
            return locked(() -> c.step(x, labels, n));
        }

        @Override
        public double loss(float[] x, int[] labels, int n) {
            return locked(() -> c.loss(x, labels, n));
        }

        @Override
        public float[] probabilities(float[] x, int n) {
            return locked(() -> c.probabilities(x, n));
        }

        @Override
        public float[] features(float[] x, int n) {
            return locked(() -> c.features(x, n));
        }

        @Override
        public float[] snapshot() {
            return locked(c::snapshot);
        }

        @Override
        public void restore(float[] snapshot) {
            locked(() -> c.restore(snapshot));
        }

        @Override
        public MlpWeights weights() {
            return locked(c::weights);
        }
    }
}

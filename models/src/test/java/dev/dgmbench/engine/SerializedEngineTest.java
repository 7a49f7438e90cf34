package dev.dgmbench.engine;

import dev.dgmbench.models.fused.FusedEngine;
import dev.dgmbench.models.nn.Noise;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.*;

/** An engine shared by threads: never entered twice at once, owned buffers copied out, the same numbers as alone. */
class SerializedEngineTest {
    static final int THREADS = 4, CALLS = 30;
    static final VaeShape SHAPE = new VaeShape(12, 5, 16, 3, Likelihood.CATEGORICAL, 0.5);

    /**
     * A stand-in engine whose models count the callers inside them (each call lingers a millisecond, so overlap
     * would be seen) and hand out one reused array, as a GPU engine's download buffer is.
     */
    static final class Recording {
        final AtomicInteger inside = new AtomicInteger(), most = new AtomicInteger();
        final float[] owned = new float[4];

        VaeModel model() {
            return (VaeModel) Proxy.newProxyInstance(VaeModel.class.getClassLoader(), new Class<?>[]{VaeModel.class},
                    (proxy, method, args) -> {
                        most.accumulateAndGet(inside.incrementAndGet(), Math::max);
                        try {
                            Thread.sleep(1);
                            if (method.getName().equals("encode")) {
                                owned[0] = ((float[]) args[0])[0];
                                return owned;
                            }
                            return method.getName().equals("shape") ? SHAPE : null;
                        } finally {
                            inside.decrementAndGet();
                        }
                    });
        }

        Engine engine() {
            return new Engine() {
                @Override
                public String name() {
                    return "recording";
                }

                @Override
                public VaeModel vae(VaeShape shape, VaeWeights weights) {
                    return model();
                }

                @Override
                public RatioClassifier ratioClassifier(MlpWeights weights) {
                    throw new UnsupportedOperationException();
                }

                @Override
                public ImageClassifier imageClassifier(MlpWeights weights) {
                    throw new UnsupportedOperationException();
                }

                @Override
                public Map<String, String> provenance() {
                    return Map.of("engine", "recording");
                }
            };
        }
    }

    @Test
    void callsFromManyThreadsEnterTheEngineOneAtATimeAndOwnedArraysAreCopiedOut() throws Exception {
        Recording rec = new Recording();
        SerializedEngine shared = SerializedEngine.of(rec.engine());
        List<VaeModel> models = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) models.add(t % 2 == 0 ? shared.vae(SHAPE, null) : shared.share(rec.model()));
        List<float[]> firstResults = parallel(t -> {
            float[] first = null;
            for (int c = 0; c < CALLS; c++) {
                float[] out = models.get(t).encode(new float[]{t * 1000 + c}, 1);
                if (first == null) first = out;
                assertEquals(t * 1000 + c, out[0], "a caller sees its own result, not another thread's");
            }
            return first;
        });
        assertEquals(1, rec.most.get(), "callers inside the engine at once");
        for (int t = 0; t < THREADS; t++) {
            assertEquals(t * 1000, firstResults.get(t)[0], "thread " + t + "'s first result was not overwritten by later calls");
        }
        assertSame(shared, SerializedEngine.of(shared));
        assertEquals("recording", shared.name());
    }

    @Test
    void modelsUsedFromSeveralThreadsComputeWhatTheyComputeAlone() throws Exception {
        Engine plain = FusedEngine.java();
        SerializedEngine shared = SerializedEngine.of(FusedEngine.java());
        Random rng = new Random(3);
        int n = 7, d = SHAPE.pixels();
        float[] x = new float[n * d];
        int[][] levels = new int[n][d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                levels[i][j] = rng.nextInt(SHAPE.levels());
                x[i * d + j] = levels[i][j] / (float) (SHAPE.levels() - 1);
            }
        }
        float[] z = Noise.normals(rng, n * SHAPE.latent());
        List<double[]> alone = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) alone.add(results(plain.vae(SHAPE, VaeWeights.glorot(SHAPE, t)), x, z, levels, n));
        List<VaeModel> models = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) models.add(shared.vae(SHAPE, VaeWeights.glorot(SHAPE, t)));
        List<double[]> together = parallel(t -> {
            double[] last = null;
            for (int c = 0; c < CALLS; c++) last = results(models.get(t), x, z, levels, n);
            return last;
        });
        for (int t = 0; t < THREADS; t++) assertArrayEquals(alone.get(t), together.get(t), "model " + t);
    }

    /** encode, log-likelihood and decoded probabilities of one model, end to end in one array. */
    static double[] results(VaeModel m, float[] x, float[] z, int[][] levels, int n) {
        float[] enc = m.encode(x, n), probs = m.decodeProbabilities(z, n);
        double[] ll = new double[n];
        m.logLikelihood(z, n, levels, ll);
        double[] out = new double[n * 2 * SHAPE.latent() + n + n * SHAPE.pixels() * SHAPE.levels()];
        int at = 0;
        for (int i = 0; i < n * 2 * SHAPE.latent(); i++) out[at++] = enc[i];
        for (double v : ll) out[at++] = v;
        for (int i = 0; i < n * SHAPE.pixels() * SHAPE.levels(); i++) out[at++] = probs[i];
        return out;
    }

    interface Task<T> {
        T run(int thread) throws Exception;
    }

    static <T> List<T> parallel(Task<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<T>> fs = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                fs.add(pool.submit(() -> task.run(thread)));
            }
            List<T> out = new ArrayList<>();
            for (Future<T> f : fs) out.add(f.get());
            return out;
        } finally {
            pool.shutdownNow();
        }
    }
}

package dev.dgmbench.engine;

import dev.dgmbench.models.fused.FusedEngine;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.*;

/** A metered engine counts the time inside its calls, and only that, and computes what the engine computes. */
class MeteredEngineTest {
    static final VaeShape SHAPE = new VaeShape(12, 5, 16, 3, Likelihood.CATEGORICAL, 0.5);

    /** A stand-in engine whose models' calls each take 5 ms on {@code clock} (nanoseconds). */
    static Engine sleepy(AtomicLong clock) {
        VaeModel model = (VaeModel) Proxy.newProxyInstance(VaeModel.class.getClassLoader(), new Class<?>[]{VaeModel.class},
                (proxy, method, args) -> {
                    if (method.isDefault()) return java.lang.reflect.InvocationHandler.invokeDefault(proxy, method, args);
                    clock.addAndGet(5_000_000);
                    return method.getName().equals("encode") ? new float[2] : null;
                });
        return new Engine() {
            @Override
            public String name() {
                return "sleepy";
            }

            @Override
            public VaeModel vae(VaeShape shape, VaeWeights weights) {
                return model;
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
                return Map.of("engine", "sleepy");
            }
        };
    }

    @Test
    void timeInsideCallsIsCountedAndTimeBetweenThemIsNot() {
        AtomicLong clock = new AtomicLong();
        Engine plain = sleepy(clock);
        MeteredEngine metered = new MeteredEngine(plain, clock::get);
        VaeModel model = metered.vae(SHAPE, null);
        for (int i = 0; i < 4; i++) {
            model.encode(new float[1], 1);
            model.restore(new float[1]);
            clock.addAndGet(20_000_000); // the host's work between calls
        }
        VaeModel.Checkpoint c = model.checkpoint(); // the default: a snapshot (5 ms), then the checkpoint is timed too
        c.restore();
        assertEquals(10 * 0.005, metered.insideSeconds(), 1e-12, "10 calls of 5 ms; the 80 ms between them not counted");
        assertSame(metered, MeteredEngine.of(metered));
        assertEquals("sleepy", metered.name());
        assertEquals(Map.of("engine", "sleepy"), metered.provenance());
    }

    @Test
    void aMeteredModelComputesExactlyWhatTheEnginesModelComputes() {
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
        VaeModel plain = FusedEngine.java().vae(SHAPE, VaeWeights.glorot(SHAPE, 1));
        VaeModel metered = MeteredEngine.of(FusedEngine.java()).vae(SHAPE, VaeWeights.glorot(SHAPE, 1));
        assertArrayEquals(plain.encode(x, n).clone(), metered.encode(x, n));
        assertArrayEquals(plain.decodeProbabilities(z, n).clone(), metered.decodeProbabilities(z, n));
        double[] a = new double[n], b = new double[n];
        plain.logLikelihood(z, n, levels, a);
        metered.logLikelihood(z, n, levels, b);
        assertArrayEquals(a, b);
    }
}

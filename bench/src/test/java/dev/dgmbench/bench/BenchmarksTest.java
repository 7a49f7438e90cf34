package dev.dgmbench.bench;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each benchmark's state sets up and one call of each benchmark method gives a finite value, without a JMH run (ported
 * from the benchmarks' first home in the suite). Training runs on the default engine {@code fused}, the rest on
 * {@code java}, whichever is quicker here; the other engines make the same calls.
 */
class BenchmarksTest {
    private static void finite(String what, double v) {
        assertTrue(Double.isFinite(v), what + " gave " + v);
    }

    @Test
    void trainStepRunsForBothBatchSizes() {
        for (int batch : new int[]{64, 1024}) {
            VaeTrainingBench b = new VaeTrainingBench();
            b.batch = batch;
            b.setUp();
            finite("trainStep batch " + batch, b.trainStep());
        }
    }

    @Test
    void digitsEpochs() {
        DigitsEpochBench b = new DigitsEpochBench();
        b.setUp();
        finite("fitEpoch", b.fitEpoch());
        finite("trainerEpoch", b.trainerEpoch());
    }

    @Test
    void importanceWeightedNll() {
        ImportanceNllBench b = new ImportanceNllBench();
        b.engine = "java";
        b.k = 20; // a small K keeps the whole-test-set call quick here
        b.setUp();
        finite("batch8", b.batch8());
        finite("testSet", b.testSet());
    }

    @Test
    void langevinStep() {
        LangevinStepBench b = new LangevinStepBench();
        b.engine = "java";
        b.setUp();
        finite("langevin", b.step());
    }

    @Test
    void productIsTheMatrixProductOfItsOperands() {
        for (String engine : new String[]{"java", "fused"}) {
            ProductBench b = new ProductBench();
            b.engine = engine;
            b.shape = "3x2x4";
            b.setUp();
            b.product();
            float[] c = new float[12];
            b.mm.read(b.c, c, 12);
            float[] x = operand(6, 1), y = operand(8, 2);
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 4; j++) {
                    double want = x[i * 2] * y[j] + x[i * 2 + 1] * y[4 + j];
                    org.junit.jupiter.api.Assertions.assertEquals(want, c[i * 4 + j], 1e-6, engine + " c[" + i + "][" + j + "]");
                }
            }
        }
        ProductBench bad = new ProductBench();
        bad.engine = "samediff";
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, bad::setUp);
        assertTrue(e.getMessage().contains("engine samediff has no product backend of its own; allowed: fused, java"), e.getMessage());
    }

    /** The bench's operand values, drawn as it draws them. */
    private static float[] operand(int n, long seed) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) (r.nextDouble() - 0.5);
        return v;
    }

    @Test
    void evaluatorFeatures() throws Exception {
        EvaluatorFeaturesBench b = new EvaluatorFeaturesBench();
        b.setUp();
        try {
            finite("features", b.features());
        } finally {
            b.tearDown();
        }
    }
}

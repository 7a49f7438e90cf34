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

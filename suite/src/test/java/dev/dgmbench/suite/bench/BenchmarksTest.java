package dev.dgmbench.suite.bench;

import dev.dgmbench.models.prior.GradientMode;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each benchmark's state sets up and one call of each benchmark method gives a finite value (no JMH run). */
class BenchmarksTest {

    private static void finite(String what, double v) {
        assertTrue(Double.isFinite(v), what + " gave " + v);
    }

    @Test
    void trainStepRunsForBothBatchSizes() {
        for (int batch : new int[]{64, 1024}) {
            VaeTrainingBench b = new VaeTrainingBench();
            b.latent = 50;
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
        b.k = 20; // small K keeps the whole-test-set call quick here
        b.setUp();
        finite("batch8", b.batch8());
        finite("testSet", b.testSet());
    }

    @Test
    void langevinStepBothGradientModes() {
        for (GradientMode mode : GradientMode.values()) {
            LangevinStepBench b = new LangevinStepBench();
            b.mode = mode;
            b.setUp();
            finite("langevin " + mode, b.step());
        }
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

    @Test
    void benchMainNeedsAnOutputFile() {
        assertThrows(IllegalArgumentException.class, () -> BenchMain.main(new String[]{"VaeTraining"}));
    }
}

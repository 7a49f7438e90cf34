package dev.dgmbench.metrics.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

class ClassCoverageTest {

    @Test
    void confidentPredictionsSpreadEvenlyOverClasses() {
        int c = 4;
        double[][] probs = new double[12][c];
        for (int i = 0; i < 12; i++) {
            probs[i][i % c] = 1;
        }
        ClassCoverage cc = ClassCoverage.of(probs);
        assertEquals(List.of(3, 3, 3, 3), cc.histogram());
        assertEquals(4, cc.classesCovered());
        assertEquals(0, cc.tvToUniform(), 1e-15);
        assertEquals(0, cc.klToUniform(), 1e-15);
        assertEquals(1, cc.meanConfidence(), 1e-15);
        // Each KL(one-hot || uniform marginal) is ln 4, so the score is exactly C.
        assertEquals(4, cc.inceptionScore(), 1e-12);
        assertEquals(12, cc.n());
        assertEquals(4, cc.numClasses());
    }

    @Test
    void uniformPredictionsHaveScoreOne() {
        double[][] probs = new double[5][];
        for (int i = 0; i < 5; i++) {
            probs[i] = new double[] {1.0 / 3, 1.0 / 3, 1.0 / 3};
        }
        ClassCoverage cc = ClassCoverage.of(probs);
        assertEquals(1, cc.inceptionScore(), 1e-12);
        assertEquals(1.0 / 3, cc.meanConfidence(), 1e-12);
        // All argmax ties go to class 0: histogram (5, 0, 0), TV = (2/3 + 1/3 + 1/3) / 2 = 2/3, KL = ln 3.
        assertEquals(List.of(5, 0, 0), cc.histogram());
        assertEquals(2.0 / 3, cc.tvToUniform(), 1e-12);
        assertEquals(Math.log(3), cc.klToUniform(), 1e-12);
        assertEquals(1, cc.classesCovered());
    }

    @Test
    void smallCaseByHand() {
        double[][] probs = {{0.9, 0.1}, {0.2, 0.8}};
        // Marginal (0.55, 0.45).
        double kl1 = 0.9 * Math.log(0.9 / 0.55) + 0.1 * Math.log(0.1 / 0.45);
        double kl2 = 0.2 * Math.log(0.2 / 0.55) + 0.8 * Math.log(0.8 / 0.45);
        ClassCoverage cc = ClassCoverage.of(probs);
        assertEquals(Math.exp((kl1 + kl2) / 2), cc.inceptionScore(), 1e-12);
        assertEquals(0.85, cc.meanConfidence(), 1e-12);
        assertEquals(List.of(1, 1), cc.histogram());
        assertEquals(0, cc.tvToUniform(), 1e-15);

        ClassCoverage skewed = ClassCoverage.of(new double[][] {{0.9, 0.1}, {0.6, 0.4}});
        assertEquals(List.of(2, 0), skewed.histogram());
        assertEquals(0.5, skewed.tvToUniform(), 1e-15); // (|1 - 1/2| + |0 - 1/2|) / 2
        assertEquals(Math.log(2), skewed.klToUniform(), 1e-15);
    }

    @Test
    void rejectsRowsThatAreNotDistributions() {
        assertThrows(IllegalArgumentException.class, () -> ClassCoverage.of(new double[][] {{0.5, 0.6}}));
        assertThrows(IllegalArgumentException.class, () -> ClassCoverage.of(new double[][] {{1.2, -0.2}}));
        assertThrows(IllegalArgumentException.class, () -> ClassCoverage.of(new double[0][]));
    }

    @Test
    void histogramIsImmutable() {
        ClassCoverage cc = ClassCoverage.of(new double[][] {{1, 0}});
        assertThrows(UnsupportedOperationException.class, () -> cc.histogram().set(0, 5));
    }
}

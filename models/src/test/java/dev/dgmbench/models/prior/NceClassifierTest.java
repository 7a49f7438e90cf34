package dev.dgmbench.models.prior;

import dev.dgmbench.models.nn.Noise;
import dev.dgmbench.models.nn.Engine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class NceClassifierTest {

    static INDArray[] posterior(Random r, int n, int l, double shift, double logVar) {
        INDArray mu = Noise.normal(r, n, l).muli(0.0).addi(shift);
        INDArray lv = mu.mul(0).addi(logVar);
        return new INDArray[]{mu, lv};
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void separatedDistributionsAreLearnedAndIdenticalOnesAreNot(Engine engine) {
        NceConfig cfg = new NceConfig(4, List.of(32, 32), 3e-3, 128, 30, 5, engine);
        // q(z) = N(3, 0.25 I) against p = N(0, I): trivially separable.
        NceClassifier sep = NceClassifier.create(cfg, 1);
        NceTrainingResult rs = sep.train(posterior(new Random(1), 2000, 4, 3.0, Math.log(0.25)),
                posterior(new Random(2), 500, 4, 3.0, Math.log(0.25)), 1);
        assertTrue(rs.accuracy() > 0.97, "accuracy " + rs.accuracy());
        // q(z) = N(0, I) = p: nothing to learn, accuracy stays near chance and loss near ln 2.
        NceClassifier same = NceClassifier.create(cfg, 2);
        NceTrainingResult ri = same.train(posterior(new Random(3), 2000, 4, 0.0, 0.0),
                posterior(new Random(4), 1000, 4, 0.0, 0.0), 2);
        assertEquals(0.5, ri.accuracy(), 0.06, "accuracy " + ri.accuracy());
        assertEquals(Math.log(2), ri.loss(), 0.03);
    }

    @Test
    void bothEnginesTrainToTheSameClassifierUpToRounding() {
        INDArray[] q = posterior(new Random(1), 600, 4, 1.0, Math.log(0.5)), held = posterior(new Random(2), 200, 4, 1.0, Math.log(0.5));
        NceClassifier fused = NceClassifier.create(new NceConfig(4, List.of(16), 1e-2, 64, 3, 3, Engine.FUSED), 7);
        NceClassifier graph = NceClassifier.create(new NceConfig(4, List.of(16), 1e-2, 64, 3, 3, Engine.SAMEDIFF), 7);
        NceTrainingResult rf = fused.train(q, held, 7), rg = graph.train(q, held, 7);
        assertEquals(rg.bestEpoch(), rf.bestEpoch());
        assertEquals(rg.loss(), rf.loss(), 1e-4);
        for (String w : graph.weights().keySet()) {
            double diff = graph.weights().get(w).sub(fused.weights().get(w)).amaxNumber().doubleValue();
            assertTrue(diff < 1e-3, w + " differs by " + diff);
        }
        // and the fused engine repeats itself bit for bit
        NceClassifier again = NceClassifier.create(new NceConfig(4, List.of(16), 1e-2, 64, 3, 3, Engine.FUSED), 7);
        again.train(q, held, 7);
        for (String w : fused.weights().keySet()) assertEquals(fused.weights().get(w), again.weights().get(w), w);
    }

    @Test
    void derivedAutodiffAndFusedGradientsMatchFiniteDifferences() {
        NceClassifier c = NceClassifier.create(new NceConfig(5, List.of(16, 8), 1e-3, 8, 1, 1), 9);
        INDArray z = Noise.normal(new Random(5), 6, 5).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT);
        INDArray derived = c.logRatioAndGradient(z, GradientMode.DERIVED)[1];
        INDArray auto = c.logRatioAndGradient(z, GradientMode.AUTODIFF)[1];
        INDArray[] fused = c.logRatioAndGradient(z, GradientMode.FUSED);
        assertArrayEquals(c.logRatio(z), fused[0].toDoubleVector(), 1e-5, "fused f against the graph's");
        double h = 1e-3;
        int checked = 0;
        for (int i = 0; i < 6; i++) {
            for (int j = 0; j < 5; j++) {
                INDArray zp = z.dup(), zm = z.dup();
                zp.putScalar(i, j, z.getDouble(i, j) + h);
                zm.putScalar(i, j, z.getDouble(i, j) - h);
                double f0 = c.logRatio(z)[i], fp = c.logRatio(zp)[i], fm = c.logRatio(zm)[i];
                // f is piecewise linear: where the one-sided slopes differ, a LeakyReLU kink lies within h; skip it.
                if (Math.abs((fp - f0) / h - (f0 - fm) / h) > 1e-3) continue;
                double fd = (fp - fm) / (2 * h);
                checked++;
                assertEquals(fd, derived.getDouble(i, j), 5e-4, "derived d f / d z[" + i + "," + j + "]");
                assertEquals(fd, auto.getDouble(i, j), 5e-4, "autodiff d f / d z[" + i + "," + j + "]");
                assertEquals(auto.getDouble(i, j), derived.getDouble(i, j), 1e-5, "derived against autodiff");
                assertEquals(auto.getDouble(i, j), fused[1].getDouble(i, j), 1e-5, "fused against autodiff");
            }
        }
        assertTrue(checked >= 20, "only " + checked + " of 30 coordinates were away from kinks");
    }
}

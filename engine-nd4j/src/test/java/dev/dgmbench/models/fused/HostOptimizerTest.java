package dev.dgmbench.models.fused;

import dev.dgmbench.engine.OptimizerSpec;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.AdaMax;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** The heap optimiser against ND4J's own updaters (an independent implementation) over several steps. */
class HostOptimizerTest {
    static final int SIZE = 1003; // not a multiple of any SIMD width: the scalar tail runs too

    static void matchesNd4j(IUpdater config) {
        Random r = new Random(4);
        float[] p = new float[SIZE];
        for (int i = 0; i < SIZE; i++) p[i] = (float) r.nextGaussian();
        INDArray ref = Nd4j.create(p.clone(), new long[]{1, SIZE}, 'c');
        GradientUpdater u = config.instantiate(Nd4j.zeros(DataType.FLOAT, 1, config.stateSize(SIZE)), true);
        HostOptimizer mine = new HostOptimizer(spec(config), SIZE);
        for (int step = 0; step < 5; step++) {
            float[] g = new float[SIZE];
            for (int i = 0; i < SIZE; i++) g[i] = (float) (r.nextGaussian() * (i % 7 == 0 ? 1e-3 : 1));
            INDArray ga = Nd4j.create(g.clone(), new long[]{1, SIZE}, 'c');
            u.applyUpdater(ga, step, 0);
            ref.subi(ga);
            mine.step(p, g);
        }
        float[] want = ref.data().asFloat();
        for (int i = 0; i < SIZE; i++) assertEquals(want[i], p[i], 1e-6 + 1e-5 * Math.abs(want[i]), "parameter " + i);
    }

    @Test
    void adamMatchesNd4jsAdam() {
        matchesNd4j(new Adam(3e-2));
    }

    @Test
    void adamaxMatchesNd4jsAdaMax() {
        matchesNd4j(new AdaMax(2e-2));
    }

    /** The same rule as plain data: ND4J's defaults must be the spec's. */
    static OptimizerSpec spec(IUpdater config) {
        if (config instanceof Adam a) {
            assertEquals(OptimizerSpec.BETA1, a.getBeta1());
            assertEquals(OptimizerSpec.BETA2, a.getBeta2());
            assertEquals(OptimizerSpec.EPSILON, a.getEpsilon());
            return OptimizerSpec.of(OptimizerSpec.Kind.ADAM, a.getLearningRate());
        }
        AdaMax a = (AdaMax) config;
        assertEquals(OptimizerSpec.BETA1, a.getBeta1());
        assertEquals(OptimizerSpec.BETA2, a.getBeta2());
        assertEquals(OptimizerSpec.EPSILON, a.getEpsilon());
        return OptimizerSpec.of(OptimizerSpec.Kind.ADAMAX, a.getLearningRate());
    }
}

package dev.dgmbench.engine;

import dev.dgmbench.models.prior.NceConfig;
import dev.dgmbench.models.prior.NceTraining;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class InitTest {
    static final VaeShape SHAPE = new VaeShape(64, 17, 32, 4, Likelihood.CATEGORICAL, 1.0);

    @Test
    void pytorchDrawsWeightsThenBiasesLayerByLayerFromTheVaeInitStream() {
        VaeWeights w = VaeWeights.initial(SHAPE, 7, Init.PYTORCH);
        Random rng = Seeds.random(7, "vae-init");
        // Documented order: enc1 weights (64 x 32, row-major), enc1 biases (32), then enc2 ... with bound 1/sqrt(fan_in).
        double b1 = 1 / Math.sqrt(64);
        for (int i = 0; i < 64 * 32; i++) assertEquals((float) ((rng.nextDouble() * 2 - 1) * b1), w.layer("enc1").w()[i]);
        for (int i = 0; i < 32; i++) assertEquals((float) ((rng.nextDouble() * 2 - 1) * b1), w.layer("enc1").b()[i]);
        assertEquals((float) ((rng.nextDouble() * 2 - 1) / Math.sqrt(32)), w.layer("enc2").w()[0]);
    }

    @Test
    void pytorchBoundsAndSpreadFollowTheFanIn() {
        VaeWeights w = VaeWeights.initial(SHAPE, 3, Init.PYTORCH);
        for (String name : VaeWeights.LAYERS) {
            Layer l = w.layer(name);
            double bound = 1 / Math.sqrt(l.in()), sq = 0;
            for (float v : l.w()) {
                assertTrue(Math.abs(v) <= bound, name);
                sq += v * v;
            }
            for (float v : l.b()) assertTrue(Math.abs(v) <= bound, name);
            // U(-c, c) has variance c^2/3; with >= 128 draws the sample variance is within 30% of it (its relative
            // sd is about sqrt(0.8 / n) <= 8%, so this is a > 3.5-sigma band).
            assertEquals(bound * bound / 3, sq / l.w().length, 0.3 * bound * bound / 3, name);
        }
        float[] bias = w.layer("dec_out").b();
        assertNotEquals(0f, bias[0]);   // unlike Glorot, the biases are drawn
    }

    @Test
    void glorotIsUnchangedZeroBiasesAndTheSameDraws() {
        VaeWeights w = VaeWeights.glorot(SHAPE, 5);
        Random rng = Seeds.random(5, "vae-init");
        double limit = Math.sqrt(6.0 / (64 + 32));
        assertEquals((float) ((rng.nextDouble() * 2 - 1) * limit), w.layer("enc1").w()[0]);
        for (String name : VaeWeights.LAYERS) for (float b : w.layer(name).b()) assertEquals(0f, b);
        assertEquals(w.arrays().keySet(), VaeWeights.initial(SHAPE, 5, Init.GLOROT).arrays().keySet());
    }

    @Test
    void nceClassifierTakesTheSchemeFromItsOwnStream() {
        NceConfig cfg = new NceConfig(4, List.of(8), 1e-3, 16, 1, 1);
        MlpWeights p = NceTraining.initialWeights(cfg, 2, Init.PYTORCH);
        Random rng = Seeds.random(2, "nce-init");
        assertEquals((float) ((rng.nextDouble() * 2 - 1) / 2), p.layers().get(0).w()[0]);   // fan_in 4: bound 1/2
        assertArrayEquals(new float[8], NceTraining.initialWeights(cfg, 2).layers().get(0).b());
    }

    /**
     * PyTorch's nn.Linear.reset_parameters: kaiming_uniform_(weight, a = sqrt(5)) draws U(-bound, bound) with
     * bound = gain * sqrt(3 / fan_in), gain = sqrt(2 / (1 + a^2)) (leaky_relu's); the bias U(-1/sqrt(fan_in), +).
     * Computed here from those formulas, not from the code under test.
     */
    static double kaimingBound(int fanIn) {
        double a = Math.sqrt(5), gain = Math.sqrt(2 / (1 + a * a));
        return gain * Math.sqrt(3.0 / fanIn);
    }

    @Test
    void pytorchIsNnLinearsKaimingUniformWithASqrt5() {
        NceConfig cfg = new NceConfig(50, List.of(256, 256), 1e-3, 16, 1, 1);
        MlpWeights nce = NceTraining.initialWeights(cfg, 4, Init.PYTORCH);
        VaeWeights vae = VaeWeights.initial(new VaeShape(784, 10, 256, 50, Likelihood.CATEGORICAL, 1.0), 4, Init.PYTORCH);
        List<Layer> layers = new java.util.ArrayList<>(nce.layers());
        for (String name : VaeWeights.LAYERS) layers.add(vae.layer(name));
        for (Layer l : layers) {
            double w = kaimingBound(l.in()), b = 1 / Math.sqrt(l.in()), maxW = 0, maxB = 0;
            for (float v : l.w()) maxW = Math.max(maxW, Math.abs(v));
            for (float v : l.b()) maxB = Math.max(maxB, Math.abs(v));
            assertTrue(maxW <= w * (1 + 1e-6), "weights within the kaiming bound " + w);
            // with >= 256 draws the largest |w| comes within 2% of the bound (P(miss) = 0.98^256 < 1e-2 per layer
            // for the smallest layer; the draws are fixed by the seed)
            assertTrue(maxW > 0.98 * w, "weights reach the bound " + w + ": " + maxW);
            assertTrue(maxB <= b * (1 + 1e-6) && (l.out() < 10 || maxB > 0.5 * b), "biases U(-1/sqrt(fan_in), +): " + maxB);
        }
    }
}

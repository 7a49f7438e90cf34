package dev.dgmbench.metrics.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SharpnessTest {

    private static double[] oneHot(int levels, int hot) {
        double[] p = new double[levels];
        p[hot] = 1;
        return p;
    }

    private static double[] uniform(int levels) {
        double[] p = new double[levels];
        java.util.Arrays.fill(p, 1.0 / levels);
        return p;
    }

    @Test
    void oneHotHasZeroEntropyAndUniformHasLogK() {
        double[][][] sharp = {{oneHot(4, 0), oneHot(4, 3)}, {oneHot(4, 1), oneHot(4, 2)}};
        Sharpness.PixelEntropy h0 = Sharpness.meanPixelEntropy(sharp);
        assertEquals(0.0, h0.meanNats(), 1e-15);
        assertEquals(Math.log(4), h0.maxNats(), 1e-15);
        assertEquals(2, h0.nImages());
        assertEquals(2, h0.pixels());
        assertEquals(4, h0.levels());

        double[][][] flat = {{uniform(256), uniform(256), uniform(256)}};
        assertEquals(Math.log(256), Sharpness.meanPixelEntropy(flat).meanNats(), 1e-12);
    }

    @Test
    void mixedCaseByHand() {
        // Pixels: (1/2, 1/2) -> ln 2; one-hot -> 0; (1/4, 3/4) -> -(1/4 ln 1/4 + 3/4 ln 3/4); one-hot -> 0.
        double h = -(0.25 * Math.log(0.25) + 0.75 * Math.log(0.75));
        double[][][] probs = {{{0.5, 0.5}, {1, 0}}, {{0.25, 0.75}, {0, 1}}};
        assertEquals((Math.log(2) + h) / 4, Sharpness.meanPixelEntropy(probs).meanNats(), 1e-15);
    }

    @Test
    void flatFloatLayoutMatchesNestedArrays() {
        double[][][] probs = {{{0.5, 0.5, 0}, {0.2, 0.3, 0.5}}, {{0.1, 0.1, 0.8}, {1, 0, 0}}};
        float[] flat = new float[12];
        int k = 0;
        for (double[][] img : probs) {
            for (double[] px : img) {
                for (double v : px) {
                    flat[k++] = (float) v;
                }
            }
        }
        Sharpness.PixelEntropy nested = Sharpness.meanPixelEntropy(probs);
        Sharpness.PixelEntropy fromFlat = Sharpness.meanPixelEntropy(flat, 2, 2, 3);
        assertEquals(nested.meanNats(), fromFlat.meanNats(), 1e-6);
        assertEquals(2, fromFlat.nImages());
        assertEquals(3, fromFlat.levels());
        assertThrows(IllegalArgumentException.class, () -> Sharpness.meanPixelEntropy(flat, 2, 2, 2));
    }

    @Test
    void rejectsNonDistributions() {
        assertThrows(IllegalArgumentException.class,
                () -> Sharpness.meanPixelEntropy(new double[][][] {{{0.5, 0.6}}}));
        assertThrows(IllegalArgumentException.class,
                () -> Sharpness.meanPixelEntropy(new double[][][] {{{1.5, -0.5}}}));
        assertThrows(IllegalArgumentException.class,
                () -> Sharpness.meanPixelEntropy(new double[][][] {{{1, 0}}, {{1, 0}, {1, 0}}}));
    }

    @Test
    void gradientEnergyByHand() {
        // 2 x 2 checkerboard: all four neighbour pairs differ by 1.
        assertEquals(1.0, Sharpness.meanGradientEnergy(new double[][] {{0, 1, 1, 0}}, 2, 2).mean(), 1e-15);
        // Ramp 0, 0.5, 1 in one row: two pairs of squared difference 0.25.
        assertEquals(0.25, Sharpness.meanGradientEnergy(new double[][] {{0, 0.5, 1}}, 3, 1).mean(), 1e-15);
        // Mean over images: constant image 0, checkerboard 1 -> 0.5.
        Sharpness.GradientEnergy g = Sharpness.meanGradientEnergy(new double[][] {{0.3, 0.3, 0.3, 0.3}, {0, 1, 1, 0}},
                2, 2);
        assertEquals(0.5, g.mean(), 1e-15);
        assertEquals(2, g.nImages());
        assertEquals(2, g.width());
        assertEquals(2, g.height());
        // 8-bit intensities are scaled by 255 first.
        assertEquals(1.0, Sharpness.meanGradientEnergy(new double[][] {{0, 255, 255, 0}}, 2, 2, 255).mean(), 1e-15);
    }

    @Test
    void crispImageHasMoreGradientEnergyThanBlurredCopy() {
        int w = 16;
        int h = 12;
        double[] crisp = new double[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                crisp[y * w + x] = ((x / 4 + y / 4) % 2 == 0) ? 1.0 : 0.0; // 4x4 blocks
            }
        }
        double[] blurred = boxBlur(crisp, w, h);
        double eCrisp = Sharpness.meanGradientEnergy(new double[][] {crisp}, w, h).mean();
        double eBlur = Sharpness.meanGradientEnergy(new double[][] {blurred}, w, h).mean();
        assertTrue(eCrisp > 2 * eBlur, eCrisp + " vs " + eBlur);
        assertTrue(eBlur > 0);
    }

    @Test
    void rejectsOutOfRangeAndBadShapes() {
        assertThrows(IllegalArgumentException.class,
                () -> Sharpness.meanGradientEnergy(new double[][] {{0, 2, 0, 0}}, 2, 2));
        assertThrows(IllegalArgumentException.class,
                () -> Sharpness.meanGradientEnergy(new double[][] {{0, 1, 0}}, 2, 2));
        assertThrows(IllegalArgumentException.class,
                () -> Sharpness.meanGradientEnergy(new double[][] {{0}}, 1, 1));
    }

    /** 3 x 3 mean filter with edge clamping. */
    private static double[] boxBlur(double[] img, int w, int h) {
        double[] out = new double[img.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double s = 0;
                for (int dy = -1; dy <= 1; dy++) {
                    for (int dx = -1; dx <= 1; dx++) {
                        int yy = Math.min(h - 1, Math.max(0, y + dy));
                        int xx = Math.min(w - 1, Math.max(0, x + dx));
                        s += img[yy * w + xx];
                    }
                }
                out[y * w + x] = s / 9;
            }
        }
        return out;
    }
}

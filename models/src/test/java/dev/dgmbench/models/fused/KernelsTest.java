package dev.dgmbench.models.fused;

import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class KernelsTest {
    @Test
    void expIsWithinOneMillionthOfMathExpOverTheFloatRange() {
        double worst = 0;
        for (int i = 0; i <= 1_000_000; i++) {
            float x = -87f + 175f * i / 1_000_000f;
            worst = Math.max(worst, Math.abs(Kernels.exp(x) / Math.exp(x) - 1));
        }
        assertTrue(worst < 1e-6, "worst relative error " + worst);
        assertTrue(Kernels.exp(-1e6f) >= 0 && Kernels.exp(-1e6f) < 1e-37f);
        assertTrue(Float.isFinite(Kernels.exp(1e6f)));
    }

    @Test
    void vectorExpEqualsTheScalarFormulaBitForBit() {
        int lanes = Kernels.SPECIES.length();
        float[] x = new float[lanes * 1000], out = new float[x.length];
        java.util.Random r = new java.util.Random(2);
        for (int i = 0; i < x.length; i++) x[i] = (float) (r.nextGaussian() * 30);
        for (int i = 0; i < x.length; i += lanes) Kernels.exp(FloatVector.fromArray(Kernels.SPECIES, x, i)).intoArray(out, i);
        for (int i = 0; i < x.length; i++) assertEquals(Kernels.exp(x[i]), out[i], 0f, "x = " + x[i]);
    }

    @Test
    void softmaxAcrossSlicesMatchesADirectComputation() {
        int levels = 5, pixels = 19; // not a multiple of the lane count
        float[] l = new float[3 + levels * pixels], m = new float[pixels], e = new float[levels * pixels], s = new float[pixels];
        java.util.Random r = new java.util.Random(3);
        for (int i = 0; i < l.length; i++) l[i] = (float) (r.nextGaussian() * 10);
        Kernels.softmaxAcrossSlices(l, 3, levels, pixels, m, e, s);
        for (int j = 0; j < pixels; j++) {
            double max = Double.NEGATIVE_INFINITY, sum = 0;
            for (int k = 0; k < levels; k++) max = Math.max(max, l[3 + k * pixels + j]);
            for (int k = 0; k < levels; k++) sum += Math.exp(l[3 + k * pixels + j] - max);
            assertEquals(max, m[j], 0.0);
            assertEquals(sum, s[j], 1e-5 * sum);
        }
    }

    @Test
    void dotSumsInAFixedOrder() {
        float[] a = new float[37], b = new float[37];
        double want = 0;
        for (int i = 0; i < 37; i++) {
            a[i] = i * 0.5f - 3;
            b[i] = 1f / (i + 1);
            want += (double) a[i] * b[i];
        }
        assertEquals(want, Kernels.dot(a, 0, b, 37), 1e-5);
        assertEquals(Kernels.dot(a, 0, b, 37), Kernels.dot(a, 0, b, 37), 0f);
    }
}

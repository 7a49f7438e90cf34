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
        assertEquals(want, Kernels.dot(a, 0, b, 0, 37), 1e-5);
        assertEquals(Kernels.dot(a, 0, b, 0, 37), Kernels.dot(a, 0, b, 0, 37), 0f);
    }

    /**
     * The sums' layout is fixed, not the species': 16 partial sums (element i into partial i mod 16), added in order,
     * then the tail. Written here in scalar code, so this holds whatever width the JVM runs the kernels at
     * (the suite's VectorWidthInvarianceTest runs whole studies at 256 and 512 bits).
     */
    @Test
    void dotEqualsTheFixedSixteenLaneLayoutBitForBitAtThisWidth() {
        java.util.Random r = new java.util.Random(5);
        for (int len = 0; len <= 80; len++) {
            int aFrom = len % 3, bFrom = len % 5;
            float[] a = new float[aFrom + len], b = new float[bFrom + len];
            for (int i = 0; i < a.length; i++) a[i] = (float) (r.nextGaussian() * Math.exp(r.nextGaussian() * 4));
            for (int i = 0; i < b.length; i++) b[i] = (float) r.nextGaussian();
            float[] partial = new float[16];
            int blocks = len - len % 16;
            for (int i = 0; i < blocks; i++) partial[i % 16] += a[aFrom + i] * b[bFrom + i];
            float want = 0;
            for (float p : partial) want += p;
            for (int i = blocks; i < len; i++) want += a[aFrom + i] * b[bFrom + i];
            assertEquals(Float.floatToRawIntBits(want), Float.floatToRawIntBits(Kernels.dot(a, aFrom, b, bFrom, len)),
                    "len " + len + " at " + Kernels.vectorBits() + " bits");
        }
    }

    @Test
    void theWidthIsChosenByTheSystemPropertyAndOtherValuesAreRefused() {
        assertEquals(256, Kernels.species("256").vectorBitSize());
        assertEquals(512, Kernels.species("512").vectorBitSize());
        assertTrue(Kernels.species(null).vectorBitSize() <= 512);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Kernels.species("300"));
        assertEquals("-Ddgmbench.vector.bits=300: allowed: 64, 128, 256, 512", e.getMessage());
    }
}

package dev.dgmbench.models.fused;

import java.util.SplittableRandom;

/**
 * Seeded N(0, 1) draws in bulk by Marsaglia's polar method on {@link SplittableRandom} doubles: ~10 ns per draw
 * against ~28 ns for {@link java.util.Random#nextGaussian} (synchronised, and StrictMath's software log), which was
 * a sixth of a Langevin step on 64 codes. Plain {@link Math} functions only, whose HotSpot intrinsics are the same
 * in every compilation tier, so the draws are the same bits in every run. A fill of odd length drops the second
 * draw of its last pair.
 */
public final class NormalStream {
    private final SplittableRandom rng;

    public NormalStream(long seed) {
        rng = new SplittableRandom(seed);
    }

    /** Fills out[0 .. n) with independent N(0, 1) draws. */
    public void fill(float[] out, int n) {
        for (int i = 0; i < n; ) {
            double u, v, s;
            do {
                u = 2 * rng.nextDouble() - 1;
                v = 2 * rng.nextDouble() - 1;
                s = u * u + v * v;
            } while (s >= 1 || s == 0);
            double m = Math.sqrt(-2 * Math.log(s) / s);
            out[i++] = (float) (u * m);
            if (i < n) out[i++] = (float) (v * m);
        }
    }

    /** n fresh draws. */
    public float[] next(int n) {
        float[] out = new float[n];
        fill(out, n);
        return out;
    }
}

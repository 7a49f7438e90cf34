package dev.dgmbench.engine;

import java.util.Random;
import java.util.random.RandomGenerator;

/** Standard-normal noise and row orders drawn from a seeded Java {@link Random}: the same on every engine. */
public final class Noise {
    private Noise() {
    }

    /** n independent N(0, 1) draws (Random#nextGaussian, rounded to float). */
    public static float[] normals(Random rng, int n) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) out[i] = (float) rng.nextGaussian();
        return out;
    }

    /** A uniformly random permutation of 0..n-1 (Fisher-Yates from the top). */
    public static int[] permutation(int n, RandomGenerator rng) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1), t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}

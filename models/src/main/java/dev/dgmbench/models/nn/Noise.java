package dev.dgmbench.models.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Random;

/** Standard-normal noise drawn from a seeded Java {@link Random} into ND4J arrays. */
public final class Noise {
    private Noise() {
    }

    public static float[] normals(Random rng, int n) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) out[i] = (float) rng.nextGaussian();
        return out;
    }

    /** A {@code rows x cols} float matrix of N(0,1) draws. */
    public static INDArray normal(Random rng, int rows, int cols) {
        return Nd4j.create(normals(rng, rows * cols), new long[]{rows, cols}, 'c');
    }
}

package dev.dgmbench.engine;

import java.util.Random;

/**
 * One dense layer's parameters on the heap: weight [in, out] row-major and bias [out]. The canonical form every
 * engine loads from and stores to, so weights move between engines and files without ND4J.
 */
public record Layer(int in, int out, float[] w, float[] b) {
    public Layer {
        if (w.length != in * out || b.length != out) {
            throw new IllegalArgumentException("layer " + in + "x" + out + " needs " + in * out + " weights and " + out
                    + " biases, got " + w.length + " and " + b.length);
        }
    }

    /** Glorot-uniform weights drawn row-major from {@code rng}, zero bias. */
    public static Layer glorot(Random rng, int in, int out) {
        double limit = Math.sqrt(6.0 / (in + out));
        float[] w = new float[in * out];
        for (int i = 0; i < w.length; i++) w[i] = (float) ((rng.nextDouble() * 2 - 1) * limit);
        return new Layer(in, out, w, new float[out]);
    }

    public Layer copy() {
        return new Layer(in, out, w.clone(), b.clone());
    }

    public int size() {
        return w.length + b.length;
    }
}

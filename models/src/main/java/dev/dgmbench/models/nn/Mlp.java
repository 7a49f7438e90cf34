package dev.dgmbench.models.nn;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Random;

/**
 * Dense layers for SameDiff graphs, written as {@code mmul(...).add(...)} (M2.1's {@code sd.nn.linear} breaks
 * training for some users). Weights are drawn in Java (Glorot uniform, zero bias) from a seeded stream.
 */
public final class Mlp {
    public static final double LEAKY_SLOPE = 0.01;

    private Mlp() {
    }

    /** Glorot-uniform {@code fanIn x fanOut} weights. */
    public static INDArray glorot(Random rng, int fanIn, int fanOut) {
        double limit = Math.sqrt(6.0 / (fanIn + fanOut));
        float[] w = new float[fanIn * fanOut];
        for (int i = 0; i < w.length; i++) w[i] = (float) ((rng.nextDouble() * 2 - 1) * limit);
        return Nd4j.create(w, new long[]{fanIn, fanOut}, 'c');
    }

    /** Creates trainable {@code name.w}, {@code name.b} and returns {@code in . w + b}. */
    public static SDVariable dense(SameDiff sd, String name, SDVariable in, int fanIn, int fanOut, Random rng) {
        SDVariable w = sd.var(name + ".w", glorot(rng, fanIn, fanOut));
        SDVariable b = sd.var(name + ".b", Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, 1, fanOut));
        return in.mmul(w).add(b);
    }

    /** A dense layer reading weights already created elsewhere (an inference graph sharing a trained model's arrays). */
    public static SDVariable denseConst(SameDiff sd, String name, SDVariable in, INDArray w, INDArray b) {
        return in.mmul(sd.constant(name + ".w", w)).add(sd.constant(name + ".b", b));
    }

    public static SDVariable leaky(SameDiff sd, SDVariable x) {
        return sd.nn.leakyRelu(x, LEAKY_SLOPE);
    }
}

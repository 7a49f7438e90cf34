package dev.dgmbench.engine.nd4j;

import dev.dgmbench.engine.Layer;
import dev.dgmbench.models.fused.DenseStack;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Dense layers for SameDiff graphs, written as {@code mmul(...).add(...)} (M2.1's {@code sd.nn.linear} breaks
 * training for some users), with their initial values given in canonical form.
 */
final class Mlp {
    private Mlp() {
    }

    /** Creates trainable {@code name.w}, {@code name.b} holding l's values and returns {@code in . w + b}. */
    static SDVariable dense(SameDiff sd, String name, SDVariable in, Layer l) {
        SDVariable w = sd.var(name + ".w", LayerWeights.matrix(l.w(), l.in(), l.out()));
        SDVariable b = sd.var(name + ".b", LayerWeights.matrix(l.b(), 1, l.out()));
        return in.mmul(w).add(b);
    }

    /** A dense layer reading arrays owned by another graph (an inference graph sharing a model's weights). */
    static SDVariable denseConst(SameDiff sd, String name, SDVariable in, INDArray w, INDArray b) {
        return in.mmul(sd.constant(name + ".w", w)).add(sd.constant(name + ".b", b));
    }

    static SDVariable leaky(SameDiff sd, SDVariable x) {
        return sd.nn.leakyRelu(x, DenseStack.LEAKY_SLOPE);
    }
}

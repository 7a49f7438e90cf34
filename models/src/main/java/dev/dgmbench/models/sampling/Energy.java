package dev.dgmbench.models.sampling;

import dev.dgmbench.models.prior.GradientMode;
import dev.dgmbench.models.prior.NceClassifier;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The energy of the tilted prior p(z) r(z): E(z) = |z|^2 / 2 - f(z), with r = exp(f) the classifier's density
 * ratio; grad E(z) = z - grad f(z). The quadratic part is added here, in closed form, rather than differentiated.
 */
public record Energy(NceClassifier classifier, GradientMode mode) {

    /** Energy per row [n] and its gradient [n, L]. */
    public Evaluated evaluate(INDArray z) {
        INDArray[] fg = classifier.logRatioAndGradient(z, mode);
        double[] f = fg[0].dup('c').data().asDouble();
        float[] zz = z.dup('c').data().asFloat();
        int l = (int) z.columns();
        double[] e = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            double s = 0;
            for (int j = 0; j < l; j++) s += (double) zz[i * l + j] * zz[i * l + j];
            e[i] = 0.5 * s - f[i];
        }
        return new Evaluated(e, z.sub(fg[1]));
    }

    public record Evaluated(double[] energy, INDArray gradient) {
        public double mean() {
            double s = 0;
            for (double v : energy) s += v;
            return s / energy.length;
        }
    }
}

package dev.dgmbench.models.sampling;

import dev.dgmbench.engine.RatioClassifier;

/**
 * The energy of the tilted prior p(z) r(z): E(z) = |z|^2 / 2 - f(z), with r = exp(f) the classifier's density
 * ratio; grad E(z) = z - grad f(z). The quadratic part is added here, in closed form, rather than differentiated.
 * Works on row-major Java arrays, so a sampler's loop allocates nothing per step.
 */
public record Energy(RatioClassifier classifier) {

    /** E per row (returned) and grad E [n, L] (into {@code gradient}) for n rows of z [n, L]. */
    public double[] evaluate(float[] z, int n, float[] gradient) {
        float[] f = classifier.logitsAndInputGradient(z, n, gradient);
        int l = classifier.latent();
        double[] e = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < l; j++) {
                int at = i * l + j;
                s += (double) z[at] * z[at];
                gradient[at] = z[at] - gradient[at];
            }
            e[i] = 0.5 * s - f[i];
        }
        return e;
    }

    public static double mean(double[] energy) {
        double s = 0;
        for (double v : energy) s += v;
        return s / energy.length;
    }
}

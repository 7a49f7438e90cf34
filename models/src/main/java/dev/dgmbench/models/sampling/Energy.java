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
        for (int i = 0; i < n; i++) e[i] = tempered(z, i, l, 1.0, f[i]);
        for (int at = 0; at < n * l; at++) gradient[at] = z[at] - gradient[at];
        return e;
    }

    /**
     * Rows of z [rows, L] in blocks of {@code perReplica} rows, block k at inverse temperature {@code betas[k]}:
     * f per row into {@code logits}, grad f into {@code logitGradient}, and E_b = |z|^2 / 2 - b f per row
     * (returned). With one block at b = 1 the energies are {@link #evaluate}'s, bit for bit.
     */
    public double[] evaluateTempered(float[] z, int rows, int perReplica, double[] betas, float[] logitGradient,
                                     float[] logits) {
        float[] f = classifier.logitsAndInputGradient(z, rows, logitGradient);
        System.arraycopy(f, 0, logits, 0, rows);
        int l = classifier.latent();
        double[] e = new double[rows];
        for (int i = 0; i < rows; i++) e[i] = tempered(z, i, l, betas[i / perReplica], logits[i]);
        return e;
    }

    /** E_b of row {@code row} of z [., latent] whose logit is f. */
    static double tempered(float[] z, int row, int latent, double beta, float f) {
        double s = 0;
        for (int j = 0, at = row * latent; j < latent; j++, at++) s += (double) z[at] * z[at];
        return 0.5 * s - beta * f;
    }

    public static double mean(double[] energy) {
        double s = 0;
        for (double v : energy) s += v;
        return s / energy.length;
    }
}

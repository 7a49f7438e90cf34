package dev.dgmbench.metrics.likelihood;

import dev.dgmbench.engine.ImageSet;
import dev.dgmbench.engine.VaeModel;
import dev.dgmbench.engine.VaeShape;
import dev.dgmbench.engine.Noise;
import dev.dgmbench.engine.Seeds;

/**
 * The ELBO and its parts on one split, averaged over images and {@code draws} noise draws per image.
 * Models of different beta must be compared by {@code elbo} (beta = 1) or NLL, not by {@code loss}.
 *
 * @param re    reconstruction term, -E_q log p(x|z), nats per image
 * @param kl    closed-form KL(q(z|x) || N(0, I))
 * @param klMc  Monte Carlo KL at the sampled z (converges to kl)
 * @param loss  re + beta kl, the training objective
 * @param elbo  -(re + kl), the beta = 1 evidence lower bound
 */
public record ElboTerms(double re, double kl, double klMc, double loss, double elbo, double bitsPerDim, int images,
                        int draws) {

    public static ElboTerms evaluate(VaeModel vae, ImageSet data, int draws, long seed) {
        var rng = Seeds.random(seed, "elbo");
        VaeShape s = vae.shape();
        double re = 0, kl = 0, klMc = 0;
        for (int d = 0; d < draws; d++) {
            float[] eps = Noise.normals(rng, data.size() * s.latent());
            double[][] t = vae.lossTerms(data.inputs(), data.levels(), eps, data.size());
            re += mean(t[0]);
            kl += mean(t[1]);
            klMc += mean(t[2]);
        }
        re /= draws;
        kl /= draws;
        klMc /= draws;
        return new ElboTerms(re, kl, klMc, s.loss(re, kl), -(re + kl), (re + kl) / (s.pixels() * Math.log(2)),
                data.size(), draws);
    }

    private static double mean(double[] v) {
        double sum = 0;
        for (double x : v) sum += x;
        return sum / v.length;
    }
}

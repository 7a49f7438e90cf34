package dev.dgmbench.metrics.likelihood;

import dev.dgmbench.models.nn.Noise;
import dev.dgmbench.models.nn.Seeds;
import dev.dgmbench.models.vae.BetaVae;
import dev.dgmbench.models.vae.ImageTensors;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;

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

    public static ElboTerms evaluate(BetaVae vae, ImageTensors data, int draws, long seed) {
        var rng = Seeds.random(seed, "elbo");
        double re = 0, kl = 0, klMc = 0;
        for (int d = 0; d < draws; d++) {
            INDArray eps = Noise.normal(rng, data.size(), vae.config().latent());
            Map<String, INDArray> out = vae.lossTerms(data.inputs(), data.oneHot(), eps);
            re += out.get("re").meanNumber().doubleValue();
            kl += out.get("kl").meanNumber().doubleValue();
            klMc += out.get("klmc").meanNumber().doubleValue();
        }
        re /= draws;
        kl /= draws;
        klMc /= draws;
        double beta = vae.config().beta();
        return new ElboTerms(re, kl, klMc, re + beta * kl, -(re + kl),
                (re + kl) / (vae.config().pixels() * Math.log(2)), data.size(), draws);
    }
}

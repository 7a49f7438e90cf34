package dev.dgmbench.engine;

/**
 * Shape of a beta-VAE, as plain data: encoder D -> M -> M -> 2L (mean and log-variance), decoder L -> M -> M ->
 * D*K logits (D for Bernoulli pixels), LeakyReLU between layers.
 *
 * @param pixels     D, pixels per image
 * @param levels     K, grey levels per pixel (2 for Bernoulli)
 * @param hidden     M, width of both hidden layers of encoder and decoder
 * @param latent     L, latent dimensions
 * @param likelihood each pixel's distribution
 * @param beta       weight of the KL term in the training loss: loss = RE + beta KL per image
 */
public record VaeShape(int pixels, int levels, int hidden, int latent, Likelihood likelihood, double beta) {
    public VaeShape {
        if (pixels < 1 || hidden < 1 || latent < 1) throw new IllegalArgumentException("pixels, hidden and latent must be >= 1");
        if (levels < 2) throw new IllegalArgumentException("levels must be >= 2, got " + levels);
        if (likelihood == Likelihood.BERNOULLI && levels != 2) {
            throw new IllegalArgumentException("a Bernoulli likelihood needs 2 levels, got " + levels);
        }
        if (!(beta >= 0) || Double.isInfinite(beta)) throw new IllegalArgumentException("beta must be a number >= 0, got " + beta);
    }

    /** Logit count of the decoder's output layer. */
    public int outputs() {
        return likelihood == Likelihood.BERNOULLI ? pixels : pixels * levels;
    }

    /** Encoder layer widths, input first. */
    public int[] encoderWidths() {
        return new int[]{pixels, hidden, hidden, 2 * latent};
    }

    /** Decoder layer widths, input first. */
    public int[] decoderWidths() {
        return new int[]{latent, hidden, hidden, outputs()};
    }

    /** Whether two shapes can be trained as one stacked group: everything but beta equal. */
    public boolean stacksWith(VaeShape o) {
        return pixels == o.pixels && levels == o.levels && hidden == o.hidden && latent == o.latent
                && likelihood == o.likelihood;
    }

    /** The loss definition, stated once: per image, RE + beta KL. */
    public double loss(double re, double kl) {
        return re + beta * kl;
    }
}

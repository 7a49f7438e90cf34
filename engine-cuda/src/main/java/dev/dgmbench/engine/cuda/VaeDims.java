package dev.dgmbench.engine.cuda;

/**
 * A beta-VAE's shape: D pixels of K grey levels (categorical, logits level-major k * D + j) or Bernoulli pixels,
 * M hidden units, L latent dimensions. Encoder D -> M -> M -> 2L (mu | log-variance), decoder L -> M -> M -> width.
 */
record VaeDims(boolean categorical, int pixels, int levels, int hidden, int latent) {
    int outputWidth() {
        return categorical ? pixels * levels : pixels;
    }

    int[] encoderWidths() {
        return new int[]{pixels, hidden, hidden, 2 * latent};
    }

    int[] decoderWidths() {
        return new int[]{latent, hidden, hidden, outputWidth()};
    }

    int encoderParameters() {
        return DenseLayers.parameterCount(encoderWidths());
    }

    int parameters() {
        return encoderParameters() + DenseLayers.parameterCount(decoderWidths());
    }
}

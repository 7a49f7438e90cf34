package dev.dgmbench.models.sampling;

import dev.dgmbench.engine.VaeModel;

import java.util.Random;

/**
 * Images decoded from latent codes: grey levels per pixel (the mode of each pixel's categorical, or a draw from
 * it) and the per-pixel probabilities [n][D][K] flattened, for the entropy-based sharpness metric.
 */
public record DecodedImages(int[][] images, float[] probabilities, int pixels, int levels) {

    public enum Mode { MODE, SAMPLE }

    /** Decodes n codes z [n, L] by the model's engine. */
    public static DecodedImages decode(VaeModel vae, float[] z, int n, Mode mode, long seed) {
        int d = vae.shape().pixels(), k = vae.shape().levels();
        float[] p = java.util.Arrays.copyOf(vae.decodeProbabilities(z, n), n * d * k);
        Random rng = dev.dgmbench.engine.Seeds.random(seed, "decode");
        int[][] images = new int[n][d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                int base = (i * d + j) * k;
                images[i][j] = mode == Mode.MODE ? argmax(p, base, k) : draw(p, base, k, rng.nextDouble());
            }
        }
        return new DecodedImages(images, p, d, k);
    }

    private static int argmax(float[] p, int base, int k) {
        int best = 0;
        for (int c = 1; c < k; c++) if (p[base + c] > p[base + best]) best = c;
        return best;
    }

    private static int draw(float[] p, int base, int k, double u) {
        double acc = 0;
        for (int c = 0; c < k; c++) {
            acc += p[base + c];
            if (u < acc) return c;
        }
        return k - 1;
    }
}

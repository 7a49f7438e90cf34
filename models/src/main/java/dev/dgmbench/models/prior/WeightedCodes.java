package dev.dgmbench.models.prior;

/**
 * Codes with log importance weights that target the NCE-tilted prior p e^f / Z: the particles an SMC normaliser
 * ends with ({@link SmcNormaliser}), which SIR can resample.
 *
 * @param z          [size, latent]
 * @param logWeights one per code, up to a common constant
 */
public record WeightedCodes(float[] z, double[] logWeights, int latent) {
    public WeightedCodes {
        if (z.length != logWeights.length * latent) {
            throw new IllegalArgumentException(z.length + " values for " + logWeights.length + " codes of " + latent);
        }
    }

    public int size() {
        return logWeights.length;
    }
}

package dev.dgmbench.metrics.quality;

/**
 * Settings of the sample-quality metrics, as plain data.
 *
 * @param kidSubsets     KID subsets averaged
 * @param kidSubsetSize  images per KID subset (clipped to what is available)
 * @param prK            k of the precision/recall k-NN manifolds
 * @param dcK            k of density and coverage
 */
public record SampleQualityConfig(int kidSubsets, int kidSubsetSize, int prK, int dcK) {
    public static SampleQualityConfig defaults() {
        return new SampleQualityConfig(50, 200, 3, 5);
    }
}

package dev.dgmbench.results;

import java.util.Map;

/**
 * Small sets of images kept for sample grids: {@code real}, {@code reconstruction} and one per sampler.
 * Each image is its grey levels (0..levels-1), row-major, width x height.
 */
public record SampleSets(int width, int height, int levels, Map<String, int[][]> sets) {
}

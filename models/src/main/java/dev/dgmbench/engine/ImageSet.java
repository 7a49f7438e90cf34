package dev.dgmbench.engine;

import dev.dgmbench.models.data.ImageDataset;

/**
 * Images as the engines read them: inputs scaled to [0, 1] row-major [n, D], and the grey level of every pixel
 * (the likelihood's targets, read by index).
 */
public record ImageSet(float[] inputs, int[][] levels, int size, int pixels, int levelCount) {

    public static ImageSet of(ImageDataset d) {
        return new ImageSet(scaled(d.images(), d.pixelsPerImage(), d.levels()), d.images(), d.size(), d.pixelsPerImage(),
                d.levels());
    }

    /** One or more images given as grey levels 0..levelCount-1, rows of equal length. */
    public static ImageSet ofLevels(int[][] levels, int levelCount) {
        int dim = levels[0].length;
        return new ImageSet(scaled(levels, dim, levelCount), levels, levels.length, dim, levelCount);
    }

    /** Inputs: each level divided by K - 1, row-major. */
    private static float[] scaled(int[][] levels, int dim, int levelCount) {
        float[] x = new float[levels.length * dim];
        for (int i = 0; i < levels.length; i++) {
            for (int j = 0; j < dim; j++) x[i * dim + j] = levels[i][j] / (float) (levelCount - 1);
        }
        return x;
    }

    /** The first n images (fewer if there are fewer). */
    public ImageSet head(int n) {
        int m = Math.min(n, size);
        int[][] l = new int[m][];
        System.arraycopy(levels, 0, l, 0, m);
        return new ImageSet(java.util.Arrays.copyOf(inputs, m * pixels), l, m, pixels, levelCount);
    }
}

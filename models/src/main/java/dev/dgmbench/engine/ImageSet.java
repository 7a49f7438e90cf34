package dev.dgmbench.engine;

import dev.dgmbench.models.data.ImageDataset;

/**
 * Images as the engines read them: inputs scaled to [0, 1] row-major [n, D], and the grey level of every pixel
 * (the likelihood's targets, read by index).
 */
public record ImageSet(float[] inputs, int[][] levels, int size, int pixels, int levelCount) {

    public static ImageSet of(ImageDataset d) {
        int n = d.size(), dim = d.pixelsPerImage(), k = d.levels();
        float[] x = new float[n * dim];
        for (int i = 0; i < n; i++) {
            int[] img = d.image(i);
            for (int j = 0; j < dim; j++) x[i * dim + j] = img[j] / (float) (k - 1);
        }
        return new ImageSet(x, d.images(), n, dim, k);
    }

    /** The first n images (fewer if there are fewer). */
    public ImageSet head(int n) {
        int m = Math.min(n, size);
        int[][] l = new int[m][];
        System.arraycopy(levels, 0, l, 0, m);
        return new ImageSet(java.util.Arrays.copyOf(inputs, m * pixels), l, m, pixels, levelCount);
    }
}

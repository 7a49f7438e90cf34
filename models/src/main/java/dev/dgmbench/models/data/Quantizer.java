package dev.dgmbench.models.data;

/**
 * Maps grey values {@code 0..sourceLevels-1} to {@code 0..levels-1} in equal-width bins:
 * {@code floor(v * levels / sourceLevels)}. With 256 source levels and 10 target levels, 0..25 -> 0, 231..255 -> 9.
 */
public final class Quantizer {
    private Quantizer() {
    }

    public static int level(int v, int sourceLevels, int levels) {
        return (int) ((long) v * levels / sourceLevels);
    }

    public static int[][] quantize(int[][] images, int sourceLevels, int levels) {
        if (levels < 2 || levels > sourceLevels) {
            throw new IllegalArgumentException("levels must be in 2.." + sourceLevels + ", got " + levels);
        }
        int[][] out = new int[images.length][];
        for (int i = 0; i < images.length; i++) {
            int[] src = images[i], dst = new int[src.length];
            for (int j = 0; j < src.length; j++) dst[j] = level(src[j], sourceLevels, levels);
            out[i] = dst;
        }
        return out;
    }

    /** The same images re-binned to fewer levels (e.g. digits 17 -> 2 for a Bernoulli model). */
    public static ImageDataset requantize(ImageDataset d, int levels) {
        if (levels == d.levels()) return d;
        return new ImageDataset(d.name() + "@" + levels, d.width(), d.height(), levels, d.classes(),
                quantize(d.images(), d.levels(), levels), d.labels());
    }
}

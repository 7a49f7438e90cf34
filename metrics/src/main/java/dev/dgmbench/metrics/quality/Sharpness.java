package dev.dgmbench.metrics.quality;

/**
 * Two reference-free sharpness measures for decoder outputs.
 *
 * <ul>
 *   <li>{@link #meanPixelEntropy}: the Shannon entropy (nats) of each pixel's categorical decoder distribution,
 *   averaged over pixels and images. It measures how certain the decoder is about each pixel's intensity level:
 *   <b>lower = more certain, i.e. sharper</b>; 0 for one-hot distributions, at most ln(levels) for uniform ones.
 *   Blurry VAE reconstructions show up as high entropy.</li>
 *   <li>{@link #meanGradientEnergy}: the mean squared difference between horizontally and vertically adjacent
 *   pixel intensities (scaled to [0, 1]), averaged over images. It measures edge contrast of the rendered images:
 *   <b>higher = sharper edges</b>; 0 for a constant image, at most 1. Blurring lowers it, but so does a genuinely
 *   smooth image, so compare it against the real data's value rather than maximising it.</li>
 * </ul>
 */
public final class Sharpness {
    /** Probability vectors may be off from summing to 1 by this much (float softmax round-off); they are renormalised. */
    static final double SUM_TOLERANCE = 1e-3;

    /**
     * @param meanNats mean per-pixel entropy in nats (lower = sharper)
     * @param maxNats  ln(levels), the entropy of a uniform pixel distribution, for normalising
     * @param nImages  images averaged over
     * @param pixels   pixels per image
     * @param levels   intensity levels per pixel distribution
     */
    public record PixelEntropy(double meanNats, double maxNats, int nImages, int pixels, int levels) {
    }

    /**
     * @param mean    mean over images of the per-image mean squared neighbour difference (higher = sharper)
     * @param nImages images averaged over
     * @param width   image width
     * @param height  image height
     */
    public record GradientEnergy(double mean, int nImages, int width, int height) {
    }

    private Sharpness() {
    }

    /** Mean pixel entropy of {@code probs[image][pixel][level]}, each innermost row a probability vector. */
    public static PixelEntropy meanPixelEntropy(double[][][] probs) {
        if (probs == null || probs.length == 0) {
            throw new IllegalArgumentException("probs must contain at least one image");
        }
        int pixels = probs[0].length;
        if (pixels == 0) {
            throw new IllegalArgumentException("probs[0] has no pixels");
        }
        int levels = probs[0][0].length;
        if (levels == 0) {
            throw new IllegalArgumentException("probs[0][0] has no levels");
        }
        double total = 0;
        double[] row = new double[levels];
        for (int i = 0; i < probs.length; i++) {
            if (probs[i].length != pixels) {
                throw new IllegalArgumentException("image " + i + " has " + probs[i].length + " pixels, expected "
                        + pixels);
            }
            for (int p = 0; p < pixels; p++) {
                if (probs[i][p].length != levels) {
                    throw new IllegalArgumentException("probs[" + i + "][" + p + "] has " + probs[i][p].length
                            + " levels, expected " + levels);
                }
                System.arraycopy(probs[i][p], 0, row, 0, levels);
                total += entropy(row, i, p);
            }
        }
        return new PixelEntropy(total / ((double) probs.length * pixels), Math.log(levels), probs.length, pixels,
                levels);
    }

    /**
     * Mean pixel entropy of a flat row-major array of shape [nImages][pixels][levels] (the layout of a decoder's
     * softmax output copied out of a tensor).
     */
    public static PixelEntropy meanPixelEntropy(float[] probs, int nImages, int pixels, int levels) {
        if (nImages < 1 || pixels < 1 || levels < 1) {
            throw new IllegalArgumentException("dims must be >= 1, got nImages=" + nImages + " pixels=" + pixels
                    + " levels=" + levels);
        }
        long expected = (long) nImages * pixels * levels;
        if (probs == null || probs.length != expected) {
            throw new IllegalArgumentException("probs has " + (probs == null ? 0 : probs.length) + " entries but "
                    + nImages + " x " + pixels + " x " + levels + " = " + expected + " were expected");
        }
        double total = 0;
        double[] row = new double[levels];
        for (int i = 0; i < nImages; i++) {
            for (int p = 0; p < pixels; p++) {
                int base = (i * pixels + p) * levels;
                for (int l = 0; l < levels; l++) {
                    row[l] = probs[base + l];
                }
                total += entropy(row, i, p);
            }
        }
        return new PixelEntropy(total / ((double) nImages * pixels), Math.log(levels), nImages, pixels, levels);
    }

    /** Gradient energy of row-major images (index y * width + x) whose intensities already lie in [0, 1]. */
    public static GradientEnergy meanGradientEnergy(double[][] images, int width, int height) {
        return meanGradientEnergy(images, width, height, 1.0);
    }

    /**
     * Gradient energy of row-major images with intensities in [0, maxIntensity] (e.g. 255 for 8-bit pixels), which
     * are divided by maxIntensity first so that values are comparable across encodings. Images must be at least 2
     * pixels in one direction so that neighbour pairs exist.
     */
    public static GradientEnergy meanGradientEnergy(double[][] images, int width, int height, double maxIntensity) {
        if (width < 1 || height < 1 || (width == 1 && height == 1)) {
            throw new IllegalArgumentException("image must have neighbouring pixels, got " + width + " x " + height);
        }
        if (!(maxIntensity > 0) || Double.isInfinite(maxIntensity)) {
            throw new IllegalArgumentException("maxIntensity must be positive and finite, got " + maxIntensity);
        }
        if (images == null || images.length == 0) {
            throw new IllegalArgumentException("images must contain at least one image");
        }
        int size = width * height;
        long pairs = (long) height * (width - 1) + (long) width * (height - 1);
        double total = 0;
        for (int n = 0; n < images.length; n++) {
            double[] img = images[n];
            if (img == null || img.length != size) {
                throw new IllegalArgumentException("image " + n + " has " + (img == null ? 0 : img.length)
                        + " pixels, expected " + width + " x " + height + " = " + size);
            }
            for (int k = 0; k < size; k++) {
                double v = img[k] / maxIntensity;
                if (!(v >= 0 && v <= 1)) {
                    throw new IllegalArgumentException("image " + n + " pixel " + k + " is " + img[k]
                            + ", outside [0, " + maxIntensity + "]");
                }
            }
            double sum = 0;
            for (int y = 0; y < height; y++) {
                int row = y * width;
                for (int x = 0; x < width; x++) {
                    double v = img[row + x] / maxIntensity;
                    if (x + 1 < width) {
                        double t = img[row + x + 1] / maxIntensity - v;
                        sum += t * t;
                    }
                    if (y + 1 < height) {
                        double t = img[row + width + x] / maxIntensity - v;
                        sum += t * t;
                    }
                }
            }
            total += sum / pairs;
        }
        return new GradientEnergy(total / images.length, images.length, width, height);
    }

    /** Entropy in nats of a probability vector (0 ln 0 = 0), renormalised after a tolerance check. */
    private static double entropy(double[] p, int image, int pixel) {
        double sum = 0;
        for (double v : p) {
            if (!(v >= 0) || Double.isInfinite(v)) {
                throw new IllegalArgumentException("image " + image + " pixel " + pixel
                        + " has a probability that is negative or not finite: " + v);
            }
            sum += v;
        }
        if (Math.abs(sum - 1) > SUM_TOLERANCE) {
            throw new IllegalArgumentException("image " + image + " pixel " + pixel + " probabilities sum to " + sum
                    + ", not 1");
        }
        double h = 0;
        for (double v : p) {
            if (v > 0) {
                double q = v / sum;
                h -= q * Math.log(q);
            }
        }
        return Math.max(h, 0);
    }
}

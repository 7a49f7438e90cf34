package dev.dgmbench.reports.charts;

import dev.dgmbench.reports.render.Png;
import dev.dgmbench.results.SampleSets;

import java.awt.image.BufferedImage;

/**
 * Draws a set of small grey-level images as one mosaic: grey levels {@code 0..levels-1} scaled to 0..255 (0 black),
 * each pixel upscaled to a {@code scale x scale} block so 8x8 images are visible, a mid-grey gap between images.
 */
public final class SampleGrid {
    public static final int GAP = 4, GAP_GREY = 160;

    static {
        Png.init();
    }

    private SampleGrid() {
    }

    /** Pixel scale giving images about 32 pixels wide (at least 1). */
    public static int scaleFor(int width) {
        return Math.max(1, 32 / Math.max(1, width));
    }

    /**
     * @param images  one image per row, row-major grey levels, {@code width*height} each
     * @param columns images per row of the mosaic
     */
    public static BufferedImage draw(int[][] images, int width, int height, int levels, int columns, int scale) {
        int n = images.length;
        int cols = Math.max(1, Math.min(columns, n));
        int rows = Math.max(1, (n + cols - 1) / cols);
        int cellW = width * scale, cellH = height * scale;
        int w = cols * cellW + (cols + 1) * GAP, h = rows * cellH + (rows + 1) * GAP;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        int[] row = new int[w];
        java.util.Arrays.fill(row, GAP_GREY);
        for (int y = 0; y < h; y++) img.getRaster().setPixels(0, y, w, 1, row);
        double max = Math.max(1, levels - 1);
        for (int i = 0; i < n; i++) {
            int x0 = GAP + (i % cols) * (cellW + GAP), y0 = GAP + (i / cols) * (cellH + GAP);
            int[] px = images[i];
            int[] block = new int[scale * scale];
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    int idx = y * width + x;
                    int v = idx < px.length ? px[idx] : 0;
                    int grey = (int) Math.round(255 * Math.min(max, Math.max(0, v)) / max);
                    java.util.Arrays.fill(block, grey);
                    img.getRaster().setPixels(x0 + x * scale, y0 + y * scale, scale, scale, block);
                }
            }
        }
        return img;
    }

    public static BufferedImage draw(SampleSets s, String set, int columns) {
        return draw(s.sets().get(set), s.width(), s.height(), s.levels(), columns, scaleFor(s.width()));
    }
}

package dev.dgmbench.models.data;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Grey-level images with labels, as integer levels {@code 0..levels-1}, row-major {@code width x height}.
 * Immutable by convention: loaders build it once, splits copy row references.
 */
public final class ImageDataset {
    /** Classes of both dataset kinds the suite reads (the digits 0-9; MNIST-style IDX files). */
    public static final int DEFAULT_CLASSES = 10;

    private final String name;
    private final int width, height, levels, classes;
    private final int[][] pixels;
    private final int[] labels;

    /** A dataset of the usual {@link #DEFAULT_CLASSES} classes. */
    public ImageDataset(String name, int width, int height, int levels, int[][] pixels, int[] labels) {
        this(name, width, height, levels, DEFAULT_CLASSES, pixels, labels);
    }

    /**
     * @param classes the classes the dataset declares (not the ones a slice happens to hold): every label is one of
     *                {@code 0..classes-1}, and a classifier of the data has this many outputs
     */
    public ImageDataset(String name, int width, int height, int levels, int classes, int[][] pixels, int[] labels) {
        if (pixels.length != labels.length) {
            throw new DatasetException(name, pixels.length + " images but " + labels.length + " labels");
        }
        this.name = name;
        this.width = width;
        this.height = height;
        this.levels = levels;
        this.classes = classes;
        this.pixels = pixels;
        this.labels = labels;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new DatasetException(name, "label " + i + " is " + labels[i] + "; allowed: a class from 0 to "
                        + (classes - 1));
            }
        }
        for (int i = 0; i < pixels.length; i++) {
            if (pixels[i].length != width * height) {
                throw new DatasetException(name, "image " + i + " has " + pixels[i].length + " pixels, expected " + width * height);
            }
            for (int v : pixels[i]) {
                if (v < 0 || v >= levels) {
                    throw new DatasetException(name, "image " + i + " has grey level " + v + ", allowed 0.." + (levels - 1));
                }
            }
        }
    }

    public String name() { return name; }
    public int width() { return width; }
    public int height() { return height; }
    public int levels() { return levels; }
    /** The declared class count (labels are {@code 0..classes()-1}), whichever labels this slice holds. */
    public int classes() { return classes; }
    public int size() { return pixels.length; }
    public int pixelsPerImage() { return width * height; }
    public int[] image(int i) { return pixels[i]; }
    public int label(int i) { return labels[i]; }
    public int[][] images() { return pixels; }
    public int[] labels() { return labels; }

    /** Images {@code [from, to)} as a new dataset sharing the rows. */
    public ImageDataset slice(String sliceName, int from, int to) {
        if (from < 0 || to > size() || from >= to) {
            throw new DatasetException(name, "split [" + from + ", " + to + ") is outside the " + size() + " images");
        }
        int[][] p = new int[to - from][];
        int[] l = new int[to - from];
        System.arraycopy(pixels, from, p, 0, p.length);
        System.arraycopy(labels, from, l, 0, l.length);
        return new ImageDataset(sliceName, width, height, levels, classes, p, l);
    }

    /** sha-256 over shape, levels, pixels and labels: identifies the exact data a model was trained on. */
    public String fingerprint() {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(ByteBuffer.allocate(16).putInt(width).putInt(height).putInt(levels).putInt(size()).array());
            ByteBuffer row = ByteBuffer.allocate(4 * (width * height + 1));
            for (int i = 0; i < size(); i++) {
                row.clear();
                for (int v : pixels[i]) row.putInt(v);
                row.putInt(labels[i]);
                md.update(row.array());
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

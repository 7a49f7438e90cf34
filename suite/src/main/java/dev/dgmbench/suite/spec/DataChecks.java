package dev.dgmbench.suite.spec;

import dev.dgmbench.models.data.DatasetException;
import dev.dgmbench.models.data.IdxReader;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The IDX files of a spec, checked before anything runs when they are reachable: each is a readable IDX file of
 * the right kind, its header fits the file's length, every label is one of the declared classes, image and label
 * counts agree, and the split fits the files. Reads headers and labels only (labels are one byte per image).
 */
final class DataChecks {
    private final Binder b;
    private final Path baseDir;
    /** Pixels per image and images in the files, once the headers were read (0 when unknown). */
    int pixels;
    long images;

    DataChecks(Binder b, Path baseDir) {
        this.b = b;
        this.baseDir = baseDir;
    }

    void check(Map<String, Object> idx, Map<String, Object> split) {
        IdxReader.Header trainImages = header(idx, "train_images", true);
        IdxReader.Header testImages = header(idx, "test_images", true);
        for (IdxReader.Header h : new IdxReader.Header[]{trainImages, testImages}) {
            if (h == null) continue;
            pixels = h.rows() * h.cols();
            images += h.count();
        }
        int trainLabels = labels(idx, "train_labels");
        int testLabels = labels(idx, "test_labels");
        counts(trainImages, trainLabels, "dataset.idx.train_labels");
        counts(testImages, testLabels, "dataset.idx.test_labels");
        int train = (Integer) split.get("train"), validation = (Integer) split.get("validation"), test = (Integer) split.get("test");
        boolean separateTest = idx.get("test_images") != null;
        if (trainImages != null) {
            long need = (long) train + validation + (separateTest ? 0 : test);
            if (need > trainImages.count()) {
                b.errorAt("dataset.split", "needs " + need + " images from train_images but it has "
                        + trainImages.count() + "; allowed: " + (separateTest ? "train + validation"
                        : "train + validation + test") + " <= " + trainImages.count());
            }
        }
        if (testImages != null && test > testImages.count()) {
            b.errorAt("dataset.split.test", test + " is more than the " + testImages.count() + " images of test_images;"
                    + " allowed: an integer from 1 to " + testImages.count());
        }
    }

    private IdxReader.Header header(Map<String, Object> idx, String key, boolean images) {
        Path p = resolve(idx, key);
        if (p == null) return null;
        try {
            return IdxReader.readHeader(p, images);
        } catch (DatasetException e) {
            fileError(idx, key, p, e);
            return null;
        }
    }

    /** Number of labels, all checked against the classes; -1 when absent or unusable. */
    private int labels(Map<String, Object> idx, String key) {
        Path p = resolve(idx, key);
        if (p == null) return -1;
        try {
            return IdxReader.readLabels(p).length;
        } catch (DatasetException e) {
            fileError(idx, key, p, e);
            return -1;
        }
    }

    private Path resolve(Map<String, Object> idx, String key) {
        String written = (String) idx.get(key);
        if (written == null) return null;
        try {
            return baseDir.resolve(written).normalize();
        } catch (InvalidPathException e) {
            b.errorAt("dataset.idx." + key, "'" + Suggestions.clip(written) + "' is not a valid path; allowed: a path"
                    + " to an IDX file");
            return null;
        }
    }

    private void fileError(Map<String, Object> idx, String key, Path resolved, DatasetException e) {
        String problem = e.getMessage().startsWith(resolved + ": ") ? e.getMessage().substring(resolved.toString().length() + 2)
                : e.getMessage();
        String written = "'" + Suggestions.clip((String) idx.get(key)) + "'";
        if (problem.equals("file not found")) {
            b.errorAt("dataset.idx." + key, written + " does not exist (resolved to " + resolved + "); allowed: an"
                    + " existing IDX file (.gz or plain), absolute or relative to the spec file's folder");
        } else {
            b.errorAt("dataset.idx." + key, written + " (resolved to " + resolved + "): " + problem);
        }
    }

    private void counts(IdxReader.Header images, int labels, String labelsPath) {
        if (images != null && labels >= 0 && images.count() != labels) {
            b.errorAt(labelsPath, "has " + labels + " labels for " + images.count() + " images; allowed: a label file"
                    + " matching its image file");
        }
    }
}

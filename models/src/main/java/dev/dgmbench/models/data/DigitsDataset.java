package dev.dgmbench.models.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * The embedded 8x8 digits set (UCI, CC BY 4.0; see DIGITS-NOTICE.md beside the resource): {@link #COUNT}
 * images, {@link #LEVELS} grey levels. Ships inside the jar so the suite runs with no download.
 */
public final class DigitsDataset {
    public static final String RESOURCE = "/dev/dgmbench/models/data/digits.csv.gz";
    /** 1797 images of 8x8 pixels, grey levels 0..16, classes 0..9: the one place these numbers are written. */
    public static final int SIDE = 8, LEVELS = 17, COUNT = 1797, CLASSES = 10;
    /** The default split: consecutive ranges [0, 1000), [1000, 1350), [1350, 1797). */
    public static final int TRAIN = 1000, VALIDATION = 350, TEST = COUNT - TRAIN - VALIDATION;

    private DigitsDataset() {
    }

    public static ImageDataset load() {
        InputStream in = DigitsDataset.class.getResourceAsStream(RESOURCE);
        if (in == null) throw new DatasetException("classpath:" + RESOURCE, "resource missing from the build");
        return parse("classpath:" + RESOURCE, in);
    }

    /** Parses gzipped CSV rows of 64 levels and a label; {@code source} names the file in errors. */
    public static ImageDataset parse(String source, InputStream gz) {
        List<int[]> images = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(gz), StandardCharsets.US_ASCII))) {
            String line;
            int lineNo = 0;
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) continue;
                String[] f = line.split(",");
                if (f.length != SIDE * SIDE + 1) {
                    throw new DatasetException(source, "line " + lineNo + " has " + f.length + " fields, expected " + (SIDE * SIDE + 1));
                }
                int[] px = new int[SIDE * SIDE];
                try {
                    for (int i = 0; i < px.length; i++) px[i] = Integer.parseInt(f[i].trim());
                    labels.add(Integer.parseInt(f[px.length].trim()));
                } catch (NumberFormatException e) {
                    throw new DatasetException(source, "line " + lineNo + " has a field that is not an integer: " + e.getMessage());
                }
                images.add(px);
            }
        } catch (IOException e) {
            throw new DatasetException(source, "corrupt or truncated gzip data (" + e.getMessage() + ")", e);
        }
        return new ImageDataset("digits", SIDE, SIDE, LEVELS, CLASSES, images.toArray(new int[0][]),
                labels.stream().mapToInt(Integer::intValue).toArray());
    }
}

package dev.dgmbench.models.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * MNIST-format (IDX) files, gzipped or not: unsigned-byte images ({@code 0x00000803}) and labels
 * ({@code 0x00000801}). Gzip is detected from the first two bytes, not the file name.
 */
public final class IdxReader {
    static final int IMAGES_MAGIC = 0x00000803, LABELS_MAGIC = 0x00000801;

    private IdxReader() {
    }

    /** Raw images: {@code [n][rows*cols]} values 0..255, plus rows and cols. */
    public record RawImages(int rows, int cols, int[][] pixels) {
    }

    public static RawImages readImages(Path file) {
        try (DataInputStream in = open(file)) {
            int magic = in.readInt();
            if (magic != IMAGES_MAGIC) {
                throw new DatasetException(file.toString(), String.format(
                        "wrong magic number 0x%08X, expected 0x%08X for an IDX image file", magic, IMAGES_MAGIC));
            }
            int n = in.readInt(), rows = in.readInt(), cols = in.readInt();
            if (n < 0 || rows <= 0 || cols <= 0) {
                throw new DatasetException(file.toString(), "bad header: " + n + " images of " + rows + "x" + cols);
            }
            int[][] px = new int[n][rows * cols];
            byte[] buf = new byte[rows * cols];
            for (int i = 0; i < n; i++) {
                try {
                    in.readFully(buf);
                } catch (EOFException e) {
                    throw new DatasetException(file.toString(), "truncated: header says " + n + " images, data ends in image " + i);
                }
                for (int j = 0; j < buf.length; j++) px[i][j] = buf[j] & 0xFF;
            }
            return new RawImages(rows, cols, px);
        } catch (EOFException e) {
            throw new DatasetException(file.toString(), "truncated: file ends inside the header", e);
        } catch (IOException e) {
            throw ioProblem(file, e);
        }
    }

    public static int[] readLabels(Path file) {
        try (DataInputStream in = open(file)) {
            int magic = in.readInt();
            if (magic != LABELS_MAGIC) {
                throw new DatasetException(file.toString(), String.format(
                        "wrong magic number 0x%08X, expected 0x%08X for an IDX label file", magic, LABELS_MAGIC));
            }
            int n = in.readInt();
            if (n < 0) throw new DatasetException(file.toString(), "bad header: " + n + " labels");
            int[] labels = new int[n];
            for (int i = 0; i < n; i++) {
                int b = in.read();
                if (b < 0) throw new DatasetException(file.toString(), "truncated: header says " + n + " labels, data ends at label " + i);
                labels[i] = b;
            }
            return labels;
        } catch (EOFException e) {
            throw new DatasetException(file.toString(), "truncated: file ends inside the header", e);
        } catch (IOException e) {
            throw ioProblem(file, e);
        }
    }

    /** Images and labels as one dataset quantised to {@code levels} grey levels. */
    public static ImageDataset read(String name, Path images, Path labels, int levels) {
        RawImages raw = readImages(images);
        int[] l = readLabels(labels);
        if (raw.pixels().length != l.length) {
            throw new DatasetException(images + " / " + labels, "image and label counts differ: "
                    + raw.pixels().length + " images but " + l.length + " labels");
        }
        return new ImageDataset(name, raw.cols(), raw.rows(), levels, Quantizer.quantize(raw.pixels(), 256, levels), l);
    }

    private static DataInputStream open(Path file) throws IOException {
        if (!Files.isRegularFile(file)) throw new DatasetException(file.toString(), "file not found");
        InputStream raw = new BufferedInputStream(Files.newInputStream(file));
        raw.mark(2);
        int b0 = raw.read(), b1 = raw.read();
        raw.reset();
        boolean gz = b0 == 0x1f && b1 == 0x8b;
        return new DataInputStream(new BufferedInputStream(gz ? new GZIPInputStream(raw) : raw));
    }

    private static DatasetException ioProblem(Path file, IOException e) {
        if (e instanceof NoSuchFileException) return new DatasetException(file.toString(), "file not found", e);
        return new DatasetException(file.toString(), "corrupt or unreadable (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
    }
}

package dev.dgmbench.models.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * MNIST-format (IDX) files, gzipped or not: unsigned-byte images ({@code 0x00000803}) and labels
 * ({@code 0x00000801}). Gzip is detected from the first two bytes, not the file name. The one reader of the format:
 * the spec check reads headers and labels with it before a run, the worker reads the data with it.
 */
public final class IdxReader {
    public static final int IMAGES_MAGIC = 0x00000803, LABELS_MAGIC = 0x00000801;
    /** Classes an IDX label file may use (MNIST, Fashion-MNIST): labels 0..9. */
    public static final int CLASSES = 10;
    private static final int IMAGES_HEADER_BYTES = 16, LABELS_HEADER_BYTES = 8;

    private IdxReader() {
    }

    /**
     * What a header announces, checked against the file's length, so nothing is allocated for data that is not
     * there.
     *
     * @param rows rows per image (0 for a label file)
     * @param cols columns per image (0 for a label file)
     */
    public record Header(int magic, int count, int rows, int cols) {
        public boolean isImages() {
            return magic == IMAGES_MAGIC;
        }

        /** Bytes of data after the header. */
        public long dataBytes() {
            return isImages() ? (long) count * rows * cols : count;
        }

        long totalBytes() {
            return dataBytes() + (isImages() ? IMAGES_HEADER_BYTES : LABELS_HEADER_BYTES);
        }
    }

    /** Raw images: {@code [n][rows*cols]} values 0..255, plus rows and cols. */
    public record RawImages(int rows, int cols, int[][] pixels) {
    }

    /** The header of an image ({@code images}) or label file, checked for magic, sizes and the file's length. */
    public static Header readHeader(Path file, boolean images) {
        try (DataInputStream in = open(file)) {
            return header(file, in, images);
        } catch (EOFException e) {
            throw new DatasetException(file.toString(), "truncated: the file ends inside the IDX header");
        } catch (IOException e) {
            throw ioProblem(file, e);
        }
    }

    public static RawImages readImages(Path file) {
        try (DataInputStream in = open(file)) {
            Header h = header(file, in, true);
            // Rows are added as they arrive (not one array of the announced size): a header that lies about the
            // count of a gzip file whose length we cannot check ends in "truncated", not in OutOfMemoryError.
            List<int[]> rows = new ArrayList<>();
            byte[] buf = new byte[h.rows() * h.cols()];
            for (int i = 0; i < h.count(); i++) {
                try {
                    in.readFully(buf);
                } catch (EOFException e) {
                    throw new DatasetException(file.toString(), "truncated: header says " + h.count()
                            + " images, data ends in image " + i);
                }
                int[] px = new int[buf.length];
                for (int j = 0; j < buf.length; j++) px[j] = buf[j] & 0xFF;
                rows.add(px);
            }
            return new RawImages(h.rows(), h.cols(), rows.toArray(new int[0][]));
        } catch (EOFException e) {
            throw new DatasetException(file.toString(), "truncated: the file ends inside the IDX header", e);
        } catch (IOException e) {
            throw ioProblem(file, e);
        }
    }

    /** Labels, each checked to be one of the {@link #CLASSES} classes. */
    public static int[] readLabels(Path file) {
        try (DataInputStream in = open(file)) {
            Header h = header(file, in, false);
            byte[] all = in.readNBytes(h.count()); // grows as data arrives, like the images
            if (all.length < h.count()) {
                throw new DatasetException(file.toString(), "truncated: header says " + h.count() + " labels, data ends"
                        + " at label " + all.length);
            }
            int[] labels = new int[all.length];
            for (int i = 0; i < all.length; i++) {
                labels[i] = all[i] & 0xFF;
                if (labels[i] >= CLASSES) {
                    throw new DatasetException(file.toString(), "label " + i + " is " + labels[i] + "; allowed: a class"
                            + " from 0 to " + (CLASSES - 1) + " (an IDX dataset has " + CLASSES + " classes)");
                }
            }
            return labels;
        } catch (EOFException e) {
            throw new DatasetException(file.toString(), "truncated: the file ends inside the IDX header", e);
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
        return new ImageDataset(name, raw.cols(), raw.rows(), levels, CLASSES,
                Quantizer.quantize(raw.pixels(), 256, levels), l);
    }

    private static Header header(Path file, DataInputStream in, boolean images) throws IOException {
        int magic = in.readInt();
        int expected = images ? IMAGES_MAGIC : LABELS_MAGIC;
        if (magic != expected) {
            throw new DatasetException(file.toString(), String.format("wrong magic number 0x%08X, expected 0x%08X for"
                    + " an IDX %s file", magic, expected, images ? "image" : "label"));
        }
        int n = in.readInt();
        int rows = images ? in.readInt() : 0, cols = images ? in.readInt() : 0;
        if (n < 0 || (images && (rows <= 0 || cols <= 0 || (long) rows * cols > Integer.MAX_VALUE))) {
            throw new DatasetException(file.toString(), "bad header: " + n + (images ? " images of " + rows + "x" + cols
                    : " labels") + "; allowed: a count >= 0" + (images ? " and positive rows and columns" : ""));
        }
        Header h = new Header(magic, n, rows, cols);
        long have = dataLength(file);
        if (have >= 0 && have < h.totalBytes()) {
            throw new DatasetException(file.toString(), "truncated: header says " + n + (images ? " images of " + rows
                    + "x" + cols : " labels") + " (" + h.totalBytes() + " bytes) but the data holds " + have + " bytes");
        }
        return h;
    }

    /**
     * Bytes of the (uncompressed) file, known without reading it: the length of a plain file, or the gzip trailer's
     * size (modulo 2^32, so only trusted for files below 4 GiB); -1 when unknown.
     */
    private static long dataLength(Path file) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            long len = f.length();
            if (len < 2) return len;
            int b0 = f.read(), b1 = f.read();
            if (b0 != 0x1f || b1 != 0x8b) return len;
            if (len < 18) return -1;
            f.seek(len - 4);
            long isize = Integer.toUnsignedLong(Integer.reverseBytes(f.readInt()));
            // deflate expands at most ~1032x: below 2 MiB the size cannot wrap past 4 GiB; above, it might
            return len < (1L << 21) ? isize : -1;
        }
    }

    private static DataInputStream open(Path file) throws IOException {
        if (Files.isDirectory(file)) throw new DatasetException(file.toString(), "is a directory; allowed: an IDX file");
        if (!Files.exists(file)) throw new DatasetException(file.toString(), "file not found");
        if (!Files.isReadable(file)) throw new DatasetException(file.toString(), "cannot be read (permission denied)");
        if (Files.size(file) == 0) throw new DatasetException(file.toString(), "is empty; allowed: an IDX file");
        InputStream raw = new BufferedInputStream(Files.newInputStream(file));
        raw.mark(2);
        int b0 = raw.read(), b1 = raw.read();
        raw.reset();
        boolean gz = b0 == 0x1f && b1 == 0x8b;
        return new DataInputStream(new BufferedInputStream(gz ? new GZIPInputStream(raw) : raw));
    }

    private static DatasetException ioProblem(Path file, IOException e) {
        String why = e.getMessage() == null || e.getMessage().isBlank() ? "unreadable data" : e.getMessage();
        return new DatasetException(file.toString(), "corrupt or unreadable (" + why + "); allowed: an IDX file,"
                + " plain or gzip", e);
    }
}

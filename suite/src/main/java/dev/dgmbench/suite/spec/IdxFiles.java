package dev.dgmbench.suite.spec;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Reads just the header of an IDX file (plain or gzip), to check a spec before any run starts. */
public final class IdxFiles {
    /** Magic numbers: unsigned bytes, 3 dimensions (images) or 1 dimension (labels). */
    public static final int IMAGES_MAGIC = 0x00000803, LABELS_MAGIC = 0x00000801;

    /**
     * @param rows rows per image (0 for a label file)
     * @param cols columns per image (0 for a label file)
     */
    public record Header(int magic, int count, int rows, int cols) {
        public boolean isImages() {
            return magic == IMAGES_MAGIC;
        }

        public boolean isLabels() {
            return magic == LABELS_MAGIC;
        }
    }

    private IdxFiles() {
    }

    public static Header readHeader(Path file) throws IOException {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file))) {
            raw.mark(2);
            int b0 = raw.read(), b1 = raw.read();
            raw.reset();
            InputStream in = b0 == 0x1f && b1 == 0x8b ? new GZIPInputStream(raw) : raw;
            DataInputStream d = new DataInputStream(in);
            int magic = d.readInt();
            int count = d.readInt();
            if (magic == IMAGES_MAGIC) return new Header(magic, count, d.readInt(), d.readInt());
            return new Header(magic, count, 0, 0);
        }
    }
}

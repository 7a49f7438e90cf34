package dev.dgmbench.results;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;

/**
 * Writes a file under a temporary name beside it, forces it to disk and renames it into place, so a reader (a
 * browser, CI, a second report run, the next run after a crash) never sees half a file and a killed writer leaves
 * the old one intact. What a killed writer leaves is a hidden {@code .<name><random>.tmp}, which {@link #sweep}
 * removes.
 */
public final class AtomicFiles {
    static final String SUFFIX = ".tmp";
    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    private AtomicFiles() {
    }

    /** What writes the content, given the temporary file's stream (for content too large to hold as bytes). */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    public static Path write(Path file, byte[] content) throws IOException {
        return write(file, out -> out.write(content));
    }

    public static Path writeString(Path file, String content) throws IOException {
        return write(file, content.getBytes(StandardCharsets.UTF_8));
    }

    /** Creates the parent folder if needed; on failure the old content stays and no temporary is left. */
    public static Path write(Path file, Content content) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = null;
        try {
            FileChannel created = null;
            while (created == null) {
                // Not Files.createTempFile: its files are owner-only (0600), and results are for sharing; a file
                // created here gets the process's umask, as any other file the user makes.
                tmp = dir.resolve("." + file.getFileName() + Long.toUnsignedString(RANDOM.nextLong()) + SUFFIX);
                try {
                    created = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                } catch (FileAlreadyExistsException e) {
                    tmp = null; // another writer's temporary: draw another name
                }
            }
            try (FileChannel ch = created) {
                OutputStream out = Channels.newOutputStream(ch);
                content.writeTo(out);
                out.flush();
                // Without this a power cut soon after the rename can leave an empty file under the final name.
                ch.force(true);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            return file;
        } finally {
            if (tmp != null) Files.deleteIfExists(tmp);
        }
    }

    /** Whether a file name is one of this class's temporaries. */
    public static boolean isTemporary(String name) {
        return name.startsWith(".") && name.endsWith(SUFFIX);
    }

    /**
     * Deletes the temporaries that killed writers left in {@code dir} (not below it). Only safe while no other
     * process writes there: the caller holds the output folder's lock.
     */
    public static void sweep(Path dir) {
        if (!Files.isDirectory(dir)) return;
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(p -> isTemporary(p.getFileName().toString()) && Files.isRegularFile(p)).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean up " + dir + ": " + e.getMessage(), e);
        }
    }
}

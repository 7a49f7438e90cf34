package dev.dgmbench.results;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;

/**
 * Writes a file under a hidden temporary name next to it, forces it to disk and renames it over the target in one
 * step, so a reader (or the next run after a crash) sees either the old file or the whole new one, never a
 * prefix. A crash leaves at most a temporary {@code .<name>.<pid>-<thread>.tmp}, which {@link #sweep} removes.
 */
public final class AtomicFiles {
    static final String SUFFIX = ".tmp";

    private AtomicFiles() {
    }

    /** What writes the content, given the temporary file's stream. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    public static void write(Path file, byte[] bytes) {
        write(file, out -> out.write(bytes));
    }

    public static void writeString(Path file, String text) {
        write(file, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Creates the parent folder if needed; a failure names the file and leaves the old content in place. */
    public static void write(Path file, Content content) {
        Path target = file.toAbsolutePath();
        Path tmp = target.resolveSibling("." + target.getFileName() + "." + ProcessHandle.current().pid()
                + "-" + Thread.currentThread().getId() + SUFFIX);
        try {
            Files.createDirectories(target.getParent());
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                OutputStream out = Channels.newOutputStream(ch);
                content.writeTo(out);
                out.flush();
                // Without this a power cut after the rename could leave an empty file under the final name.
                ch.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the sweep of the next run removes it
            }
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Whether a name is one of this class's temporaries. */
    public static boolean isTemporary(String name) {
        return name.startsWith(".") && name.endsWith(SUFFIX);
    }

    /**
     * Deletes the temporaries left in {@code dir} (not below it) by killed writers. Only safe while no other
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

package dev.dgmbench.suite.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Faults of the machine, not of dgmbench: a folder that cannot be written (read-only, no permission), a full disk,
 * the file size limit ({@code ulimit -f}), a missing temporary folder. Said in words that name the path or the
 * limit, exit 2 like other bad input, instead of an "internal error".
 */
final class MachineFault {
    private MachineFault() {
    }

    /** The fault in words when an I/O error of the machine is behind {@code ex} (or one of its causes). */
    static Optional<String> describe(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof FileSystemException f) return Optional.of(describe(f));
            if (t instanceof IOException io && limit(io.getMessage()) != null) {
                return Optional.of("a file could not be written: " + limit(io.getMessage()));
            }
        }
        return Optional.empty();
    }

    private static String describe(FileSystemException f) {
        String what = f.getFile() != null ? f.getFile() : "a file";
        if (f.getOtherFile() != null) what += " -> " + f.getOtherFile();
        String reason = f.getReason() == null ? "" : f.getReason();
        String known = limit(reason);
        if (known != null) return what + ": " + known;
        if (f instanceof AccessDeniedException) {
            return what + ": permission denied (a fault of this machine's file system, not of dgmbench); allowed: a folder you can write to";
        }
        if (f instanceof java.nio.file.FileAlreadyExistsException) {
            return what + ": is in the way (a file where dgmbench makes a folder, or the reverse); allowed: move it away";
        }
        if (f instanceof NoSuchFileException) {
            return what + ": does not exist (removed while dgmbench ran, or a missing folder such as java.io.tmpdir);"
                    + " allowed: an existing folder";
        }
        return what + ": " + (reason.isEmpty() ? "the file system refused" : reason) + " (a fault of this machine's file"
                + " system, not of dgmbench)";
    }

    /** The operating system's words for a limit of the machine, explained; null for other messages. */
    private static String limit(String message) {
        if (message == null) return null;
        String m = message.toLowerCase(Locale.ROOT);
        if (m.contains("file too large")) {
            return "File too large: the file size limit of this shell (ulimit -f) is below what dgmbench writes;"
                    + " allowed: ulimit -f unlimited (finished runs are kept)";
        }
        if (m.contains("no space left")) return "No space left on device: the disk is full; allowed: a disk with free space";
        if (m.contains("disk quota")) return "Disk quota exceeded; allowed: a folder within your quota";
        if (m.contains("read-only file system")) {
            return "Read-only file system (a fault of this machine, not of dgmbench); allowed: a folder that can be written";
        }
        return null;
    }

    /** What is wrong with the JVM's temporary folder (java.io.tmpdir), which reports and libraries write to, or empty. */
    static Optional<String> temporaryFolder() {
        String dir = System.getProperty("java.io.tmpdir");
        if (dir == null || dir.isBlank()) return Optional.of("java.io.tmpdir is not set; allowed: an existing folder you can write to");
        Path p = Path.of(dir);
        if (!Files.isDirectory(p)) {
            return Optional.of("java.io.tmpdir " + dir + ": does not exist or is not a folder; allowed: an existing folder"
                    + " you can write to (-Djava.io.tmpdir=... or create it)");
        }
        if (!Files.isWritable(p)) return Optional.of("java.io.tmpdir " + dir + ": cannot be written; allowed: a folder you can write to");
        return Optional.empty();
    }
}

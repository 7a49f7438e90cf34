package dev.dgmbench.suite.cli;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Range checks of the options of {@code run} and {@code verify} that picocli's types do not cover, made before the
 * study starts, so a bad option is bad input (exit 2) rather than a failed run.
 */
final class RunOptions {
    /** Folders of the operating system: a study never belongs there, and a mistyped {@code --out /} would litter it. */
    static final List<Path> SYSTEM = List.of("/bin", "/boot", "/dev", "/etc", "/lib", "/lib32", "/lib64", "/proc",
            "/run", "/sbin", "/sys", "/usr").stream().map(Path::of).toList();

    /** Threads per worker; each gets a 1 GiB share of the worker's heap. */
    static final int MAX_CONCURRENT_RUNS = 64;

    private RunOptions() {
    }

    private static Optional<String> systemFolder(Path abs, Path folder, String option) {
        for (Path sys : SYSTEM) {
            if (abs.startsWith(sys)) {
                return Optional.of(option + " " + folder + ": is inside the system folder " + sys + "; allowed: a folder"
                        + " outside " + SYSTEM.stream().map(Path::toString).reduce((a, b) -> a + ", " + b).orElse(""));
            }
        }
        return Optional.empty();
    }

    /**
     * The path with every link followed: the deepest part that exists (or is a link, dangling or looping) resolved
     * by the file system, the rest appended. A loop or a dangling link throws.
     */
    private static Path resolved(Path abs) throws IOException {
        Path existing = abs;
        while (existing.getParent() != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) existing = existing.getParent();
        return existing.toRealPath().resolve(existing.relativize(abs)).normalize();
    }

    private static String reason(IOException e) {
        if (e instanceof FileSystemException f && f.getReason() != null) return f.getFile() + ": " + f.getReason();
        if (e instanceof java.nio.file.NoSuchFileException f) return f.getFile() + ": a link to nothing";
        return e.getMessage();
    }

    /** What is wrong with the options, in words, or empty. {@code option} names where the folder came from. */
    static Optional<String> problem(Integer workers, Integer concurrentRuns, Path folder, String option) {
        if (workers != null && workers < 1) return Optional.of("--workers " + workers + ": allowed: --workers must be at least 1");
        if (concurrentRuns != null && (concurrentRuns < 1 || concurrentRuns > MAX_CONCURRENT_RUNS)) {
            return Optional.of("--concurrent-runs " + concurrentRuns + ": allowed: 1 to " + MAX_CONCURRENT_RUNS
                    + " (each run needs about 1 GiB of heap)");
        }
        if (folder.toString().indexOf('\uFFFD') >= 0) {
            return Optional.of(option + " " + folder + ": holds bytes that are not text in this system's encoding ("
                    + System.getProperty("sun.jnu.encoding") + "), so the folder would get another name; allowed: a"
                    + " path of valid UTF-8 characters");
        }
        Path abs = folder.toAbsolutePath().normalize();
        if (abs.getParent() == null) {
            return Optional.of(option + " " + folder + ": is the root folder; allowed: a folder of its own for the study");
        }
        Optional<String> system = systemFolder(abs, folder, option);
        if (system.isPresent()) return system;
        // where the path really leads: a link to a system folder is as bad as the folder itself
        Path real;
        try {
            real = resolved(abs);
        } catch (IOException e) {
            return Optional.of(option + " " + folder + ": a link on the path cannot be followed (" + reason(e)
                    + "); allowed: a folder, or links that lead to one");
        }
        if (real.getParent() == null) {
            return Optional.of(option + " " + folder + ": leads to the root folder (through a link); allowed: a folder of its own for the study");
        }
        system = systemFolder(real, folder, option);
        if (system.isPresent()) return Optional.of(system.get().replace(": is inside", ": leads through a link to " + real + ", inside"));
        if (Files.exists(abs) && !Files.isDirectory(abs)) {
            return Optional.of(option + " " + folder + ": is a file, not a folder; allowed: a new or existing folder");
        }
        Path existing = abs;
        while (existing != null && !Files.exists(existing)) existing = existing.getParent();
        if (existing != null && !Files.isDirectory(existing)) {
            return Optional.of(option + " " + folder + ": " + existing + " is a file, so the folder cannot be made;"
                    + " allowed: a path whose parents are folders");
        }
        if (existing != null && !Files.isWritable(existing)) {
            return Optional.of(option + " " + folder + ": cannot be written (no write permission on " + existing
                    + "); allowed: a folder you can write to");
        }
        return Optional.empty();
    }
}

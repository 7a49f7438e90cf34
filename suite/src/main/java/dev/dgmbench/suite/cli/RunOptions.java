package dev.dgmbench.suite.cli;

import java.nio.file.Files;
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

    /** What is wrong with the options, in words, or empty. {@code option} names where the folder came from. */
    static Optional<String> problem(Integer workers, Integer concurrentRuns, Path folder, String option) {
        if (workers != null && workers < 1) return Optional.of("--workers " + workers + ": allowed: --workers must be at least 1");
        if (concurrentRuns != null && (concurrentRuns < 1 || concurrentRuns > MAX_CONCURRENT_RUNS)) {
            return Optional.of("--concurrent-runs " + concurrentRuns + ": allowed: 1 to " + MAX_CONCURRENT_RUNS
                    + " (each run needs about 1 GiB of heap)");
        }
        Path abs = folder.toAbsolutePath().normalize();
        if (abs.getParent() == null) {
            return Optional.of(option + " " + folder + ": is the root folder; allowed: a folder of its own for the study");
        }
        for (Path sys : SYSTEM) {
            if (abs.startsWith(sys)) {
                return Optional.of(option + " " + folder + ": is inside the system folder " + sys + "; allowed: a folder"
                        + " outside " + SYSTEM.stream().map(Path::toString).reduce((a, b) -> a + ", " + b).orElse(""));
            }
        }
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

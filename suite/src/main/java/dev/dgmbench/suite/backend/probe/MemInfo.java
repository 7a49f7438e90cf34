package dev.dgmbench.suite.backend.probe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The machine's memory, as {@code /proc/meminfo} says (host-wide: a container's memory limit is not applied). */
public final class MemInfo {
    public static final Path PROC_MEMINFO = Path.of("/proc/meminfo");

    private MemInfo() {
    }

    /** Total memory in bytes, or 0 when it cannot be read (not Linux, no /proc). */
    public static long totalBytes() {
        try {
            return totalBytes(Files.readAllLines(PROC_MEMINFO));
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** {@code MemTotal: N kB} of meminfo's lines in bytes, 0 if absent or unreadable. */
    static long totalBytes(List<String> lines) {
        for (String line : lines) {
            if (!line.startsWith("MemTotal:")) continue;
            String[] parts = line.substring("MemTotal:".length()).trim().split("\\s+");
            try {
                long value = Long.parseLong(parts[0]);
                return parts.length > 1 && parts[1].equalsIgnoreCase("kB") ? value * 1024 : value;
            } catch (NumberFormatException e) {
                return 0;
            }
        }
        return 0;
    }
}

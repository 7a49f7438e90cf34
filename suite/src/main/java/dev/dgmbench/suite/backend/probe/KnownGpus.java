package dev.dgmbench.suite.backend.probe;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Compute capability by GPU name, for the drivers (before about version 510, e.g. the R470 branch that is the last
 * for Kepler GPUs such as the K80) whose nvidia-smi cannot report {@code compute_cap}. Only GPUs that run on such
 * drivers are listed; a name not found here is left unknown, never guessed.
 */
final class KnownGpus {

    private record Entry(Pattern name, int major, int minor) {
    }

    private static final List<Entry> TABLE = List.of(
            entry("\\bK80\\b", 3, 7),
            entry("\\bK(20|40)[a-z]*\\b", 3, 5),
            entry("\\bK10\\b", 3, 0),
            entry("\\bM10\\b", 5, 0),
            entry("\\bM(4|6|40|60)\\b", 5, 2),
            entry("\\bP100\\b", 6, 0),
            entry("\\bP(4|6|40)\\b|\\bGTX 10[5-8]0|\\bTITAN Xp\\b", 6, 1),
            entry("\\bV100\\b|\\bTITAN V\\b", 7, 0),
            entry("\\bT4\\b|\\bRTX 20[6-8]0|\\bGTX 16[5-6]0|\\bQuadro RTX\\b|\\bTITAN RTX\\b", 7, 5),
            entry("\\bA(100|30|800)\\b", 8, 0),
            entry("\\bA(2|10|10G|16|40)\\b|\\bRTX 30[5-9]0|\\bRTX A\\d{4}\\b", 8, 6));

    private KnownGpus() {
    }

    /** {major, minor} for a GPU name as nvidia-smi writes it, or empty when not in the table. */
    static Optional<int[]> capabilityOf(String name) {
        for (Entry e : TABLE) {
            if (e.name().matcher(name).find()) {
                return Optional.of(new int[] {e.major(), e.minor()});
            }
        }
        return Optional.empty();
    }

    private static Entry entry(String regex, int major, int minor) {
        return new Entry(Pattern.compile(regex, Pattern.CASE_INSENSITIVE), major, minor);
    }
}

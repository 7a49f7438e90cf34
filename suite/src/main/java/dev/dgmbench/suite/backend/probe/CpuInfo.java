package dev.dgmbench.suite.backend.probe;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the CPU offers, as read from {@code /proc/cpuinfo}, plus the operating system and architecture the JVM
 * reports. No ND4J classes are touched.
 *
 * @param modelName    e.g. {@code Intel(R) Xeon(R) Platinum 8375C CPU @ 2.90GHz}; {@code unknown CPU} when not
 *                     found
 * @param flags        feature flags in lower case ({@code avx2}, {@code avx512f}, {@code fma}, ...); empty when not
 *                     known
 * @param logicalCores logical processors listed in cpuinfo (host-wide: a container's CPU quota is not applied here)
 * @param osName       {@code os.name}, e.g. {@code Linux}
 * @param osArch       {@code os.arch}, e.g. {@code amd64}
 * @param source       where the facts came from (a path), or why they are missing
 * @param readable     whether cpuinfo could be read and parsed at all
 */
public record CpuInfo(String modelName, Set<String> flags, int logicalCores, String osName, String osArch,
                      String source, boolean readable) {

    public static final Path PROC_CPUINFO = Path.of("/proc/cpuinfo");
    private static final String UNKNOWN_MODEL = "unknown CPU";

    public CpuInfo {
        modelName = modelName == null || modelName.isBlank() ? UNKNOWN_MODEL : modelName.strip();
        flags = Collections.unmodifiableSet(new TreeSet<>(flags == null ? Set.of() : flags));
        osName = osName == null ? "" : osName;
        osArch = osArch == null ? "" : osArch;
        source = source == null ? "" : source;
    }

    /** This machine: {@code /proc/cpuinfo} and the JVM's os.name / os.arch. */
    public static CpuInfo read() {
        return read(PROC_CPUINFO);
    }

    /** As {@link #read()}, from another cpuinfo file (tests, or a copy taken from another machine). */
    public static CpuInfo read(Path cpuinfo) {
        return read(cpuinfo, System.getProperty("os.name", ""), System.getProperty("os.arch", ""));
    }

    public static CpuInfo read(Path cpuinfo, String osName, String osArch) {
        String text;
        try {
            text = Files.readString(cpuinfo, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return new CpuInfo(UNKNOWN_MODEL, Set.of(), Runtime.getRuntime().availableProcessors(), osName, osArch,
                    "could not read " + cpuinfo + " (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")",
                    false);
        }
        return parse(text, cpuinfo.toString(), osName, osArch);
    }

    /**
     * Parses cpuinfo text. x86 kernels write {@code model name} and {@code flags}; ARM kernels write
     * {@code Features} and sometimes {@code Hardware} or {@code CPU part} instead.
     */
    public static CpuInfo parse(String text, String source, String osName, String osArch) {
        String model = null;
        String fallbackModel = null;
        Set<String> flags = new TreeSet<>();
        boolean flagsSeen = false;
        int processors = 0;
        for (String line : Objects.requireNonNull(text, "text").split("\\R")) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            switch (key) {
                case "processor" -> processors++;
                case "model name" -> {
                    if (model == null && !value.isEmpty()) {
                        model = value;
                    }
                }
                case "hardware", "cpu model", "uarch" -> {
                    if (fallbackModel == null && !value.isEmpty()) {
                        fallbackModel = value;
                    }
                }
                case "flags", "features" -> {
                    // Every processor repeats its flags; keep those of the first one listed (they agree on all
                    // machines this suite is meant for).
                    if (!flagsSeen) {
                        flagsSeen = true;
                        for (String f : value.split("\\s+")) {
                            if (!f.isEmpty()) {
                                flags.add(f.toLowerCase(Locale.ROOT));
                            }
                        }
                    }
                }
                default -> {
                }
            }
        }
        boolean readable = processors > 0 || model != null || flagsSeen;
        int cores = processors > 0 ? processors : Runtime.getRuntime().availableProcessors();
        return new CpuInfo(model != null ? model : fallbackModel, flags, cores, osName, osArch,
                readable ? source : source + " (no processor entries found)", readable);
    }

    public boolean hasFlag(String flag) {
        return flags.contains(flag.toLowerCase(Locale.ROOT));
    }

    /** True when the JVM runs on Linux on x86-64, the only platform the catalog's jars are built for. */
    public boolean isLinuxX86_64() {
        String arch = osArch.toLowerCase(Locale.ROOT);
        return osName.toLowerCase(Locale.ROOT).startsWith("linux") && (arch.equals("amd64") || arch.equals("x86_64"));
    }
}

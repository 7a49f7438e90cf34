package dev.dgmbench.suite.plan;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The speed of a core as {@link SpeedProbe} measured it, kept per machine in {@code ~/.cache/dgmbench/speed.properties}
 * (or {@code $DGMBENCH_CACHE/}, {@code $XDG_CACHE_HOME/dgmbench/}), keyed by CPU model, engine and model shape: a property of the machine,
 * so measured once. The load, which changes, is read anew on every call. A cache that cannot be read or written is
 * simply not used.
 */
public final class SpeedCache {
    static final String FILE = "speed.properties";
    private final Path file;

    public SpeedCache(Path dir) {
        this.file = dir.resolve(FILE);
    }

    /** The user's cache folder for dgmbench, from {@code env}: {@code $DGMBENCH_CACHE}, else under XDG's or the home's. */
    public static Path defaultDir(Map<String, String> env) {
        String own = env.get("DGMBENCH_CACHE");
        if (own != null && !own.isBlank()) return Path.of(own);
        String xdg = env.get("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("dgmbench");
    }

    /**
     * A core's speed that can be real, in multiply-adds per second: from 10^6 (far below any CPU core of this
     * century) to 10^13 (far above one core's peak with the widest SIMD). An entry outside (a hand edit, a damaged
     * file: 1e-300 made {@code explain} print "2562047788015215h30m") is ignored and measured again.
     */
    static boolean plausible(double macsPerSecond) {
        return macsPerSecond >= 1e6 && macsPerSecond <= 1e13;
    }

    public static String key(String cpuModel, String engine, String shape) {
        return (cpuModel + "|" + engine + "|" + shape).replaceAll("\\s+", "_"); // Properties would escape spaces
    }

    public Optional<Double> get(String key) {
        Properties p = load();
        try {
            String v = p.getProperty(key);
            return v == null ? Optional.empty() : Optional.of(Double.parseDouble(v)).filter(SpeedCache::plausible);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    public void put(String key, double macsPerSecond) {
        Properties p = load();
        p.setProperty(key, Double.toString(macsPerSecond));
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), FILE, ".tmp");
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                p.store(w, "dgmbench: one core's speed by CPU model | engine | model shape (delete to measure again)");
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | SecurityException e) {
            // no cache then: the next call measures again
        }
    }

    private Properties load() {
        Properties p = new Properties();
        if (!Files.isRegularFile(file)) return p;
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException | IllegalArgumentException e) {
            return new Properties();
        }
        return p;
    }
}

package dev.dgmbench.suite.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The suite's version, as the build wrote it ({@code version.properties}, filtered from the POM's version), so that
 * {@code --version} and every result's provenance say the same.
 */
public final class SuiteVersion {
    private static final String RESOURCE = "/dev/dgmbench/suite/version.properties";
    /** The POM's {@code project.version}, e.g. {@code 0.1.0-SNAPSHOT}. */
    public static final String VERSION = read();

    private SuiteVersion() {
    }

    private static String read() {
        try (InputStream in = SuiteVersion.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException(RESOURCE + " is missing from the suite's class path");
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version");
            if (v == null || v.isBlank() || v.contains("${")) {
                throw new IllegalStateException(RESOURCE + " was not filled by the build: version=" + v);
            }
            return v;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.dgmbench.suite.cli;

import dev.dgmbench.suite.pipeline.SuiteVersion;
import picocli.CommandLine;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * {@code dgmbench --version}: the suite's version and commit (system property {@code dgmbench.commit}, set by the
 * launcher), the ND4J version on this JVM's class path, read from the nd4j-api jar's Maven metadata so that the
 * CLI works, and says so, without ND4J, and the version the worker JVMs' backend class paths are built from.
 */
public final class VersionProvider implements CommandLine.IVersionProvider {
    static final String ND4J_POM = "META-INF/maven/org.nd4j/nd4j-api/pom.properties";

    @Override
    public String[] getVersion() {
        return new String[]{"dgmbench " + SuiteVersion.VERSION + " (commit " + System.getProperty("dgmbench.commit", "unknown") + ")",
                "ND4J " + nd4jVersion(VersionProvider.class.getClassLoader()) + " (workers' backends: "
                        + dev.dgmbench.suite.backend.Backends.ND4J_VERSION + ")",
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"};
    }

    static String nd4jVersion(ClassLoader loader) {
        try (InputStream in = loader.getResourceAsStream(ND4J_POM)) {
            if (in == null) return "not on the class path";
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown version");
        } catch (IOException e) {
            return "unreadable (" + e.getMessage() + ")";
        }
    }
}

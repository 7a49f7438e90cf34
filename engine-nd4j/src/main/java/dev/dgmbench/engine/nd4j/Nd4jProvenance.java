package dev.dgmbench.engine.nd4j;

import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/** Which ND4J produced the numbers: its version and the backend class ND4J picked from the class path (the BLAS vendor is the engine's {@code matmul}). */
final class Nd4jProvenance {
    private Nd4jProvenance() {
    }

    static Map<String, String> describe() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("nd4j_version", version());
        p.put("nd4j_backend", Nd4j.getBackend().getClass().getSimpleName());
        return p;
    }

    /** The nd4j-api version from its Maven metadata on the class path. */
    static String version() {
        try (InputStream in = Nd4j.class.getResourceAsStream("/META-INF/maven/org.nd4j/nd4j-api/pom.properties")) {
            if (in == null) return "unknown";
            Properties props = new Properties();
            props.load(in);
            return props.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}

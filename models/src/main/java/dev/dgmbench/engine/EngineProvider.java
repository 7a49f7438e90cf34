package dev.dgmbench.engine;

import java.util.List;

/**
 * Makes engines by name; found with {@link java.util.ServiceLoader} (a module lists its providers in
 * {@code META-INF/services/dev.dgmbench.engine.EngineProvider}), so an engine whose jars are absent (ND4J, CUDA)
 * is simply not offered.
 */
public interface EngineProvider {
    /** Names this provider makes, e.g. {@code fused, samediff}. */
    List<String> names();

    Engine create(String name);
}

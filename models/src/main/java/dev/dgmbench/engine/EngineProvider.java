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

    /** What the suite needs to know about the named engine before making one; pure data, no machine access. */
    EngineTraits traits(String name);

    /**
     * Why the named engine cannot run on this machine (no GPU, no driver, a missing library), in words a user can
     * act on; empty when it can. Checked before a study starts, so a refusal costs nothing.
     */
    default java.util.Optional<String> unavailable(String name) {
        return java.util.Optional.empty();
    }
}

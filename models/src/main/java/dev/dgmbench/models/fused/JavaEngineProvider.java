package dev.dgmbench.models.fused;

import dev.dgmbench.engine.Engine;
import dev.dgmbench.engine.EngineProvider;
import dev.dgmbench.engine.EngineTraits;

import java.util.List;

/** Offers the {@code java} engine: the fused kernels on pure-Java products, needing no native library. */
public final class JavaEngineProvider implements EngineProvider {
    @Override
    public List<String> names() {
        return List.of("java");
    }

    @Override
    public Engine create(String name) {
        return FusedEngine.java();
    }

    @Override
    public EngineTraits traits(String name) {
        return EngineTraits.cpu();
    }
}

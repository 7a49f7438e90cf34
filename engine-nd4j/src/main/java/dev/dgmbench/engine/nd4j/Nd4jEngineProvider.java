package dev.dgmbench.engine.nd4j;

import dev.dgmbench.engine.Engine;
import dev.dgmbench.engine.EngineProvider;
import dev.dgmbench.models.fused.FusedEngine;

import java.util.List;

/** Offers the engines that need ND4J: {@code fused} (the fused kernels on ND4J's BLAS) and {@code samediff}. */
public final class Nd4jEngineProvider implements EngineProvider {
    @Override
    public List<String> names() {
        return List.of("fused", "samediff");
    }

    @Override
    public Engine create(String name) {
        if (name.equals("samediff")) return new SameDiffEngine(GradientMode.DERIVED);
        return new FusedEngine("fused", new Nd4jMatMul(), Nd4jProvenance.describe());
    }
}

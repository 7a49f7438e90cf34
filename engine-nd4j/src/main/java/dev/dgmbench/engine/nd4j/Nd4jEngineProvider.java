package dev.dgmbench.engine.nd4j;

import dev.dgmbench.engine.Engine;
import dev.dgmbench.engine.EngineProvider;
import dev.dgmbench.engine.EngineTraits;
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

    /**
     * Both run on every ND4J CPU build; {@code samediff} also on ND4J's CUDA build {@code cuda-11.6}, where
     * {@code fused} cannot: it keeps activations on the JVM heap and copies them around every product, which ND4J's
     * device buffers do not allow without a synchronisation it does not do.
     */
    @Override
    public EngineTraits traits(String name) {
        return name.equals("samediff") ? EngineTraits.cpu().alsoOn("cuda-11.6") : EngineTraits.cpu();
    }
}

package dev.dgmbench.models.fused;

import dev.dgmbench.engine.Engine;
import dev.dgmbench.engine.ImageClassifier;
import dev.dgmbench.engine.MlpWeights;
import dev.dgmbench.engine.RatioClassifier;
import dev.dgmbench.engine.VaeModel;
import dev.dgmbench.engine.VaeShape;
import dev.dgmbench.engine.VaeWeights;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The fused kernels as an engine: one matrix product per layer and direction, everything elementwise in SIMD
 * Java loops on the heap. The product backend makes the engine: BLAS through ND4J ({@code fused}, the default)
 * or pure Java ({@code java}, no native code at all).
 */
public final class FusedEngine implements Engine {
    private final String name;
    private final MatMul mm;
    private final Map<String, String> backendProvenance;

    /** @param backendProvenance what the product backend adds to provenance (library versions, builds) */
    public FusedEngine(String name, MatMul mm, Map<String, String> backendProvenance) {
        this.name = name;
        this.mm = mm;
        this.backendProvenance = Map.copyOf(backendProvenance);
    }

    /** The fused kernels on pure-Java products. */
    public static FusedEngine java() {
        return new FusedEngine("java", new JavaMatMul(), Map.of());
    }

    @Override
    public String name() {
        return name;
    }

    /** The products this engine computes with (benchmarks measure them alone). */
    public MatMul matMul() {
        return mm;
    }

    @Override
    public VaeModel vae(VaeShape shape, VaeWeights weights) {
        return new FusedVae(shape, mm, weights);
    }

    @Override
    public RatioClassifier ratioClassifier(MlpWeights weights) {
        return new FusedRatioClassifier(mm, weights);
    }

    @Override
    public ImageClassifier imageClassifier(MlpWeights weights) {
        return new FusedImageClassifier(mm, weights);
    }

    @Override
    public Map<String, String> provenance() {
        Map<String, String> p = new LinkedHashMap<>(new java.util.TreeMap<>(backendProvenance));
        p.put("engine", name);
        p.put("matmul", mm.name());
        p.put("simd_vector_bits", Integer.toString(Kernels.vectorBits()));
        return p;
    }
}

package dev.dgmbench.engine;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How a study's models are executed: the one seam between the pipeline and the arithmetic. Implementations:
 * {@code fused} and {@code java} (the fused kernels on BLAS or on pure Java products), {@code samediff} (the
 * SameDiff graphs, op by op), {@code cuda} (NVIDIA GPUs). Engines differ in rounding, not in the model: all
 * randomness is drawn by the callers from the run seed, so two engines see the same numbers.
 */
public interface Engine {
    String name();

    VaeModel vae(VaeShape shape, VaeWeights weights);

    /** The NCE classifier with these layer widths (latent, hidden..., 1). */
    RatioClassifier ratioClassifier(MlpWeights weights);

    /** An image classifier with these layer widths (pixels, hidden..., classes). */
    ImageClassifier imageClassifier(MlpWeights weights);

    /** Whether {@link #vaeGroup} stacks models (then a worker trains its runs together before going on). */
    default boolean trainsGroups() {
        return false;
    }

    /**
     * Members that can be trained as one stacked group (shapes that {@link VaeShape#stacksWith} each other), or
     * empty if this engine trains one model at a time.
     */
    default Optional<VaeGroup> vaeGroup(List<VaeShape> shapes, List<VaeWeights> weights) {
        return Optional.empty();
    }

    /** What produced the numbers: versions, builds, devices, SIMD width. Recorded with every result. */
    Map<String, String> provenance();
}

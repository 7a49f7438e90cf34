package dev.dgmbench.engine.nd4j;

import dev.dgmbench.engine.Engine;
import dev.dgmbench.engine.ImageClassifier;
import dev.dgmbench.engine.MlpWeights;
import dev.dgmbench.engine.RatioClassifier;
import dev.dgmbench.engine.VaeModel;
import dev.dgmbench.engine.VaeShape;
import dev.dgmbench.engine.VaeWeights;

import java.util.LinkedHashMap;
import java.util.Map;

/** The models' SameDiff graphs run op by op: the reference definition (~0.1 ms fixed cost per op). */
public final class SameDiffEngine implements Engine {
    private final GradientMode gradientMode;

    public SameDiffEngine(GradientMode gradientMode) {
        this.gradientMode = gradientMode;
    }

    @Override
    public String name() {
        return "samediff";
    }

    @Override
    public VaeModel vae(VaeShape shape, VaeWeights weights) {
        return new SameDiffVae(shape, weights);
    }

    @Override
    public RatioClassifier ratioClassifier(MlpWeights weights) {
        return new SameDiffRatioClassifier(weights, gradientMode);
    }

    @Override
    public ImageClassifier imageClassifier(MlpWeights weights) {
        return new SameDiffImageClassifier(weights);
    }

    @Override
    public Map<String, String> provenance() {
        Map<String, String> p = new LinkedHashMap<>(Nd4jProvenance.describe());
        p.put("engine", name());
        p.put("gradient", gradientMode.name().toLowerCase());
        return p;
    }
}

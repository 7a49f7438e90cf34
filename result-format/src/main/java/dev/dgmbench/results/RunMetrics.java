package dev.dgmbench.results;

import java.util.Map;
import java.util.TreeMap;

/**
 * The numbers of one run. {@code model} holds the likelihood metrics of the trained VAE on the test split
 * (e.g. {@code nll}, {@code nll_nce}, {@code re}, {@code kl}, {@code elbo}, {@code loss}, {@code bpd}) and other
 * per-run figures ({@code nce_accuracy}); {@code samplers} holds the sample-quality metrics per sampler
 * ({@code prior}, {@code langevin}, {@code mala}, {@code sir}), e.g. {@code frechet}, {@code pixel_entropy}.
 * Maps are sorted so the canonical JSON, and hence the digest, does not depend on insertion order.
 */
public record RunMetrics(Map<String, Double> model, Map<String, Map<String, Double>> samplers) {
    public RunMetrics {
        model = new TreeMap<>(model);
        TreeMap<String, Map<String, Double>> s = new TreeMap<>();
        samplers.forEach((k, v) -> s.put(k, new TreeMap<>(v)));
        samplers = s;
    }

    /** A metric of the model ({@code sampler == null}) or of one sampler; null when absent. */
    public Double get(String sampler, String metric) {
        if (sampler == null) return model.get(metric);
        Map<String, Double> m = samplers.get(sampler);
        return m == null ? null : m.get(metric);
    }
}

package dev.dgmbench.suite.claims;

import dev.dgmbench.models.sampling.Convergence;
import dev.dgmbench.results.RunResult;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Whether the samples a claim rests on come from samplers that passed their own diagnostics ({@code converged},
 * recorded per run and sampler; thresholds in {@link Convergence}). The samples of a sampler that did not converge,
 * or whose SIR resampling collapsed, carry no value: a rank test judges the claim whatever their values are
 * ({@link dev.dgmbench.stats.LeastFavourable}), any other test makes it INCONCLUSIVE with the reasons.
 */
final class SamplerReliability {
    private SamplerReliability() {
    }

    /** The runs of the selector's sampler that failed its diagnostics, each with why; none for model metrics. */
    static Map<String, String> unreliable(Map<String, Object> selector, List<String> runIds, List<RunResult> runs) {
        Map<String, String> out = new LinkedHashMap<>();
        String sampler = (String) selector.get(ClaimSpec.SAMPLER_KEY);
        if (sampler == null) return out;
        for (RunResult run : runs) {
            if (!runIds.contains(run.info().runId())) continue;
            Map<String, Double> m = run.metrics().samplers().get(sampler);
            Double converged = m == null ? null : m.get("converged");
            if (converged != null && converged < 0.5) {
                out.put(run.info().runId(), "sampler " + sampler + " unreliable in " + run.info().runId() + ": "
                        + String.join(", ", Convergence.failures(sampler, m)));
            }
        }
        return out;
    }

    /** A note when some of these runs recorded no diagnostics for the selector's sampler (results from before them). */
    static List<String> undiagnosed(Map<String, Object> selector, List<String> runIds, List<RunResult> runs) {
        String sampler = (String) selector.get(ClaimSpec.SAMPLER_KEY);
        if (sampler == null) return List.of();
        for (RunResult run : runs) {
            if (!runIds.contains(run.info().runId())) continue;
            Map<String, Double> m = run.metrics().samplers().get(sampler);
            if (m == null || !m.containsKey("converged")) {
                return List.of("no convergence diagnostics recorded for sampler " + sampler + " (results from before them)");
            }
        }
        return List.of();
    }
}

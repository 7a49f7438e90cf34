package dev.dgmbench.suite.claims;

import dev.dgmbench.models.sampling.Convergence;
import dev.dgmbench.results.RunResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Whether the samples a claim rests on come from samplers that passed their own diagnostics ({@code converged},
 * recorded per run and sampler; thresholds in {@link Convergence}). A claim on samples of a sampler that did not
 * converge, or whose SIR resampling collapsed, is INCONCLUSIVE with the reasons.
 */
final class SamplerReliability {
    private SamplerReliability() {
    }

    /** One note per run of the selector's sampler that failed its diagnostics; none for model metrics. */
    static List<String> unreliable(Map<String, Object> selector, List<String> runIds, List<RunResult> runs) {
        List<String> out = new ArrayList<>();
        String sampler = (String) selector.get(ClaimSpec.SAMPLER_KEY);
        if (sampler == null) return out;
        for (RunResult run : runs) {
            if (!runIds.contains(run.info().runId())) continue;
            Map<String, Double> m = run.metrics().samplers().get(sampler);
            Double converged = m == null ? null : m.get("converged");
            if (converged != null && converged < 0.5) {
                out.add("sampler " + sampler + " unreliable in " + run.info().runId() + ": "
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

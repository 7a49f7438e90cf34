package dev.dgmbench.suite.claims;

import dev.dgmbench.models.prior.NcePrior;
import dev.dgmbench.results.RunResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Whether the NCE normaliser under a claim's metric can be trusted: a metric that uses log Z (the NLL under the NCE
 * prior) rests on its importance-sampling estimate, which a run trusts only when the weights' effective sample size
 * ({@code nce_log_z_ess}) reaches {@link NcePrior#ESS_MIN}. A claim on such a metric with a run below it is
 * INCONCLUSIVE with the reasons, as claims on samplers that failed their diagnostics are ({@link SamplerReliability}).
 */
final class NormaliserReliability {
    /** Metrics whose value shifts with log Z. */
    static final Set<String> USES_LOG_Z = Set.of("nll_nce");
    static final String ESS_KEY = "nce_log_z_ess";

    private NormaliserReliability() {
    }

    /** One note per run of {@code runIds} whose normaliser's ESS is below the floor; none for other metrics. */
    static List<String> unreliable(String metric, List<String> runIds, List<RunResult> runs) {
        List<String> out = new ArrayList<>();
        if (!USES_LOG_Z.contains(metric)) return out;
        for (RunResult run : runs) {
            if (!runIds.contains(run.info().runId())) continue;
            Double ess = run.metrics() == null ? null : run.metrics().model().get(ESS_KEY);
            if (ess != null && !(ess >= NcePrior.ESS_MIN)) {
                out.add(String.format(Locale.ROOT, "NCE normaliser unreliable in %s: %s %.4g < %s",
                        run.info().runId(), ESS_KEY, ess, NcePrior.ESS_MIN));
            }
        }
        return out;
    }
}

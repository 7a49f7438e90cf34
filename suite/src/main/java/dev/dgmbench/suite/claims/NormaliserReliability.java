package dev.dgmbench.suite.claims;

import dev.dgmbench.models.prior.NcePrior;
import dev.dgmbench.results.RunResult;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Whether the NCE normaliser under a claim's metric can be trusted: a metric that uses log Z (the NLL under the NCE
 * prior) rests on its estimate, which a run trusts only when its effective sample size ({@code nce_log_z_ess})
 * reaches {@link NcePrior#ESS_MIN} and its standard error ({@code nce_log_z_se}) is at most
 * {@link NcePrior#LOG_Z_SE_MAX}. A run below it carries no value of such a metric, as a sampler that failed its
 * diagnostics carries none ({@link SamplerReliability}).
 */
final class NormaliserReliability {
    /** Metrics whose value shifts with log Z. */
    static final Set<String> USES_LOG_Z = Set.of("nll_nce");
    static final String ESS_KEY = "nce_log_z_ess", SE_KEY = "nce_log_z_se";

    private NormaliserReliability() {
    }

    /** The runs of {@code runIds} whose normaliser fails {@link NcePrior#reliable}, each with why; none for other metrics. */
    static Map<String, String> unreliable(String metric, List<String> runIds, List<RunResult> runs) {
        Map<String, String> out = new LinkedHashMap<>();
        if (!USES_LOG_Z.contains(metric)) return out;
        for (RunResult run : runs) {
            if (!runIds.contains(run.info().runId())) continue;
            Double ess = run.metrics() == null ? null : run.metrics().model().get(ESS_KEY);
            if (ess == null) continue;
            double se = run.metrics().model().getOrDefault(SE_KEY, Double.NaN);
            if (NcePrior.reliable(ess, se)) continue;
            out.put(run.info().runId(), String.format(Locale.ROOT, "NCE normaliser unreliable in %s: %s", run.info().runId(),
                    !(ess >= NcePrior.ESS_MIN) ? String.format(Locale.ROOT, "%s %.4g < %s", ESS_KEY, ess, NcePrior.ESS_MIN)
                            : String.format(Locale.ROOT, "%s %.4g > %s", SE_KEY, se, NcePrior.LOG_Z_SE_MAX)));
        }
        return out;
    }
}

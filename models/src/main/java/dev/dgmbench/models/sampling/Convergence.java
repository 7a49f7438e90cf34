package dev.dgmbench.models.sampling;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Whether a sampler's recorded diagnostics say its samples can be trusted, by fixed thresholds; the verdict is
 * recorded as the sampler metric {@code converged} (1 or 0) and can be recomputed, with its reasons, from the
 * recorded metrics (for claims and reports). Thresholds and why (docs/validity.md):
 * <ul>
 *   <li>{@code rhat} < {@value #RHAT_MAX}: split-R-hat of the energy across chains after burn-in;</li>
 *   <li>|{@code energy_drift}| < {@value #DRIFT_MAX}: the mean energy's change over the final 20% of the post-burn-in
 *       steps (slope x steps) in units of the energies' spread across chains: the trace has reached a plateau;</li>
 *   <li>MALA: {@code acceptance_rate} in [{@value #MALA_ACCEPTANCE_MIN}, {@value #MALA_ACCEPTANCE_MAX}];
 *       Langevin: {@code acceptance_proxy} >= {@value #MALA_ACCEPTANCE_MIN} (the discretisation bias is small);</li>
 *   <li>SIR: {@code ess} >= {@value #SIR_ESS_SHARE} x the samples drawn (otherwise the resampled set is mostly
 *       copies of a few proposals).</li>
 * </ul>
 */
public final class Convergence {
    public static final double RHAT_MAX = 1.05;
    public static final double DRIFT_MAX = 0.2;
    public static final double MALA_ACCEPTANCE_MIN = 0.3, MALA_ACCEPTANCE_MAX = 0.8;
    public static final double SIR_ESS_SHARE = 0.5;

    private Convergence() {
    }

    /**
     * The failed checks of sampler {@code sampler} given its recorded metrics (empty: converged); a missing or NaN
     * diagnostic fails its check. The prior sampler draws exactly and always passes.
     */
    public static List<String> failures(String sampler, Map<String, Double> m) {
        List<String> out = new ArrayList<>();
        switch (sampler) {
            case "langevin", "mala" -> {
                below(out, m, "rhat", RHAT_MAX);
                Double drift = m.get("energy_drift");
                below(out, "energy_drift", drift == null ? null : Math.abs(drift), DRIFT_MAX, "|energy_drift|");
                if (sampler.equals("mala")) {
                    within(out, m, "acceptance_rate", MALA_ACCEPTANCE_MIN, MALA_ACCEPTANCE_MAX);
                } else {
                    within(out, m, "acceptance_proxy", MALA_ACCEPTANCE_MIN, 1.0);
                }
            }
            case "sir" -> {
                Double ess = m.get("ess"), n = m.get("samples_drawn");
                double floor = n == null ? Double.NaN : SIR_ESS_SHARE * n;
                if (ess == null || !(ess >= floor)) out.add("ess " + fmt(ess) + " < " + fmt(floor) + " (" + SIR_ESS_SHARE + " x samples)");
            }
            default -> {
            }
        }
        return out;
    }

    private static void below(List<String> out, Map<String, Double> m, String key, double max) {
        below(out, key, m.get(key), max, key);
    }

    private static void below(List<String> out, String key, Double v, double max, String label) {
        if (v == null || !(v < max)) out.add(label + " " + fmt(v) + " >= " + max);
    }

    private static void within(List<String> out, Map<String, Double> m, String key, double lo, double hi) {
        Double v = m.get(key);
        if (v == null || !(v >= lo && v <= hi)) out.add(key + " " + fmt(v) + " outside [" + lo + ", " + hi + "]");
    }

    private static String fmt(Double v) {
        return v == null ? "missing" : String.format(java.util.Locale.ROOT, "%.4g", v);
    }
}

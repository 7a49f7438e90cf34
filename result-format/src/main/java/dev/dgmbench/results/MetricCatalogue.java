package dev.dgmbench.results;

import dev.dgmbench.results.Metric.Better;
import dev.dgmbench.results.Metric.Family;
import dev.dgmbench.results.Metric.Scope;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every metric the suite records, in display order: the one list that claims, reports, the store and the CLI read
 * (names, directions, units, labels, drift families). Samplers and timings are listed here too.
 */
public final class MetricCatalogue {
    /** Samplers in display order. */
    public static final List<String> SAMPLERS = List.of("prior", "langevin", "mala", "sir");
    /** Samplers that draw from the NCE-tilted prior (they need the NCE classifier). */
    public static final List<String> NCE_SAMPLERS = List.of("langevin", "mala", "sir");
    /** Sample sets kept for the report's grids: the real images, reconstructions, then one per sampler. */
    public static final List<String> SAMPLE_SETS = List.of("real", "reconstruction", "prior", "langevin", "mala", "sir");

    private static final Map<String, Metric> MODEL = new LinkedHashMap<>();
    private static final Map<String, Metric> SAMPLER = new LinkedHashMap<>();

    static {
        model("nll", Better.LOWER, "nats", "NLL", Family.LIKELIHOOD, false, true);
        model("re", Better.LOWER, "nats", "RE", Family.TRAINING, false, true);
        model("kl", Better.NEITHER, "nats", "KL", Family.TRAINING, false, true);
        model("elbo", Better.LOWER, "nats", "-ELBO (β=1)", Family.TRAINING, false, true);
        model("loss", Better.LOWER, "nats", "loss (β-weighted)", Family.TRAINING, false, true);
        model("nll_nce", Better.LOWER, "nats", "NLL (NCE prior)", Family.LIKELIHOOD, true, true);
        model("bpd", Better.LOWER, "bits/dim", "bits/dim", Family.LIKELIHOOD, false, true);
        model("nce_accuracy", Better.HIGHER, "", "NCE accuracy", Family.CLASSIFIER, true, true);
        model("nce_loss", Better.LOWER, "nats", "NCE loss", Family.CLASSIFIER, true, true);
        model("kl_mc", Better.NEITHER, "nats", "KL (Monte Carlo)", Family.TRAINING, false, true);
        model("nll_se", Better.NEITHER, "nats", "NLL standard error", Family.LIKELIHOOD, false, false);
        model("nll_nce_se", Better.NEITHER, "nats", "NLL (NCE) standard error", Family.LIKELIHOOD, true, false);
        model("nce_log_z", Better.NEITHER, "nats", "log Z of the NCE prior", Family.CLASSIFIER, true, false);
        model("nce_log_z_se", Better.NEITHER, "nats", "log Z standard error", Family.CLASSIFIER, true, false);
        model("epochs", Better.NEITHER, "", "epochs run", Family.COUNT, false, false);
        model("best_epoch", Better.NEITHER, "", "best epoch", Family.COUNT, false, false);

        sampler("frechet", Better.LOWER, "", "Fréchet distance", Family.SAMPLE);
        sampler("kid", Better.LOWER, "", "KID", Family.SAMPLE);
        sampler("precision", Better.HIGHER, "", "precision", Family.SAMPLE);
        sampler("recall", Better.HIGHER, "", "recall", Family.SAMPLE);
        sampler("density", Better.HIGHER, "", "density", Family.SAMPLE);
        sampler("coverage", Better.HIGHER, "", "coverage", Family.SAMPLE);
        sampler("pixel_entropy", Better.LOWER, "nats", "pixel entropy", Family.SAMPLE);
        sampler("gradient_energy", Better.HIGHER, "", "gradient energy", Family.SAMPLE);
        sampler("class_tv", Better.LOWER, "", "class TV to uniform", Family.SAMPLE);
        sampler("class_kl", Better.LOWER, "nats", "class KL to uniform", Family.SAMPLE);
        sampler("confidence", Better.HIGHER, "", "classifier confidence", Family.SAMPLE);
        sampler("inception_score", Better.HIGHER, "", "Inception-Score analogue", Family.SAMPLE);
        SAMPLER.put("kid_sd", new Metric("kid_sd", Scope.SAMPLER, Better.NEITHER, "", "KID sd over subsets", Family.SAMPLE, false, false));
        diagnostic("final_energy", Better.NEITHER, "", "final mean energy");
        diagnostic("acceptance_rate", Better.NEITHER, "", "MALA acceptance rate");
        diagnostic("ess", Better.HIGHER, "", "SIR effective sample size");
        // Convergence diagnostics (models/.../sampling/Convergence, docs/validity.md): after burn-in only.
        diagnostic("ess_fraction", Better.HIGHER, "", "SIR ESS / proposals");
        diagnostic("distinct_fraction", Better.HIGHER, "", "SIR distinct codes / samples");
        diagnostic("acceptance_proxy", Better.NEITHER, "", "Langevin MH acceptance proxy");
        diagnostic("step_size_final", Better.NEITHER, "", "step size after burn-in");
        diagnostic("energy_slope", Better.NEITHER, "", "final-segment energy slope per step");
        diagnostic("energy_drift", Better.NEITHER, "", "final-segment energy change / spread");
        diagnostic("rhat", Better.NEITHER, "", "split-R-hat of the energy");
        diagnostic("converged", Better.HIGHER, "", "sampler passed its diagnostics (1/0)");
        SAMPLER.put("samples_drawn", new Metric("samples_drawn", Scope.SAMPLER, Better.NEITHER, "", "SIR samples drawn", Family.COUNT, false, false));
        SAMPLER.put("n_generated", new Metric("n_generated", Scope.SAMPLER, Better.NEITHER, "", "images generated", Family.COUNT, false, false));
        SAMPLER.put("n_real", new Metric("n_real", Scope.SAMPLER, Better.NEITHER, "", "real images", Family.COUNT, false, false));
    }

    private MetricCatalogue() {
    }

    private static void model(String name, Better better, String unit, String label, Family family, boolean nce,
                              boolean claimable) {
        MODEL.put(name, new Metric(name, Scope.MODEL, better, unit, label, family, nce, claimable));
    }

    private static void sampler(String name, Better better, String unit, String label, Family family) {
        SAMPLER.put(name, new Metric(name, Scope.SAMPLER, better, unit, label, family, false, true));
    }

    private static void diagnostic(String name, Better better, String unit, String label) {
        SAMPLER.put(name, new Metric(name, Scope.SAMPLER, better, unit, label, Family.SAMPLER_DIAGNOSTIC, false, true));
    }

    /** Model metrics in display order. */
    public static List<Metric> modelMetrics() {
        return List.copyOf(MODEL.values());
    }

    /** Sampler metrics in display order. */
    public static List<Metric> samplerMetrics() {
        return List.copyOf(SAMPLER.values());
    }

    /** A metric by its name in either scope (model first). */
    public static Optional<Metric> find(String name) {
        Metric m = MODEL.get(name);
        return Optional.ofNullable(m != null ? m : SAMPLER.get(name));
    }

    public static Optional<Metric> find(Scope scope, String name) {
        return Optional.ofNullable((scope == Scope.MODEL ? MODEL : SAMPLER).get(name));
    }

    /** Names a claim may test, model metrics first: for error messages and validation. */
    public static List<String> claimableNames() {
        List<String> out = new ArrayList<>();
        for (Metric m : MODEL.values()) if (m.claimable()) out.add(m.name());
        for (Metric m : SAMPLER.values()) if (m.claimable()) out.add(m.name());
        return out;
    }
}

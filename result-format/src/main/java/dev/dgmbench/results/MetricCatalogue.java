package dev.dgmbench.results;

import dev.dgmbench.results.Metric.Better;
import dev.dgmbench.results.Metric.Family;
import dev.dgmbench.results.Metric.Range;
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
    /**
     * The display order of the samplers of the shipped studies, for readers of result folders (reports, claims);
     * samplers not listed follow them, alphabetically. The suite's {@code SamplerCatalogue} describes every sampler;
     * it sits above this module, so the order is repeated here, and {@code SamplerCatalogueTest} checks that this
     * list begins the catalogue's (a sampler added at the catalogue's end needs no line here).
     */
    public static final List<String> SAMPLERS = List.of("prior", "langevin", "mala", "sir");
    /** The sample sets of the test images and of their reconstructions (posterior means, decoded). */
    public static final String REAL_SET = "real", RECONSTRUCTION_SET = "reconstruction";
    /** Sample sets kept for the report's grids: the real images, reconstructions, then one per sampler. */
    public static final List<String> SAMPLE_SETS = sampleSets();

    private static final Map<String, Metric> MODEL = new LinkedHashMap<>();
    private static final Map<String, Metric> SAMPLER = new LinkedHashMap<>();
    private static final Map<String, Metric> TIMING = new LinkedHashMap<>();
    private static final Range ANY = Range.ANY, POS = Range.NON_NEGATIVE, UNIT = Range.UNIT_INTERVAL;

    static {
        model("nll", Better.LOWER, "nats", "NLL", Family.LIKELIHOOD, false, true, ANY);
        model("nll_nce", Better.LOWER, "nats", "NLL (NCE prior)", Family.LIKELIHOOD, true, true, ANY);
        model("re", Better.LOWER, "nats", "RE", Family.TRAINING, false, true, ANY);
        model("kl", Better.NEITHER, "nats", "KL", Family.TRAINING, false, true, POS);
        // the evidence lower bound itself, -(re + kl) (ElboTerms): higher is better; -ELBO = re + kl bounds the NLL
        model("elbo", Better.HIGHER, "nats", "ELBO (β=1)", Family.TRAINING, false, true, ANY);
        model("loss", Better.LOWER, "nats", "loss (β-weighted)", Family.TRAINING, false, true, ANY);
        model("bpd", Better.LOWER, "bits/dim", "bits/dim", Family.LIKELIHOOD, false, true, ANY);
        model("nce_accuracy", Better.HIGHER, "", "NCE accuracy", Family.CLASSIFIER, true, true, UNIT);
        model("nce_loss", Better.LOWER, "nats", "NCE loss", Family.CLASSIFIER, true, true, POS);
        model("kl_mc", Better.NEITHER, "nats", "KL (Monte Carlo)", Family.TRAINING, false, false, ANY); // a check of the analytic KL
        model("nll_se", Better.NEITHER, "nats", "NLL standard error", Family.LIKELIHOOD, false, false, POS);
        model("nll_nce_se", Better.NEITHER, "nats", "NLL (NCE) standard error", Family.LIKELIHOOD, true, false, POS);
        model("nce_log_z", Better.NEITHER, "nats", "log Z of the NCE prior", Family.CLASSIFIER, true, false, ANY);
        model("nce_log_z_se", Better.NEITHER, "nats", "log Z standard error", Family.CLASSIFIER, true, false, POS);
        // below NcePrior.ESS_MIN the normaliser, and so nll_nce, is not trusted (suite/claims/NormaliserReliability)
        model("nce_log_z_ess", Better.HIGHER, "", "log Z effective sample size", Family.CLASSIFIER, true, false, POS);
        model("epochs", Better.NEITHER, "", "epochs run", Family.COUNT, false, false, POS);
        model("best_epoch", Better.NEITHER, "", "best epoch", Family.COUNT, false, false, POS);

        sampler("frechet", Better.LOWER, "", "Fréchet distance", Family.SAMPLE, true, POS);
        sampler("kid", Better.LOWER, "", "KID", Family.SAMPLE, true, POS);
        sampler("precision", Better.HIGHER, "", "precision", Family.SAMPLE, true, UNIT);
        sampler("recall", Better.HIGHER, "", "recall", Family.SAMPLE, true, UNIT);
        sampler("density", Better.HIGHER, "", "density", Family.SAMPLE, true, POS);
        sampler("coverage", Better.HIGHER, "", "coverage", Family.SAMPLE, true, UNIT);
        sampler("pixel_entropy", Better.LOWER, "nats", "pixel entropy", Family.SAMPLE, true, POS);
        sampler("gradient_energy", Better.HIGHER, "", "gradient energy", Family.SAMPLE, true, POS);
        sampler("class_tv", Better.LOWER, "", "class TV to uniform", Family.SAMPLE, true, UNIT);
        sampler("class_kl", Better.LOWER, "nats", "class KL to uniform", Family.SAMPLE, true, POS);
        sampler("confidence", Better.HIGHER, "", "classifier confidence", Family.SAMPLE, true, UNIT);
        sampler("inception_score", Better.HIGHER, "", "Inception-Score analogue", Family.SAMPLE, true, POS);
        sampler("kid_sd", Better.NEITHER, "", "KID sd over subsets", Family.SAMPLE, false, POS);
        sampler("final_energy", Better.NEITHER, "", "final mean energy", Family.SAMPLER_DIAGNOSTIC, true, ANY);
        sampler("acceptance_rate", Better.NEITHER, "", "MALA acceptance rate", Family.SAMPLER_DIAGNOSTIC, true, UNIT);
        sampler("ess", Better.HIGHER, "", "SIR effective sample size", Family.SAMPLER_DIAGNOSTIC, true, POS);
        // Convergence diagnostics (models/.../sampling/Convergence, docs/validity.md): after burn-in only.
        sampler("ess_fraction", Better.HIGHER, "", "SIR ESS / proposals", Family.SAMPLER_DIAGNOSTIC, true, UNIT);
        sampler("distinct_fraction", Better.HIGHER, "", "SIR distinct codes / samples", Family.SAMPLER_DIAGNOSTIC, true, UNIT);
        sampler("acceptance_proxy", Better.NEITHER, "", "Langevin MH acceptance proxy", Family.SAMPLER_DIAGNOSTIC, true, UNIT);
        sampler("step_size_final", Better.NEITHER, "", "step size after burn-in", Family.SAMPLER_DIAGNOSTIC, true, POS);
        // near zero by design (a converged chain), so a relative drift of them means nothing: shown, not checked
        sampler("energy_slope", Better.NEITHER, "", "final-segment energy slope per step", Family.SAMPLER_DIAGNOSTIC, false, ANY);
        sampler("energy_drift", Better.NEITHER, "", "final-segment energy change / spread", Family.SAMPLER_DIAGNOSTIC, false, ANY);
        sampler("rhat", Better.NEITHER, "", "split-R-hat of the energy", Family.SAMPLER_DIAGNOSTIC, true, POS);
        sampler("swap_rate_min", Better.NEITHER, "", "lowest replica-swap rate (tempering)", Family.SAMPLER_DIAGNOSTIC, true, UNIT);
        sampler("converged", Better.HIGHER, "", "sampler passed its diagnostics (1/0)", Family.SAMPLER_DIAGNOSTIC, true, UNIT);
        sampler("steps_used", Better.NEITHER, "", "steps after burn-in (steps: auto)", Family.COUNT, false, POS);
        sampler("samples_drawn", Better.NEITHER, "", "SIR samples drawn", Family.COUNT, false, POS);
        sampler("n_generated", Better.NEITHER, "", "images generated", Family.COUNT, false, POS);
        sampler("n_real", Better.NEITHER, "", "real images", Family.COUNT, false, POS);

        timing("train_seconds", "training time");
        timing("epoch_seconds", "time per epoch");
        timing("nll_seconds", "IWAE NLL time");
        timing("langevin_steps_per_second", "Langevin steps");
        timing("engine_seconds", "time inside the engine after training");
    }

    private MetricCatalogue() {
    }

    private static List<String> sampleSets() {
        List<String> sets = new ArrayList<>(List.of(REAL_SET, RECONSTRUCTION_SET));
        sets.addAll(SAMPLERS);
        return List.copyOf(sets);
    }

    private static void model(String name, Better better, String unit, String label, Family family, boolean nce,
                              boolean claimable, Range range) {
        MODEL.put(name, new Metric(name, Scope.MODEL, better, unit, label, family, nce, claimable, range));
    }

    private static void sampler(String name, Better better, String unit, String label, Family family,
                                boolean claimable, Range range) {
        SAMPLER.put(name, new Metric(name, Scope.SAMPLER, better, unit, label, family, false, claimable, range));
    }

    private static void timing(String name, String label) {
        TIMING.put(name, timingMetric(name, label));
    }

    /**
     * A timing by its name in {@code timings.json}. Runs may record timings this catalogue does not list (per-phase
     * times); the result format names them by unit, so {@code *_seconds} is a duration and {@code *_per_second} a
     * rate. Empty for names that are neither.
     */
    public static Optional<Metric> timing(String name) {
        Metric m = TIMING.get(name);
        if (m != null) return Optional.of(m);
        if (name.endsWith("_seconds") || name.endsWith("_per_second")) return Optional.of(timingMetric(name, name.replace('_', ' ')));
        return Optional.empty();
    }

    /** Timings in display order. */
    public static List<Metric> timings() {
        return List.copyOf(TIMING.values());
    }

    private static Metric timingMetric(String name, String label) {
        boolean rate = name.endsWith("_per_second");
        return new Metric(name, Scope.TIMING, rate ? Better.HIGHER : Better.LOWER, rate ? "1/s" : "s", label,
                Family.SPEED, false, false, Range.NON_NEGATIVE);
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
        return switch (scope) {
            case MODEL -> Optional.ofNullable(MODEL.get(name));
            case SAMPLER -> Optional.ofNullable(SAMPLER.get(name));
            case TIMING -> timing(name);
        };
    }

    /** Names of one scope in display order, for orderings and error messages. */
    public static List<String> names(Scope scope) {
        return List.copyOf((switch (scope) {
            case MODEL -> MODEL;
            case SAMPLER -> SAMPLER;
            case TIMING -> TIMING;
        }).keySet());
    }

    /** Names a claim may test, model metrics first: for error messages and validation. */
    public static List<String> claimableNames() {
        List<String> out = new ArrayList<>();
        for (Metric m : MODEL.values()) if (m.claimable()) out.add(m.name());
        for (Metric m : SAMPLER.values()) if (m.claimable()) out.add(m.name());
        return out;
    }
}

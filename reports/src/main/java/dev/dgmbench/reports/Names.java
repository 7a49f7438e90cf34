package dev.dgmbench.reports;

import dev.dgmbench.results.RunMetrics;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Display order and labels of metrics, samplers, sample sets and timings. */
final class Names {
    static final List<String> MODEL_ORDER = List.of("nll", "re", "kl", "elbo", "loss", "nll_nce", "bpd", "nce_accuracy");
    static final Map<String, String> MODEL_LABELS = Map.of(
            "nll", "NLL", "re", "RE", "kl", "KL", "elbo", "ELBO (β=1)", "loss", "loss (β-weighted)",
            "nll_nce", "NLL (NCE prior)", "bpd", "bits/dim", "nce_accuracy", "NCE accuracy");
    static final List<String> SAMPLER_ORDER = List.of("prior", "langevin", "mala", "sir");
    static final List<String> SAMPLER_METRIC_ORDER = List.of("frechet", "kid", "precision", "recall", "density",
            "coverage", "pixel_entropy", "gradient_energy", "class_tv", "confidence");
    static final List<String> SAMPLE_SET_ORDER = List.of("real", "reconstruction", "prior", "langevin", "mala", "sir");
    static final List<String> TIMING_ORDER = List.of("train_seconds", "epoch_seconds", "nll_seconds", "langevin_steps_per_second");
    /** Scope of the model metrics in flattened names ({@code model.nll}); samplers use their own name ({@code mala.kid}). */
    static final String MODEL = "model";

    private Names() {
    }

    static String modelLabel(String metric) {
        return MODEL_LABELS.getOrDefault(metric, metric);
    }

    /** The keys sorted by a preferred order first, then alphabetically. */
    static List<String> ordered(Collection<String> keys, List<String> preferred) {
        List<String> out = new ArrayList<>();
        for (String p : preferred) if (keys.contains(p)) out.add(p);
        for (String k : new TreeSet<>(keys)) if (!preferred.contains(k)) out.add(k);
        return out;
    }

    static Comparator<String> orderComparator(List<String> preferred) {
        return Comparator.<String>comparingInt(k -> preferred.contains(k) ? preferred.indexOf(k) : preferred.size())
                .thenComparing(Comparator.naturalOrder());
    }

    /** All metrics of a run as {@code model.nll}, {@code langevin.frechet}, ... in display order. */
    static Map<String, Double> flatten(RunMetrics m) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (String k : ordered(m.model().keySet(), MODEL_ORDER)) out.put(MODEL + "." + k, m.model().get(k));
        for (String s : ordered(m.samplers().keySet(), SAMPLER_ORDER)) {
            Map<String, Double> sm = m.samplers().get(s);
            for (String k : ordered(sm.keySet(), SAMPLER_METRIC_ORDER)) out.put(s + "." + k, sm.get(k));
        }
        return out;
    }

    /** A sort key for flattened metric names, matching {@link #flatten}. */
    static Comparator<String> flatComparator() {
        Comparator<String> scope = orderComparator(concat(List.of(MODEL), SAMPLER_ORDER));
        Comparator<String> metric = orderComparator(concat(MODEL_ORDER, SAMPLER_METRIC_ORDER));
        return Comparator.comparing((String k) -> k.substring(0, Math.max(0, k.indexOf('.'))), scope)
                .thenComparing(k -> k.substring(k.indexOf('.') + 1), metric);
    }

    /** Whether a larger value of this timing means faster ({@code *_per_second}) rather than slower ({@code *_seconds}). */
    static boolean higherIsFaster(String timing) {
        return timing.endsWith("per_second") || timing.endsWith("per_sec") || timing.endsWith("_rate");
    }

    /** Timings that measure speed: seconds (lower is faster) or rates (higher is faster). */
    static boolean isSpeed(String timing) {
        return timing.endsWith("_seconds") || higherIsFaster(timing);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}

package dev.dgmbench.reports.analysis;

import dev.dgmbench.results.Metric;
import dev.dgmbench.results.MetricCatalogue;
import dev.dgmbench.results.RunMetrics;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/** Display order and labels of metrics, samplers, sample sets and timings, all from the {@link MetricCatalogue}. */
public final class MetricNames {
    public static final List<String> MODEL_ORDER = MetricCatalogue.names(Metric.Scope.MODEL);
    public static final List<String> SAMPLER_ORDER = MetricCatalogue.SAMPLERS;
    public static final List<String> SAMPLER_METRIC_ORDER = MetricCatalogue.names(Metric.Scope.SAMPLER);
    public static final List<String> SAMPLE_SET_ORDER = MetricCatalogue.SAMPLE_SETS;
    public static final List<String> TIMING_ORDER = MetricCatalogue.names(Metric.Scope.TIMING);
    /** Scope of the model metrics in flattened names ({@code model.nll}); samplers use their own name ({@code mala.kid}). */
    public static final String MODEL = "model";

    private MetricNames() {
    }

    public static String modelLabel(String metric) {
        return MetricCatalogue.find(Metric.Scope.MODEL, metric).map(Metric::label).orElse(metric);
    }

    /** The catalogue entry of a flattened name ({@code model.nll}, {@code mala.kid}), if known. */
    public static Optional<Metric> metricOf(String flat) {
        int dot = flat.indexOf('.');
        if (dot < 0) return Optional.empty();
        return MetricCatalogue.find(flat.substring(0, dot).equals(MODEL) ? Metric.Scope.MODEL : Metric.Scope.SAMPLER,
                flat.substring(dot + 1));
    }

    /** The keys sorted by a preferred order first, then alphabetically. */
    public static List<String> ordered(Collection<String> keys, List<String> preferred) {
        List<String> out = new ArrayList<>();
        for (String p : preferred) if (keys.contains(p)) out.add(p);
        for (String k : new TreeSet<>(keys)) if (!preferred.contains(k)) out.add(k);
        return out;
    }

    public static Comparator<String> orderComparator(List<String> preferred) {
        return Comparator.<String>comparingInt(k -> preferred.contains(k) ? preferred.indexOf(k) : preferred.size())
                .thenComparing(Comparator.naturalOrder());
    }

    /** All metrics of a run as {@code model.nll}, {@code langevin.frechet}, ... in display order. */
    public static Map<String, Double> flatten(RunMetrics m) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (String k : ordered(m.model().keySet(), MODEL_ORDER)) out.put(MODEL + "." + k, m.model().get(k));
        for (String s : ordered(m.samplers().keySet(), SAMPLER_ORDER)) {
            Map<String, Double> sm = m.samplers().get(s);
            for (String k : ordered(sm.keySet(), SAMPLER_METRIC_ORDER)) out.put(s + "." + k, sm.get(k));
        }
        return out;
    }

    /** A sort key for flattened metric names, matching {@link #flatten}. */
    public static Comparator<String> flatComparator() {
        List<String> scopes = new ArrayList<>(List.of(MODEL));
        scopes.addAll(SAMPLER_ORDER);
        List<String> metrics = new ArrayList<>(MODEL_ORDER);
        metrics.addAll(SAMPLER_METRIC_ORDER);
        Comparator<String> scope = orderComparator(scopes), metric = orderComparator(metrics);
        return Comparator.comparing((String k) -> k.substring(0, Math.max(0, k.indexOf('.'))), scope)
                .thenComparing(k -> k.substring(k.indexOf('.') + 1), metric);
    }
}

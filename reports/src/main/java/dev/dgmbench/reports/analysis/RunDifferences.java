package dev.dgmbench.reports.analysis;

import dev.dgmbench.results.RunMetrics;

import java.util.Map;

/** Differences between two runs' numbers. */
public final class RunDifferences {
    private RunDifferences() {
    }

    /** The largest difference between two runs' metrics, by relative then absolute size; metric null when equal. */
    public record Largest(String metric, double abs, double rel) {
        public static final Largest NONE = new Largest(null, 0, 0);
    }

    /** {@code |b - a| / |a|}: 0 when both are equal (NaN equals NaN), infinite when a is 0 or only one is NaN. */
    public static double rel(double a, double b) {
        double abs = abs(a, b);
        if (abs == 0) return 0;
        if (!Double.isFinite(abs) || a == 0) return Double.POSITIVE_INFINITY;
        return abs / Math.abs(a);
    }

    public static double abs(double a, double b) {
        if (Double.compare(a, b) == 0) return 0;
        if (Double.isNaN(a) || Double.isNaN(b)) return Double.POSITIVE_INFINITY;
        return Math.abs(b - a);
    }

    /** Compares the metrics both runs have; a metric only one run has counts as an infinite difference. */
    public static Largest largest(RunMetrics a, RunMetrics b) {
        Map<String, Double> fa = MetricNames.flatten(a), fb = MetricNames.flatten(b);
        Largest worst = Largest.NONE;
        java.util.Set<String> keys = new java.util.LinkedHashSet<>(fa.keySet());
        keys.addAll(fb.keySet());
        for (String k : keys) {
            Double x = fa.get(k), y = fb.get(k);
            double abs, rel;
            if (x == null || y == null) {
                abs = Double.POSITIVE_INFINITY;
                rel = Double.POSITIVE_INFINITY;
            } else {
                abs = abs(x, y);
                rel = rel(x, y);
            }
            if (abs == 0) continue;
            if (worst.metric() == null || rel > worst.rel() || (rel == worst.rel() && abs > worst.abs())) {
                worst = new Largest(k, abs, rel);
            }
        }
        return worst;
    }
}

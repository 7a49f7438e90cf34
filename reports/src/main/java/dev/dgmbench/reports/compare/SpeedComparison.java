package dev.dgmbench.reports.compare;

import dev.dgmbench.reports.analysis.Grid;
import dev.dgmbench.reports.analysis.MetricNames;
import dev.dgmbench.reports.analysis.WarmupRuns;
import dev.dgmbench.reports.compare.ComparisonData.SpeedRow;
import dev.dgmbench.reports.compare.ComparisonData.SpeedSummary;
import dev.dgmbench.reports.render.NumberFormats;
import dev.dgmbench.results.Metric;
import dev.dgmbench.results.MetricCatalogue;
import dev.dgmbench.results.RunResult;
import dev.dgmbench.stats.Bootstrap;
import dev.dgmbench.stats.Correction;
import dev.dgmbench.stats.MeanInterval;
import dev.dgmbench.stats.TwoGroupTest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Timings of a candidate against the baseline, as {@code asv compare} does it: one speed ratio per timing, the
 * geometric mean of the per-run ratios over all runs matched by id (so grid points of different size are paired),
 * with the 95% t interval of the mean log ratio and a paired t-test on log times (the same statistic, so the interval
 * excludes 1 exactly when the raw p is below 0.05). A candidate's timings are one family: their p-values are
 * Holm-adjusted, and only an adjusted p below alpha is significant. Runs that were the first in their worker
 * JVM ({@code worker_run_index} 0 in provenance.json, or below {@code concurrent_runs} where a worker continued
 * several runs at once) include JIT warm-up and are left out when enough others remain.
 */
final class SpeedComparison {
    /** Timings of one candidate are one family of tests, corrected by this. */
    static final Correction CORRECTION = Correction.HOLM;
    /** A duration shorter than this per run (on the baseline) is never a regression, only a finding. */
    static final double MIN_SECONDS = 1.0;

    /** Per-run log speed-ups of one timing (positive: candidate faster), and how many warm-up runs were left out. */
    private record LogRatios(double[] values, double baselineMean, int warmupLeftOut, boolean warmupIncluded) {
    }

    private SpeedComparison() {
    }

    static void compare(String label, String baseLabel, Grid base, Map<String, RunResult> cand, Grid candGrid,
                        double alpha, List<SpeedRow> rows, List<SpeedSummary> summaries) {
        Set<String> timings = new TreeSet<>();
        for (Grid.Point p : base.points) for (RunResult r : p.ok()) if (r.timings() != null) timings.addAll(r.timings().keySet());
        Map<String, Grid.Point> candPoints = new LinkedHashMap<>();
        for (Grid.Point p : candGrid.points) candPoints.put(p.label(), p);
        List<Tested> tested = new ArrayList<>();
        for (String timing : MetricNames.ordered(timings, MetricNames.TIMING_ORDER)) {
            Metric m = MetricCatalogue.timing(timing).orElse(null);
            if (m == null) continue;
            boolean rate = m.better() == Metric.Better.HIGHER;
            for (Grid.Point p : base.points) {
                Grid.Point q = candPoints.get(p.label());
                if (q == null) continue;
                double[] bv = values(p.ok(), timing), cv = values(q.ok(), timing);
                if (bv.length == 0 || cv.length == 0) continue;
                double bm = MetricComparison.mean(bv), cm = MetricComparison.mean(cv);
                rows.add(new SpeedRow(label, timing, p.label(), bv.length, cv.length, bm, cm, rate ? cm / bm : bm / cm));
            }
            LogRatios lr = logRatios(base, cand, timing, rate);
            if (lr.values().length == 0) continue;
            tested.add(new Tested(timing, lr));
        }
        double[] raw = tested.stream().mapToDouble(Tested::p).toArray();
        double[] adjusted = adjust(raw);
        for (int i = 0; i < tested.size(); i++) {
            summaries.add(summary(label, baseLabel, tested.get(i), adjusted[i], tested.size(), alpha));
        }
    }

    /** One timing's log ratios with their paired t-test (NaN p with fewer than 2 runs). */
    private record Tested(String timing, LogRatios lr) {
        double p() {
            double[] d = lr.values();
            return d.length >= 2 ? TwoGroupTest.pairedT(d, new double[d.length]).pTwoSided() : Double.NaN;
        }
    }

    /** Holm over the finite p-values; NaN stays NaN. */
    private static double[] adjust(double[] raw) {
        double[] finite = java.util.Arrays.stream(raw).filter(Double::isFinite).toArray();
        double[] adj = CORRECTION.adjust(finite);
        double[] out = raw.clone();
        for (int i = 0, k = 0; i < raw.length; i++) if (Double.isFinite(raw[i])) out[i] = adj[k++];
        return out;
    }

    private static SpeedSummary summary(String label, String baseLabel, Tested t, double pAdjusted, int family,
                                        double alpha) {
        String timing = t.timing();
        double[] d = t.lr().values();
        double g = Math.exp(MetricComparison.mean(d));
        double lo = Double.NaN, hi = Double.NaN, p = t.p();
        if (d.length >= 2) {
            Bootstrap.Interval ci = MeanInterval.of(d, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
            lo = Math.exp(ci.lower());
            hi = Math.exp(ci.upper());
        }
        boolean significant = pAdjusted < alpha;
        String runs = "geometric mean over " + d.length + " run" + (d.length == 1 ? "" : "s")
                + (t.lr().warmupIncluded() ? ", JIT warm-up included" : t.lr().warmupLeftOut() > 0 ? ", " + t.lr().warmupLeftOut() + " warm-up runs left out" : "");
        String tests = NumberFormats.pIs(p) + ", " + CORRECTION.spec() + "-adjusted over " + family + " timings "
                + NumberFormats.pIs(pAdjusted).replace("p = ", "").replace("p > ", "> ");
        String sentence;
        if (significant) {
            // The faster side first: its speed-up, and the interval of that same ratio.
            double shown = g >= 1 ? g : 1 / g, shownLo = g >= 1 ? lo : 1 / hi, shownHi = g >= 1 ? hi : 1 / lo;
            sentence = (g >= 1 ? label + " is " + NumberFormats.ratio(shown) + "x faster than " + baseLabel
                    : baseLabel + " is " + NumberFormats.ratio(shown) + "x faster than " + label)
                    + " at " + timing + " (" + runs + ", 95% CI " + NumberFormats.ratio(shownLo) + "–" + NumberFormats.ratio(shownHi) + "x; " + tests + ")";
        } else {
            String ratio = "speed of " + label + " / " + baseLabel + " " + NumberFormats.ratio(g) + "x"
                    + (Double.isFinite(lo) ? ", 95% CI " + NumberFormats.ratio(lo) + "–" + NumberFormats.ratio(hi) + "x" : "");
            sentence = label + " and " + baseLabel + " run " + timing + " at the same speed within noise ("
                    + (p < alpha ? "significant alone, not after the correction; " : "") + ratio + "; " + runs + "; " + tests + ")";
        }
        return new SpeedSummary(label, timing, d.length, t.lr().baselineMean(), g, lo, hi, p, pAdjusted, significant,
                t.lr().warmupLeftOut(), sentence);
    }

    /** log(baseline / candidate) of durations, log(candidate / baseline) of rates, over the runs OK in both. */
    private static LogRatios logRatios(Grid base, Map<String, RunResult> cand, String timing, boolean rate) {
        List<Double> warm = new ArrayList<>(), all = new ArrayList<>(), warmBase = new ArrayList<>(), allBase = new ArrayList<>();
        int warmup = 0;
        for (Grid.Point p : base.points) {
            for (RunResult b : p.ok()) {
                RunResult c = cand.get(b.info().runId());
                if (!MetricComparison.ok(c)) continue;
                Double x = positive(b, timing), y = positive(c, timing);
                if (x == null || y == null) continue;
                double d = rate ? Math.log(y / x) : Math.log(x / y);
                all.add(d);
                allBase.add(x);
                if (WarmupRuns.isWarmup(b) || WarmupRuns.isWarmup(c)) warmup++;
                else {
                    warm.add(d);
                    warmBase.add(x);
                }
            }
        }
        // Too few runs after warm-up: keep them all and say so rather than compare nothing.
        if (warm.size() < 2 && warmup > 0) return new LogRatios(toArray(all), mean(allBase), 0, true);
        return new LogRatios(toArray(warm), mean(warmBase), warmup, false);
    }

    private static double mean(List<Double> v) {
        return v.isEmpty() ? Double.NaN : MetricComparison.mean(toArray(v));
    }

    private static Double positive(RunResult r, String timing) {
        Double x = r.timings() == null ? null : r.timings().get(timing);
        return x != null && Double.isFinite(x) && x > 0 ? x : null;
    }

    /** The timing of the runs that are not warm-up runs, or of all when every run is one. */
    private static double[] values(List<RunResult> runs, String timing) {
        List<Double> warm = new ArrayList<>(), all = new ArrayList<>();
        for (RunResult r : runs) {
            Double x = positive(r, timing);
            if (x == null) continue;
            all.add(x);
            if (!WarmupRuns.isWarmup(r)) warm.add(x);
        }
        return toArray(warm.isEmpty() ? all : warm);
    }

    private static double[] toArray(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).toArray();
    }
}

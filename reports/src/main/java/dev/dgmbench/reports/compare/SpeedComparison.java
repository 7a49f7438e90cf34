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
 * with a percentile-bootstrap interval and a paired t-test on log times. Runs that were the first in their worker
 * JVM ({@code worker_run_index} 0 in provenance.json, or below {@code concurrent_runs} where a worker continued
 * several runs at once) include JIT warm-up and are left out when enough others remain.
 */
final class SpeedComparison {
    /** Bootstrap seed: the same folders always give the same interval. */
    private static final long SEED = 17L;

    /** Per-run log speed-ups of one timing (positive: candidate faster), and how many warm-up runs were left out. */
    private record LogRatios(double[] values, int warmupLeftOut, boolean warmupIncluded) {
    }

    private SpeedComparison() {
    }

    static void compare(String label, String baseLabel, Grid base, Map<String, RunResult> cand, Grid candGrid,
                        double alpha, List<SpeedRow> rows, List<SpeedSummary> summaries) {
        Set<String> timings = new TreeSet<>();
        for (Grid.Point p : base.points) for (RunResult r : p.ok()) if (r.timings() != null) timings.addAll(r.timings().keySet());
        Map<String, Grid.Point> candPoints = new LinkedHashMap<>();
        for (Grid.Point p : candGrid.points) candPoints.put(p.label(), p);
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
            summaries.add(summary(label, baseLabel, timing, lr, alpha));
        }
    }

    private static SpeedSummary summary(String label, String baseLabel, String timing, LogRatios lr, double alpha) {
        double[] d = lr.values();
        double g = Math.exp(MetricComparison.mean(d));
        double lo = Double.NaN, hi = Double.NaN, p = Double.NaN;
        if (d.length >= 2) {
            Bootstrap.Interval ci = Bootstrap.percentileMeanCi(d, SEED);
            lo = Math.exp(ci.lower());
            hi = Math.exp(ci.upper());
            p = TwoGroupTest.pairedT(d, new double[d.length]).pTwoSided();
        }
        boolean significant = p < alpha;
        // The sentence puts the faster side first, so its interval is of that side's speed-up.
        double shownLo = g >= 1 ? lo : 1 / hi, shownHi = g >= 1 ? hi : 1 / lo;
        String what = timing + " (geometric mean over " + d.length + " run" + (d.length == 1 ? "" : "s")
                + (Double.isFinite(lo) ? ", 95% CI " + NumberFormats.ratio(shownLo) + "–" + NumberFormats.ratio(shownHi) + "x" : "")
                + (lr.warmupIncluded() ? ", JIT warm-up included" : lr.warmupLeftOut() > 0 ? ", " + lr.warmupLeftOut() + " warm-up runs left out" : "")
                + ")";
        String sentence = significant
                ? ComparisonReport.sentence(label, baseLabel, g, what)
                : label + " and " + baseLabel + " run " + timing + " at the same speed within noise (ratio " + NumberFormats.ratio(g)
                  + "x, p = " + NumberFormats.p(p) + "; " + what.substring(timing.length() + 2, what.length() - 1) + ")";
        return new SpeedSummary(label, timing, d.length, g, lo, hi, p, significant, lr.warmupLeftOut(), sentence);
    }

    /** log(baseline / candidate) of durations, log(candidate / baseline) of rates, over the runs OK in both. */
    private static LogRatios logRatios(Grid base, Map<String, RunResult> cand, String timing, boolean rate) {
        List<Double> warm = new ArrayList<>(), all = new ArrayList<>();
        int warmup = 0;
        for (Grid.Point p : base.points) {
            for (RunResult b : p.ok()) {
                RunResult c = cand.get(b.info().runId());
                if (!MetricComparison.ok(c)) continue;
                Double x = positive(b, timing), y = positive(c, timing);
                if (x == null || y == null) continue;
                double d = rate ? Math.log(y / x) : Math.log(x / y);
                all.add(d);
                if (WarmupRuns.isWarmup(b) || WarmupRuns.isWarmup(c)) warmup++;
                else warm.add(d);
            }
        }
        // Too few runs after warm-up: keep them all and say so rather than compare nothing.
        if (warm.size() < 2 && warmup > 0) return new LogRatios(toArray(all), 0, true);
        return new LogRatios(toArray(warm), warmup, false);
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

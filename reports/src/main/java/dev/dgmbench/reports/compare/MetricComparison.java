package dev.dgmbench.reports.compare;

import dev.dgmbench.reports.analysis.Grid;
import dev.dgmbench.reports.analysis.MetricNames;
import dev.dgmbench.reports.analysis.RunDifferences;
import dev.dgmbench.reports.compare.ComparisonData.Drift;
import dev.dgmbench.reports.compare.ComparisonData.MetricDiff;
import dev.dgmbench.results.RunResult;
import dev.dgmbench.results.RunStatus;
import dev.dgmbench.stats.TwoGroupTest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Metrics of a candidate against the baseline, run by run: per metric and grid point the difference of the means
 * over the matched seeds with a paired t-test, and per metric the largest drift over all matched runs.
 */
final class MetricComparison {
    /** Largest absolute and relative difference of one metric so far, and where. */
    private record Worst(int runs, double abs, String absRun, double rel, String relRun) {
        static final Worst NONE = new Worst(0, 0, null, 0, null);

        Worst add(double abs, double rel, String run) {
            boolean a = absRun == null || abs > this.abs, r = relRun == null || rel > this.rel;
            return new Worst(runs + 1, a ? abs : this.abs, a ? run : absRun, r ? rel : this.rel, r ? run : relRun);
        }
    }

    /** Matched baseline and candidate values of one metric at one grid point, in seed order. */
    private record Pairs(List<Double> base, List<Double> cand) {
        Pairs() {
            this(new ArrayList<>(), new ArrayList<>());
        }

        double[] b() {
            return base.stream().mapToDouble(Double::doubleValue).toArray();
        }

        double[] c() {
            return cand.stream().mapToDouble(Double::doubleValue).toArray();
        }
    }

    private MetricComparison() {
    }

    static void compare(String label, Grid grid, Map<String, RunResult> cand, double alpha, List<MetricDiff> out,
                        List<Drift> driftOut) {
        Map<String, Worst> drift = new TreeMap<>(MetricNames.flatComparator());
        Map<String, List<MetricDiff>> byMetric = new TreeMap<>(MetricNames.flatComparator());
        for (Grid.Point p : grid.points) {
            Map<String, Pairs> pairs = new LinkedHashMap<>();
            for (RunResult b : p.runs()) {
                RunResult c = cand.get(b.info().runId());
                if (!ok(b) || !ok(c)) continue;
                Map<String, Double> fb = MetricNames.flatten(b.metrics()), fc = MetricNames.flatten(c.metrics());
                for (Map.Entry<String, Double> e : fb.entrySet()) {
                    Double cv = fc.get(e.getKey());
                    if (cv == null || e.getValue() == null) continue;
                    double bv = e.getValue();
                    Pairs ps = pairs.computeIfAbsent(e.getKey(), k -> new Pairs());
                    ps.base().add(bv);
                    ps.cand().add(cv);
                    drift.merge(e.getKey(), Worst.NONE.add(RunDifferences.abs(bv, cv), RunDifferences.rel(bv, cv), b.info().runId()),
                            (old, x) -> old.add(x.abs(), x.rel(), x.absRun()));
                }
            }
            for (Map.Entry<String, Pairs> e : pairs.entrySet()) {
                double[] bs = e.getValue().b(), cs = e.getValue().c();
                double bm = mean(bs), cm = mean(cs);
                double pValue = pairedP(bs, cs);
                byMetric.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(new MetricDiff(label, e.getKey(), p.label(),
                        bs.length, bm, cm, cm - bm, RunDifferences.rel(bm, cm), pValue, pValue < alpha));
            }
        }
        byMetric.values().forEach(out::addAll);
        drift.forEach((k, w) -> driftOut.add(new Drift(label, k, w.runs(), w.abs(), w.absRun(), w.rel(), w.relRun())));
    }

    /** Two-sided paired t-test p-value (stats module); NaN with fewer than 2 pairs or non-finite values. */
    static double pairedP(double[] base, double[] cand) {
        if (base.length < 2) return Double.NaN;
        for (int i = 0; i < base.length; i++) if (!Double.isFinite(base[i]) || !Double.isFinite(cand[i])) return Double.NaN;
        return TwoGroupTest.pairedT(cand, base).pTwoSided();
    }

    static boolean ok(RunResult r) {
        return r != null && r.info().status() == RunStatus.OK;
    }

    static double mean(double[] v) {
        double s = 0;
        for (double x : v) s += x;
        return v.length == 0 ? Double.NaN : s / v.length;
    }
}

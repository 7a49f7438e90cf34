package dev.dgmbench.reports;

import dev.dgmbench.results.RunResult;
import dev.dgmbench.results.RunStatus;
import dev.dgmbench.results.StudyResults;
import org.apache.commons.math3.stat.inference.TTest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Two or more result folders lined up by run id (grid point + seed); the first is the baseline, every other one a
 * candidate compared with it. For each metric and grid point: the difference of the means over seeds and a paired
 * t-test over the matched seeds; per metric the largest numerical drift over runs; whether digests are identical;
 * timings as speed-ups; and, if given, JMH results side by side. Writes {@code compare.md}, {@code compare.html}
 * (self-contained) and {@code compare.json}; {@link #regressions()} lists what exceeds the {@link CompareThresholds}.
 */
public final class ComparisonReport {
    public static final String MD = "compare.md", HTML = "compare.html", JSON = "compare.json";
    /** Significance level of the paired t-tests (two-sided). */
    public static final double ALPHA = 0.05;

    private final List<StudyResults> studies;
    private final Data data;

    /**
     * One metric at one grid point, candidate against baseline.
     *
     * @param pairs  seeds where both runs are OK and have the metric
     * @param diff   candidate mean minus baseline mean (over the paired seeds)
     * @param pValue two-sided paired t-test p-value; NaN (n/a) with fewer than 2 pairs; 1 when all pairs are equal
     */
    public record MetricDiff(String candidate, String metric, String gridPoint, int pairs, double baselineMean,
                             double candidateMean, double diff, double relDiff, double pValue, boolean significant) {
    }

    /** The largest absolute and relative difference of one metric over all matched runs, and where. */
    public record Drift(String candidate, String metric, int runs, double maxAbsDiff, String maxAbsRun,
                        double maxRelDiff, String maxRelRun) {
    }

    /**
     * @param compared        run ids OK in both
     * @param identical       of those, with equal metrics digests
     * @param differing       run ids with different digests
     * @param onlyInBaseline  run ids the candidate lacks
     * @param onlyInCandidate run ids the baseline lacks
     * @param newlyFailed     run ids OK in the baseline but FAILED in the candidate
     */
    public record DigestCheck(String candidate, int compared, int identical, List<String> differing,
                              List<String> onlyInBaseline, List<String> onlyInCandidate, List<String> newlyFailed) {
        public boolean allIdentical() {
            return compared > 0 && identical == compared && onlyInBaseline.isEmpty() && onlyInCandidate.isEmpty();
        }
    }

    /** One timing at one grid point: means over OK seeds and the candidate's speed-up ({@code > 1}: faster). */
    public record SpeedRow(String candidate, String timing, String gridPoint, int baselineN, int candidateN,
                           double baseline, double value, double speedup) {
    }

    /** Geometric mean of a timing's speed-ups over grid points, with its sentence. */
    public record SpeedSummary(String candidate, String timing, int gridPoints, double speedup, String sentence) {
    }

    /** Everything in compare.json. */
    public record Data(List<String> labels, List<String> folders, CompareThresholds thresholds, double alpha,
                       List<MetricDiff> metrics, List<Drift> drift, List<DigestCheck> digests, List<SpeedRow> speed,
                       List<SpeedSummary> speedSummary, JmhComparison jmh, List<Regression> regressions) {
    }

    private ComparisonReport(List<StudyResults> studies, List<String> labels, CompareThresholds thresholds, JmhComparison jmh) {
        this.studies = List.copyOf(studies);
        this.data = build(labels, thresholds == null ? CompareThresholds.none() : thresholds, jmh);
    }

    /** Compares {@code studies.get(1..)} with {@code studies.get(0)}; labels default to the folder names. */
    public static ComparisonReport of(List<StudyResults> studies, List<String> labels, CompareThresholds thresholds) {
        return of(studies, labels, thresholds, null);
    }

    /** As {@link #of(List, List, CompareThresholds)} with JMH results beside (studies may then be empty). */
    public static ComparisonReport of(List<StudyResults> studies, List<String> labels, CompareThresholds thresholds,
                                      JmhComparison jmh) {
        if (studies.size() == 1 || (studies.isEmpty() && jmh == null)) {
            throw new IllegalArgumentException("a comparison needs at least two result folders (or JMH files), got " + studies.size());
        }
        if (labels != null && !labels.isEmpty() && labels.size() != studies.size()) {
            throw new IllegalArgumentException(studies.size() + " folders but " + labels.size() + " labels");
        }
        if (labels != null && new java.util.HashSet<>(labels).size() != labels.size()) {
            throw new IllegalArgumentException("labels must be distinct, got " + labels);
        }
        return new ComparisonReport(studies, labels, thresholds, jmh);
    }

    /** Reads JMH JSON result files for a side-by-side benchmark table (first file is the baseline). */
    public static JmhComparison jmh(List<Path> jmhJsonFiles, List<String> labels) {
        return JmhComparison.read(jmhJsonFiles, labels);
    }

    public Data data() {
        return data;
    }

    public List<Regression> regressions() {
        return data.regressions();
    }

    /** Writes compare.md, compare.html and compare.json into {@code outDir}; returns their paths. */
    public List<Path> write(Path outDir) {
        try {
            Files.createDirectories(outDir);
            Path md = outDir.resolve(MD), html = outDir.resolve(HTML), json = outDir.resolve(JSON);
            Files.writeString(html, Templates.render("compare.html.mustache", scope(true)), StandardCharsets.UTF_8);
            Files.writeString(md, Templates.render("compare.md.mustache", scope(false)), StandardCharsets.UTF_8);
            ReportJson.write(json, data);
            return List.of(md, html, json);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write comparison into " + outDir + ": " + e.getMessage(), e);
        }
    }

    /** "X is N.NNx faster than Y at what", putting the faster one first; {@code speedup} is X's against Y. */
    static String sentence(String x, String y, double speedup, String what) {
        if (speedup >= 1) return x + " is " + Fmt.ratio(speedup) + "x faster than " + y + " at " + what;
        return y + " is " + Fmt.ratio(1 / speedup) + "x faster than " + x + " at " + what;
    }

    // ---------------------------------------------------------------- analysis

    private Data build(List<String> labelsIn, CompareThresholds t, JmhComparison jmh) {
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < studies.size(); i++) {
            labels.add(labelsIn == null || labelsIn.isEmpty() ? defaultLabel(studies.get(i), i) : labelsIn.get(i));
        }
        List<MetricDiff> metrics = new ArrayList<>();
        List<Drift> drift = new ArrayList<>();
        List<DigestCheck> digests = new ArrayList<>();
        List<SpeedRow> speed = new ArrayList<>();
        List<SpeedSummary> summaries = new ArrayList<>();
        List<Regression> regressions = new ArrayList<>();
        if (!studies.isEmpty()) {
            StudyResults base = studies.get(0);
            Grid grid = new Grid(base.runs());
            for (int c = 1; c < studies.size(); c++) {
                String label = labels.get(c), baseLabel = labels.get(0);
                Map<String, RunResult> cand = byId(studies.get(c).runs());
                compareMetrics(label, grid, cand, metrics, drift);
                DigestCheck dc = digests(label, base.runs(), studies.get(c).runs());
                digests.add(dc);
                compareSpeed(label, baseLabel, grid, new Grid(studies.get(c).runs()), speed, summaries);

                String where = label + " vs " + baseLabel;
                if (t.maxRelativeMetricDrift() != null) {
                    for (Drift d : drift) {
                        if (d.candidate().equals(label) && d.maxRelDiff() > t.maxRelativeMetricDrift()) {
                            regressions.add(new Regression("metric drift " + d.metric(), where + " in " + d.maxRelRun(),
                                    d.maxRelDiff(), t.maxRelativeMetricDrift()));
                        }
                    }
                }
                if (!dc.newlyFailed().isEmpty()) {
                    regressions.add(new Regression("failed runs", where + ": " + String.join(", ", dc.newlyFailed()),
                            dc.newlyFailed().size(), 0));
                }
                if (t.maxSlowdown() != null) {
                    for (SpeedSummary s : summaries) {
                        if (s.candidate().equals(label) && s.speedup() > 0 && 1 / s.speedup() > t.maxSlowdown()) {
                            regressions.add(new Regression("slowdown " + s.timing(), where + " (geometric mean over "
                                    + s.gridPoints() + " grid points)", 1 / s.speedup(), t.maxSlowdown()));
                        }
                    }
                }
            }
        }
        if (jmh != null) regressions.addAll(jmh.regressions(t));
        return new Data(labels, studies.stream().map(s -> s.folder().toString()).toList(), t, ALPHA, metrics, drift,
                digests, speed, summaries, jmh, regressions);
    }

    private static String defaultLabel(StudyResults s, int i) {
        Path n = s.folder().getFileName();
        return n == null ? "folder " + (i + 1) : n.toString();
    }

    private static Map<String, RunResult> byId(List<RunResult> runs) {
        Map<String, RunResult> m = new LinkedHashMap<>();
        for (RunResult r : runs) m.put(r.info().runId(), r);
        return m;
    }

    private static boolean ok(RunResult r) {
        return r != null && r.info().status() == RunStatus.OK;
    }

    private static void compareMetrics(String label, Grid grid, Map<String, RunResult> cand, List<MetricDiff> out,
                                       List<Drift> driftOut) {
        // metric -> drift accumulators
        Map<String, Object[]> drift = new java.util.TreeMap<>(Names.flatComparator());
        Map<String, List<MetricDiff>> byMetric = new java.util.TreeMap<>(Names.flatComparator());
        TTest tTest = new TTest();
        for (Grid.Point p : grid.points) {
            Map<String, List<double[]>> pairs = new LinkedHashMap<>();
            for (RunResult b : p.runs()) {
                RunResult c = cand.get(b.info().runId());
                if (!ok(b) || !ok(c)) continue;
                Map<String, Double> fb = Names.flatten(b.metrics()), fc = Names.flatten(c.metrics());
                for (Map.Entry<String, Double> e : fb.entrySet()) {
                    Double cv = fc.get(e.getKey());
                    if (cv == null || e.getValue() == null) continue;
                    double bv = e.getValue();
                    pairs.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(new double[]{bv, cv});
                    double abs = Diffs.abs(bv, cv), rel = Diffs.rel(bv, cv);
                    Object[] d = drift.computeIfAbsent(e.getKey(), k -> new Object[]{0, 0.0, null, 0.0, null});
                    d[0] = (Integer) d[0] + 1;
                    if (d[2] == null || abs > (Double) d[1]) { d[1] = abs; d[2] = b.info().runId(); }
                    if (d[4] == null || rel > (Double) d[3]) { d[3] = rel; d[4] = b.info().runId(); }
                }
            }
            for (Map.Entry<String, List<double[]>> e : pairs.entrySet()) {
                List<double[]> ps = e.getValue();
                double[] bs = ps.stream().mapToDouble(x -> x[0]).toArray(), cs = ps.stream().mapToDouble(x -> x[1]).toArray();
                double bm = mean(bs), cm = mean(cs);
                double pValue = pairedP(tTest, bs, cs);
                byMetric.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(new MetricDiff(label, e.getKey(), p.label(),
                        ps.size(), bm, cm, cm - bm, Diffs.rel(bm, cm), pValue, pValue < ALPHA));
            }
        }
        byMetric.values().forEach(out::addAll);
        drift.forEach((k, d) -> driftOut.add(new Drift(label, k, (Integer) d[0], (Double) d[1], (String) d[2], (Double) d[3], (String) d[4])));
    }

    /** Paired t-test p-value (two-sided); NaN with fewer than 2 pairs; 1 if all differences are 0; 0 if all equal but not 0. */
    static double pairedP(TTest t, double[] base, double[] cand) {
        if (base.length < 2) return Double.NaN;
        double first = cand[0] - base[0];
        boolean constant = true;
        for (int i = 0; i < base.length; i++) {
            double d = cand[i] - base[i];
            if (!Double.isFinite(d)) return Double.NaN;
            if (d != first) constant = false;
        }
        if (constant) return first == 0 ? 1.0 : 0.0;
        return t.pairedTTest(cand, base);
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) s += x;
        return v.length == 0 ? Double.NaN : s / v.length;
    }

    private static DigestCheck digests(String label, List<RunResult> base, List<RunResult> cand) {
        Map<String, RunResult> b = byId(base), c = byId(cand);
        int compared = 0, identical = 0;
        List<String> differing = new ArrayList<>(), onlyB = new ArrayList<>(), onlyC = new ArrayList<>(), failed = new ArrayList<>();
        for (RunResult r : base) {
            RunResult o = c.get(r.info().runId());
            if (o == null) {
                onlyB.add(r.info().runId());
                continue;
            }
            if (ok(r) && !ok(o)) failed.add(r.info().runId());
            if (!ok(r) || !ok(o)) continue;
            compared++;
            if (r.digest().equals(o.digest())) identical++;
            else differing.add(r.info().runId());
        }
        for (RunResult r : cand) if (!b.containsKey(r.info().runId())) onlyC.add(r.info().runId());
        return new DigestCheck(label, compared, identical, differing, onlyB, onlyC, failed);
    }

    private static void compareSpeed(String label, String baseLabel, Grid base, Grid cand, List<SpeedRow> rows,
                                     List<SpeedSummary> summaries) {
        Map<String, Grid.Point> candPoints = new LinkedHashMap<>();
        for (Grid.Point p : cand.points) candPoints.put(p.label(), p);
        Set<String> timings = new TreeSet<>();
        for (Grid.Point p : base.points) for (RunResult r : p.ok()) if (r.timings() != null) timings.addAll(r.timings().keySet());
        for (String timing : Names.ordered(timings, Names.TIMING_ORDER)) {
            if (!Names.isSpeed(timing)) continue;
            double logSum = 0;
            int n = 0;
            for (Grid.Point p : base.points) {
                Grid.Point q = candPoints.get(p.label());
                if (q == null) continue;
                double[] bv = timingValues(p, timing), cv = timingValues(q, timing);
                if (bv.length == 0 || cv.length == 0) continue;
                double bm = mean(bv), cm = mean(cv);
                double speedup = Names.higherIsFaster(timing) ? cm / bm : bm / cm;
                rows.add(new SpeedRow(label, timing, p.label(), bv.length, cv.length, bm, cm, speedup));
                if (Double.isFinite(speedup) && speedup > 0) {
                    logSum += Math.log(speedup);
                    n++;
                }
            }
            if (n > 0) {
                double g = Math.exp(logSum / n);
                summaries.add(new SpeedSummary(label, timing, n, g, sentence(label, baseLabel, g,
                        timing + " (geometric mean over " + n + " grid point" + (n == 1 ? "" : "s") + ")")));
            }
        }
    }

    private static double[] timingValues(Grid.Point p, String timing) {
        List<Double> v = new ArrayList<>();
        for (RunResult r : p.ok()) {
            Double x = r.timings() == null ? null : r.timings().get(timing);
            if (x != null && Double.isFinite(x) && x > 0) v.add(x);
        }
        return v.stream().mapToDouble(Double::doubleValue).toArray();
    }

    // ---------------------------------------------------------------- template scope

    private Map<String, Object> scope(boolean html) {
        Data d = data;
        Map<String, Object> s = new LinkedHashMap<>();
        String baseline = d.labels().isEmpty() ? (d.jmh() == null ? "" : d.jmh().labels().get(0)) : d.labels().get(0);
        s.put("title", "Comparison: " + String.join(" vs ", d.labels().isEmpty() && d.jmh() != null ? d.jmh().labels() : d.labels()));
        s.put("baseline", baseline);
        s.put("digits", Fmt.DIGITS);
        s.put("alpha", plain(d.alpha()));
        s.put("maxDrift", d.thresholds().maxRelativeMetricDrift() == null ? "off" : plain(100 * d.thresholds().maxRelativeMetricDrift()) + "%");
        s.put("maxSlowdown", d.thresholds().maxSlowdown() == null ? "off" : plain(d.thresholds().maxSlowdown()) + "x");

        Templates.Table folders = new Templates.Table("label", "role", "folder");
        for (int i = 0; i < d.labels().size(); i++) folders.row(d.labels().get(i), i == 0 ? "baseline" : "candidate", d.folders().get(i));
        s.put("folders", folders.view());
        s.put("hasStudies", !d.labels().isEmpty());

        Templates.Table regs = new Templates.Table("what", "where", "value", "threshold");
        for (Regression r : d.regressions()) {
            boolean pct = r.what().startsWith("metric drift");
            regs.rowCells(List.of(Templates.cell(r.what(), "bad"), Templates.cell(r.where(), null),
                    Templates.cell(pct ? Fmt.pct(r.value()) : Fmt.num(r.value()), "num"),
                    Templates.cell(pct ? Fmt.pct(r.threshold()) : Fmt.num(r.threshold()), "num")), "flag");
        }
        s.put("regressions", regs.view());
        s.put("hasRegressions", !regs.isEmpty());
        s.put("regressionCount", d.regressions().size());

        List<String> header = List.of("candidate", "metric", "grid point", "pairs", "baseline mean", "candidate mean",
                "difference", "relative", "p (paired t)", "significant");
        Templates.Table all = new Templates.Table(header), sig = new Templates.Table(header);
        for (MetricDiff m : d.metrics()) {
            List<Map<String, Object>> cells = List.of(Templates.cell(m.candidate(), null), Templates.cell(m.metric(), null),
                    Templates.cell(m.gridPoint(), null), Templates.cell(String.valueOf(m.pairs()), "num"),
                    Templates.cell(Fmt.num(m.baselineMean()), "num"), Templates.cell(Fmt.num(m.candidateMean()), "num"),
                    Templates.cell(Fmt.num(m.diff()), "num"), Templates.cell(Fmt.pct(m.relDiff()), "num"),
                    Templates.cell(Fmt.p(m.pValue()), "num"),
                    Templates.cell(Double.isNaN(m.pValue()) ? "n/a" : m.significant() ? "yes" : "no", m.significant() ? "bad" : null));
            all.rowCells(cells, m.significant() ? "flag" : null);
            if (m.significant()) sig.rowCells(cells, null);
        }
        s.put("metricsAll", all.view());
        s.put("metricsSignificant", sig.view());
        s.put("hasSignificant", !sig.isEmpty());
        s.put("significantSummary", sig.size() + " of " + all.size() + " metric × grid point comparisons differ significantly (paired t-test, α = " + plain(d.alpha()) + ")");

        List<String> driftHeader = List.of("candidate", "metric", "runs", "largest |difference|", "in run",
                "largest relative", "in run");
        Templates.Table drift = new Templates.Table(driftHeader), driftOver = new Templates.Table(driftHeader);
        Double maxDrift = d.thresholds().maxRelativeMetricDrift();
        Map<String, Drift> worstByCandidate = new LinkedHashMap<>();
        for (Drift x : d.drift()) {
            boolean over = maxDrift != null && x.maxRelDiff() > maxDrift;
            boolean zero = x.maxAbsDiff() == 0;
            List<Map<String, Object>> cells = List.of(Templates.cell(x.candidate(), null), Templates.cell(x.metric(), null),
                    Templates.cell(String.valueOf(x.runs()), "num"), Templates.cell(Fmt.num(x.maxAbsDiff()), "num"),
                    Templates.cell(zero ? "–" : StudyReport.nz(x.maxAbsRun()), null),
                    Templates.cell(Fmt.pct(x.maxRelDiff()), over ? "bad" : "num"),
                    Templates.cell(zero ? "–" : StudyReport.nz(x.maxRelRun()), null));
            drift.rowCells(cells, over ? "flag" : null);
            if (over) driftOver.rowCells(cells, null);
            Drift w = worstByCandidate.get(x.candidate());
            if (w == null || x.maxRelDiff() > w.maxRelDiff()) worstByCandidate.put(x.candidate(), x);
        }
        s.put("drift", drift.view());
        s.put("driftOver", driftOver.view());
        s.put("hasDriftOver", !driftOver.isEmpty());
        List<String> driftSummary = new ArrayList<>();
        worstByCandidate.forEach((c, w) -> driftSummary.add(w.maxRelDiff() == 0 && w.maxAbsDiff() == 0
                ? c + ": no metric drift (every matched metric equal)"
                : c + ": largest relative metric drift " + Fmt.pct(w.maxRelDiff()) + " (" + w.metric() + " in " + w.maxRelRun() + ")"));
        s.put("driftSummary", driftSummary.isEmpty() ? "no runs matched" : String.join("; ", driftSummary));

        Templates.Table dig = new Templates.Table("candidate", "runs compared", "identical digests", "differing",
                "only in baseline", "only in candidate", "newly failed");
        for (DigestCheck x : d.digests()) {
            dig.rowCells(List.of(Templates.cell(x.candidate(), null), Templates.cell(String.valueOf(x.compared()), "num"),
                    Templates.cell(x.identical() + " of " + x.compared() + (x.allIdentical() ? " (all identical)" : ""), x.allIdentical() ? "good" : null),
                    Templates.cell(list(x.differing()), null), Templates.cell(list(x.onlyInBaseline()), null),
                    Templates.cell(list(x.onlyInCandidate()), null),
                    Templates.cell(list(x.newlyFailed()), x.newlyFailed().isEmpty() ? null : "bad")), null);
        }
        s.put("digests", dig.view());

        Templates.Table speed = new Templates.Table("candidate", "timing", "grid point", "baseline mean", "candidate mean",
                "speed-up (>1 faster)");
        for (SpeedRow r : d.speed()) {
            speed.row(r.candidate(), r.timing(), r.gridPoint(), Fmt.num(r.baseline()), Fmt.num(r.value()), times(r.speedup()));
        }
        s.put("speed", speed.view());
        s.put("hasSpeed", !speed.isEmpty());
        s.put("speedSentences", d.speedSummary().stream().map(SpeedSummary::sentence).toList());

        if (d.jmh() != null) {
            JmhComparison j = d.jmh();
            List<String> jh = new ArrayList<>(List.of("benchmark", "mode", "params"));
            for (String l : j.labels()) jh.add(l);
            for (int i = 1; i < j.labels().size(); i++) jh.add("speed-up " + j.labels().get(i));
            Templates.Table jt = new Templates.Table(jh);
            for (JmhComparison.Row r : j.rows()) {
                List<String> row = new ArrayList<>(List.of(r.shortName(), r.mode(), r.params()));
                for (JmhComparison.Score sc : r.scores()) {
                    row.add(sc == null ? "–" : Fmt.num(sc.score()) + (Double.isFinite(sc.error()) ? " ± " + Fmt.num(sc.error()) : "") + " " + sc.unit());
                }
                for (int i = 1; i < j.labels().size(); i++) row.add(times(r.speedups().get(i)));
                jt.row(row);
            }
            s.put("jmh", jt.view());
            s.put("jmhSentences", j.sentences());
            s.put("jmhBaseline", j.labels().get(0));
            s.put("hasJmh", true);
        } else {
            s.put("hasJmh", false);
        }

        if (html) {
            List<Map<String, Object>> charts = new ArrayList<>();
            Map<String, Map<String, Double>> series = new LinkedHashMap<>();
            Set<String> cats = new LinkedHashSet<>();
            for (SpeedSummary x : d.speedSummary()) {
                series.computeIfAbsent(x.candidate() + " vs " + baseline, k -> new LinkedHashMap<>()).put(x.timing(), x.speedup());
                cats.add(x.timing());
            }
            if (!series.isEmpty()) {
                charts.add(Charts.bars("speed-ratios", "Speed-up against " + baseline + " (> 1: faster)", "speed-up",
                        List.copyOf(cats), series, 1.0).view());
            }
            if (d.jmh() != null && d.jmh().labels().size() > 1) {
                JmhComparison j = d.jmh();
                Map<String, Map<String, Double>> js = new LinkedHashMap<>();
                List<String> jc = new ArrayList<>();
                for (JmhComparison.Row r : j.rows()) {
                    String cat = r.shortName() + (r.params().isEmpty() ? "" : " (" + r.params() + ")");
                    jc.add(cat);
                    for (int i = 1; i < j.labels().size(); i++) {
                        js.computeIfAbsent(j.labels().get(i) + " vs " + j.labels().get(0), k -> new LinkedHashMap<>()).put(cat, r.speedups().get(i));
                    }
                }
                charts.add(Charts.bars("jmh-speed-ratios", "JMH speed-up against " + j.labels().get(0) + " (> 1: faster)",
                        "speed-up", jc, js, 1.0).view());
            }
            s.put("charts", charts);
            s.put("css", StudyReport.css());
        }
        return s;
    }

    private static String times(double ratio) {
        return Double.isFinite(ratio) ? Fmt.ratio(ratio) + "x" : "n/a";
    }

    /** A threshold as the user wrote it: 0.05 -> "0.05", 5.0 -> "5". */
    private static String plain(double x) {
        return new java.math.BigDecimal(Double.toString(x)).stripTrailingZeros().toPlainString();
    }

    private static String list(List<String> ids) {
        if (ids.isEmpty()) return "–";
        if (ids.size() > 6) return String.join(", ", ids.subList(0, 6)) + String.format(Locale.ROOT, " … (%d)", ids.size());
        return String.join(", ", ids);
    }
}

package dev.dgmbench.reports.study;

import dev.dgmbench.reports.analysis.Estimate;
import dev.dgmbench.reports.analysis.Grid;
import dev.dgmbench.reports.analysis.MetricNames;
import dev.dgmbench.reports.charts.Charts;
import dev.dgmbench.reports.charts.SampleGrid;
import dev.dgmbench.reports.render.Png;
import dev.dgmbench.results.ClaimResult;
import dev.dgmbench.results.EpochRecord;
import dev.dgmbench.results.Metric;
import dev.dgmbench.results.MetricCatalogue;
import dev.dgmbench.results.RunResult;
import dev.dgmbench.results.RunStatus;
import dev.dgmbench.results.SampleSets;
import dev.dgmbench.results.StudyResults;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** The study report's figures (loss curves, likelihood against β, sample metrics, energy traces) and sample grids. */
final class StudyFigures {
    private final StudyResults study;
    private final Grid grid;
    private final StudyReportData data;
    private final List<StudyResults> others;

    StudyFigures(StudyResults study, Grid grid, StudyReportData data, List<StudyResults> others) {
        this.study = study;
        this.grid = grid;
        this.data = data;
        this.others = List.copyOf(others);
    }

    /**
     * The drawn figures: those next to the claims (each claim's metric), the others that decide them (likelihood terms
     * against β unless a claim shows them, energy traces), the rest (time, loss curves, sample metrics, other
     * folders), the sample grids, and the figure files written beside the report.
     */
    record Drawn(List<Map<String, Object>> claims, List<Map<String, Object>> deciding, List<Map<String, Object>> more,
                 List<Map<String, Object>> sampleGrids, List<Map<String, Object>> files) {
    }

    /** The model metrics drawn in the likelihood charts. */
    private static final List<String> LIKELIHOOD_METRICS = List.of("nll", "re", "kl", "loss", "nll_nce");

    /** Draws every figure, writes each as SVG and PNG into {@code figureDir} and returns the template views. */
    Drawn draw(Path figureDir) throws IOException {
        List<Map<String, Object>> deciding = new ArrayList<>(), more = new ArrayList<>(), files = new ArrayList<>();
        List<Charts.Chart> likelihood = likelihoodCharts();
        Map<String, Charts.Chart> samplerMetrics = samplerCharts();
        Map<String, List<Charts.Chart>> byClaimMetric = claimCharts(likelihood, samplerMetrics);
        Set<Charts.Chart> withClaims = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        byClaimMetric.values().forEach(withClaims::addAll);
        List<Charts.Chart> all = new ArrayList<>(); // in page order: the claims' figures first
        for (List<Charts.Chart> cs : byClaimMetric.values()) for (Charts.Chart c : cs) if (all.stream().noneMatch(x -> x == c)) all.add(c);
        addSection(deciding, all, "Likelihood terms against β",
                "Mean over OK seeds with 95% interval error bars; the x axis is log-scaled when β spans a factor of 10.",
                without(likelihood, withClaims));
        addSection(deciding, all, "Sampler energy traces", "Energy per sampler step, mean over OK seeds.", traceCharts());
        addSection(more, all, "Where a run's time goes", "Seconds per run, mean over OK seeds, step by step; a run trained "
                + "in a group counts the group's training.", timeCharts());
        addSection(more, all, "Training and validation loss", "Mean over OK seeds per epoch; solid: training, dashed: validation.", lossCharts());
        addSection(more, all, "Sample quality per sampler",
                "Mean over OK seeds; whiskers: 95% interval (percentile bootstrap for bounded metrics, so it stays in range).",
                without(List.copyOf(samplerMetrics.values()), withClaims));
        addSection(more, all, "The same grid in the other folders", "Mean over OK seeds with its 95% interval per grid "
                + "point, one series per folder (this one first, then those given with --also: reruns, other backends).",
                agreementCharts());
        Files.createDirectories(figureDir);
        Map<Charts.Chart, String> pngOf = new java.util.IdentityHashMap<>();
        int i = 0;
        for (Charts.Chart c : all) {
            String name = String.format(java.util.Locale.ROOT, "%02d-%s", ++i, c.kind());
            dev.dgmbench.results.AtomicFiles.write(figureDir.resolve(name + ".svg"), c.svg().getBytes(StandardCharsets.UTF_8));
            dev.dgmbench.results.AtomicFiles.write(figureDir.resolve(name + ".png"), c.png());
            pngOf.put(c, figureDir.getFileName() + "/" + name + ".png");
            files.add(Map.of("title", c.title(), "svg", figureDir.getFileName() + "/" + name + ".svg",
                    "png", figureDir.getFileName() + "/" + name + ".png"));
        }
        return new Drawn(claimViews(byClaimMetric, pngOf), deciding, more, sampleGrids(), files);
    }

    /**
     * Per metric that claims compare (in claim order), the figures that show it: the sampler-metric chart, the
     * likelihood charts for the likelihood terms, else a chart of the model metric per grid point.
     */
    private Map<String, List<Charts.Chart>> claimCharts(List<Charts.Chart> likelihood, Map<String, Charts.Chart> samplerMetrics) {
        Map<String, List<Charts.Chart>> out = new LinkedHashMap<>();
        for (ClaimResult c : data.claims()) {
            String metric = bareMetric(c.metric());
            if (metric == null || out.containsKey(metric)) continue;
            List<Charts.Chart> charts;
            if (samplerMetrics.containsKey(metric)) charts = List.of(samplerMetrics.get(metric));
            else if (LIKELIHOOD_METRICS.contains(metric) && !likelihood.isEmpty()) charts = likelihood;
            else charts = modelMetricChart(metric);
            out.put(metric, charts);
        }
        return out;
    }

    /** A claim's metric without its scope ({@code model.nll} -> {@code nll}, {@code langevin.kid} -> {@code kid}). */
    private static String bareMetric(String metric) {
        if (metric == null || metric.isBlank()) return null;
        int dot = metric.lastIndexOf('.');
        return dot < 0 ? metric : metric.substring(dot + 1);
    }

    /** One model metric per grid point with its interval (none when no grid point has it). */
    private List<Charts.Chart> modelMetricChart(String metric) {
        Metric m = MetricCatalogue.find(Metric.Scope.MODEL, metric).orElse(null);
        if (m == null) return List.of();
        List<String> categories = grid.points.stream().map(Grid.Point::label).toList();
        Map<String, Estimate> estimates = pointEstimates(grid, metric);
        if (estimates.isEmpty()) return List.of();
        return List.of(Charts.pointsWithIntervals("claim-metric", m.label() + " per grid point", m.axisTitle(), categories,
                Map.of(m.label(), estimates), Double.NaN, lowerBound(m), upperBound(m)));
    }

    /** The template views of the figures next to the claims: the claims on each metric, with their figures. */
    private List<Map<String, Object>> claimViews(Map<String, List<Charts.Chart>> byMetric, Map<Charts.Chart, String> pngOf) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map.Entry<String, List<Charts.Chart>> e : byMetric.entrySet()) {
            List<String> verdicts = new ArrayList<>();
            for (ClaimResult c : data.claims()) {
                if (e.getKey().equals(bareMetric(c.metric()))) verdicts.add(c.id() + ": " + (c.verdict() == null ? "n/a" : c.verdict().name()));
            }
            List<Map<String, Object>> charts = new ArrayList<>();
            for (Charts.Chart c : e.getValue()) {
                Map<String, Object> v = new LinkedHashMap<>(c.view());
                v.put("png", pngOf.get(c));
                charts.add(v);
            }
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("metric", e.getKey());
            v.put("claims", String.join(", ", verdicts));
            v.put("charts", charts);
            v.put("hasCharts", !charts.isEmpty());
            out.add(v);
        }
        return out;
    }

    private static List<Charts.Chart> without(List<Charts.Chart> charts, Set<Charts.Chart> shown) {
        return charts.stream().filter(c -> !shown.contains(c)).toList();
    }

    /** The lower end of a value axis: 0 for shares and 1/0 verdicts (NaN: automatic). */
    private static double lowerBound(Metric m) {
        return m != null && m.range() == Metric.Range.UNIT_INTERVAL ? 0 : Double.NaN;
    }

    private static double upperBound(Metric m) {
        return m != null && m.range() == Metric.Range.UNIT_INTERVAL ? 1 : Double.NaN;
    }

    private static void addSection(List<Map<String, Object>> sections, List<Charts.Chart> all, String title, String note,
                                   List<Charts.Chart> charts) {
        if (charts.isEmpty()) return;
        all.addAll(charts);
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("title", title);
        v.put("note", note);
        v.put("charts", charts.stream().map(Charts.Chart::view).toList());
        sections.add(v);
    }

    /** NLL and KL per grid point, this folder beside each other folder: where backends agree, the bars overlap. */
    private List<Charts.Chart> agreementCharts() {
        if (others.isEmpty()) return List.of();
        List<String> categories = grid.points.stream().map(Grid.Point::label).toList();
        List<Charts.Chart> out = new ArrayList<>();
        for (String metric : List.of("nll", "kl")) {
            Map<String, Map<String, Estimate>> series = new LinkedHashMap<>();
            series.put(StudyReport.folderLabel(study), pointEstimates(grid, metric));
            for (int i = 0; i < others.size(); i++) {
                series.put(StudyReport.otherLabel(others.get(i), i + 1), pointEstimates(new Grid(others.get(i).runs()), metric));
            }
            String label = MetricCatalogue.find(Metric.Scope.MODEL, metric).map(Metric::labelWithUnit).orElse(metric);
            out.add(Charts.pointsWithIntervals("across-folders", label + " per grid point in each folder", label, categories, series));
        }
        return out;
    }

    private static Map<String, Estimate> pointEstimates(Grid g, String metric) {
        Map<String, Estimate> out = new LinkedHashMap<>();
        for (Grid.Point p : g.points) {
            Estimate e = StudyReport.modelEstimate(p, metric);
            if (e != null) out.put(p.label(), e);
        }
        return out;
    }

    private String xName() {
        return grid.xKey == null ? "grid point" : Grid.shortName(grid.xKey);
    }

    private String seriesName(Grid.Point p) {
        if (grid.xKey != null && p.get(grid.xKey) != null) return xName() + "=" + Grid.valueText(p.get(grid.xKey));
        return p.label();
    }

    /** A running mean of finite values. */
    private static final class Mean {
        private double sum;
        private int n;

        void add(double x) {
            if (!Double.isFinite(x)) return;
            sum += x;
            n++;
        }

        double mean() {
            return n > 0 ? sum / n : Double.NaN;
        }
    }

    /** Mean training and validation loss of one epoch over seeds. */
    private static final class EpochMeans {
        final Mean train = new Mean(), val = new Mean();

        void add(EpochRecord e) {
            train.add(e.trainLoss());
            val.add(e.valLoss());
        }
    }

    private List<Charts.Chart> lossCharts() {
        List<Charts.Chart> out = new ArrayList<>();
        for (Map.Entry<String, List<Grid.Point>> g : grid.groups().entrySet()) {
            List<Charts.Curve> curves = new ArrayList<>();
            for (Grid.Point p : g.getValue()) {
                TreeMap<Integer, EpochMeans> sums = new TreeMap<>();
                for (RunResult r : p.ok()) {
                    if (r.history() == null) continue;
                    for (EpochRecord e : r.history()) sums.computeIfAbsent(e.epoch(), x -> new EpochMeans()).add(e);
                }
                if (sums.isEmpty()) continue;
                double[] ep = new double[sums.size()], tr = new double[sums.size()], va = new double[sums.size()];
                int i = 0;
                for (Map.Entry<Integer, EpochMeans> e : sums.entrySet()) {
                    ep[i] = e.getKey();
                    tr[i] = e.getValue().train.mean();
                    va[i] = e.getValue().val.mean();
                    i++;
                }
                curves.add(new Charts.Curve(seriesName(p), ep, tr, va));
            }
            if (!curves.isEmpty()) out.add(Charts.lossCurves("Loss per epoch, " + g.getKey(), curves));
        }
        return out;
    }

    private List<Charts.Chart> likelihoodCharts() {
        List<Charts.Chart> out = new ArrayList<>();
        Map<String, StudyReportData.PointStats> stats = new LinkedHashMap<>();
        for (StudyReportData.PointStats p : data.gridPoints()) stats.put(p.label(), p);
        for (Map.Entry<String, List<Grid.Point>> g : grid.groups().entrySet()) {
            Map<String, List<Charts.Interval>> series = new LinkedHashMap<>();
            for (String metric : List.of("nll", "re", "kl", "loss", "nll_nce")) {
                List<Charts.Interval> pts = new ArrayList<>();
                int i = 0;
                for (Grid.Point p : g.getValue()) {
                    Estimate e = stats.get(p.label()).model().get(metric);
                    double x = Double.isNaN(grid.x(p)) ? i : grid.x(p);
                    i++;
                    if (e != null && e.n() > 0) pts.add(new Charts.Interval(x, e.mean(), e.ciLow(), e.ciHigh()));
                }
                if (!pts.isEmpty()) series.put(MetricNames.modelLabel(metric), pts);
            }
            if (!series.isEmpty()) {
                out.add(Charts.errorBars("nll-re-kl", "NLL, RE, KL and β-weighted loss against " + xName() + ", " + g.getKey(),
                        xName(), "nats per image (lower is better, except KL)", series));
            }
        }
        return out;
    }

    /** Per sample metric (in catalogue order) its chart: one series per sampler, one position per grid point. */
    private Map<String, Charts.Chart> samplerCharts() {
        Map<String, Charts.Chart> out = new LinkedHashMap<>();
        Set<String> samplers = new LinkedHashSet<>(), metrics = new LinkedHashSet<>();
        for (StudyReportData.PointStats p : data.gridPoints()) {
            samplers.addAll(p.samplers().keySet());
            p.samplers().values().forEach(m -> metrics.addAll(m.keySet()));
        }
        List<String> categories = data.gridPoints().stream().filter(p -> !p.samplers().isEmpty()).map(StudyReportData.PointStats::label).toList();
        for (String m : MetricNames.ordered(metrics, MetricNames.SAMPLER_METRIC_ORDER)) {
            Map<String, Map<String, Estimate>> series = new LinkedHashMap<>();
            for (String s : MetricNames.ordered(samplers, MetricNames.SAMPLER_ORDER)) {
                Map<String, Estimate> byPoint = new LinkedHashMap<>();
                for (StudyReportData.PointStats p : data.gridPoints()) {
                    Map<String, Estimate> sm = p.samplers().get(s);
                    if (sm != null && sm.get(m) != null) byPoint.put(p.label(), sm.get(m));
                }
                if (!byPoint.isEmpty()) series.put(s, byPoint);
            }
            Metric metric = MetricCatalogue.find(Metric.Scope.SAMPLER, m).orElse(null);
            if (metric != null && metric.descriptive()) continue; // counts fixed by the spec: a chart of constants
            String axis = metric == null ? m : metric.axisTitle();
            String name = metric == null ? m : metric.label();
            if (!series.isEmpty()) {
                out.put(m, Charts.pointsWithIntervals("sampler-metrics", name + " per sampler", axis, categories, series,
                        Double.NaN, lowerBound(metric), upperBound(metric)));
            }
        }
        return out;
    }

    /** A run's steps, each the sum of its timings (seconds); what total_seconds leaves over is "other". */
    private static final Map<String, List<String>> STEPS = new LinkedHashMap<>();

    static {
        STEPS.put("training", List.of("train_seconds"));
        STEPS.put("NCE prior", List.of("nce_seconds"));
        STEPS.put("importance-weighted NLL", List.of("nll_seconds"));
        STEPS.put("samplers", List.of("prior_seconds", "langevin_seconds", "mala_seconds", "sir_seconds"));
        STEPS.put("sample metrics", List.of("sample_metrics_seconds"));
    }

    private List<Charts.Chart> timeCharts() {
        Map<String, Map<String, Double>> series = new LinkedHashMap<>();
        List<String> categories = new ArrayList<>();
        for (StudyReportData.PointStats p : data.gridPoints()) {
            Estimate total = p.timings().get("total_seconds");
            if (total == null) continue; // results from before the runs recorded their total
            categories.add(p.label());
            double accounted = 0;
            for (Map.Entry<String, List<String>> step : STEPS.entrySet()) {
                double seconds = step.getValue().stream().map(p.timings()::get).filter(java.util.Objects::nonNull)
                        .mapToDouble(Estimate::mean).sum();
                series.computeIfAbsent(step.getKey(), k -> new LinkedHashMap<>()).put(p.label(), seconds);
                accounted += seconds;
            }
            series.computeIfAbsent("other (ELBO terms, decoding, writing)", k -> new LinkedHashMap<>())
                    .put(p.label(), Math.max(0, total.mean() - accounted));
        }
        if (categories.isEmpty()) return List.of();
        return List.of(Charts.stackedBars("time-per-run", "Where a run's time goes", "seconds per run", categories, series));
    }

    private List<Charts.Chart> traceCharts() {
        Set<String> keys = new TreeSet<>();
        for (RunResult r : study.runs()) if (r.traces() != null && r.info().status() == RunStatus.OK) keys.addAll(r.traces().keySet());
        List<String> ordered = MetricNames.ordered(keys, List.of("langevin_energy", "mala_energy"));
        List<Charts.Chart> out = new ArrayList<>();
        for (String k : ordered) {
            Map<String, double[]> series = new LinkedHashMap<>();
            for (Grid.Point p : grid.points) {
                List<double[]> ts = new ArrayList<>();
                for (RunResult r : p.ok()) {
                    double[] t = r.traces() == null ? null : r.traces().get(k);
                    if (t != null && t.length > 0) ts.add(t);
                }
                if (ts.isEmpty()) continue;
                int len = ts.stream().mapToInt(t -> t.length).min().orElse(0);
                double[] mean = new double[len];
                for (double[] t : ts) for (int i = 0; i < len; i++) mean[i] += t[i] / ts.size();
                series.put(p.label(), mean);
            }
            if (!series.isEmpty()) {
                String kind = k.endsWith("energy") ? "energy-trace" : "trace";
                out.add(Charts.lines(kind, k.replace('_', ' ') + " per step", "sampler step", k.endsWith("energy") ? "mean energy of the chains" : k, series));
            }
        }
        return out;
    }

    /** Per grid point the first OK seed's sample sets, drawn as mosaics. */
    private List<Map<String, Object>> sampleGrids() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Grid.Point p : grid.points) {
            RunResult run = p.ok().stream().filter(r -> r.samples() != null && r.samples().sets() != null).findFirst().orElse(null);
            if (run == null) continue;
            SampleSets s = run.samples();
            List<Map<String, Object>> sets = new ArrayList<>();
            for (String set : MetricNames.ordered(s.sets().keySet(), MetricNames.SAMPLE_SET_ORDER)) {
                int[][] images = s.sets().get(set);
                if (images == null || images.length == 0) continue;
                int cols = (int) Math.ceil(Math.sqrt(images.length));
                Map<String, Object> v = new LinkedHashMap<>();
                v.put("set", set);
                v.put("count", images.length);
                v.put("src", Png.dataUri(SampleGrid.draw(s, set, cols)));
                sets.add(v);
            }
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("label", p.label());
            v.put("runId", run.info().runId());
            v.put("seed", run.info().seed());
            v.put("sets", sets);
            out.add(v);
        }
        return out;
    }

}

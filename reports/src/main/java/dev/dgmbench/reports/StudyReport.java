package dev.dgmbench.reports;

import dev.dgmbench.results.ClaimResult;
import dev.dgmbench.results.EpochRecord;
import dev.dgmbench.results.RunResult;
import dev.dgmbench.results.RunStatus;
import dev.dgmbench.results.SampleSets;
import dev.dgmbench.results.StudyInfo;
import dev.dgmbench.results.StudyResults;

import java.io.IOException;
import java.io.UncheckedIOException;
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

/**
 * The report of one study folder: {@code report.md} (text and tables, for a PR or CI summary), {@code report.html}
 * (one self-contained page: the same tables plus charts and sample grids as inline PNGs) and {@code report.json}
 * (the exact numbers behind the tables). It reads result folders only.
 *
 * <p>Means are over the OK seeds of a grid point, with a 95% Student-t interval (see {@link Estimate}). Other
 * folders of the same spec (reruns, other backends) are compared run by run in the reproducibility section.
 */
public final class StudyReport {
    public static final String MD = "report.md", HTML = "report.html", JSON = "report.json";

    private final StudyResults study;
    private final List<StudyResults> others;
    private final Grid grid;
    private final Data data;

    /** Everything in report.json. */
    public record Data(String study, String description, String specFile, String specDigest, String rerun,
                       int planned, int ok, int failed, List<String> gridKeys, List<Long> seeds,
                       Map<String, List<String>> provenance, List<PointStats> gridPoints, List<ClaimResult> claims,
                       List<Failure> failures, List<RunDigest> runs, List<RerunCheck> reproducibility) {
    }

    /**
     * Statistics of one grid point over its OK seeds.
     *
     * @param model    model metric -> estimate over seeds
     * @param samplers sampler -> metric -> estimate over seeds
     * @param timings  timing -> estimate over seeds
     */
    public record PointStats(String label, Map<String, Object> gridPoint, List<String> runIds, List<Long> seeds,
                             int failed, Map<String, Estimate> model, Map<String, Map<String, Estimate>> samplers,
                             Map<String, Estimate> timings) {
    }

    /** A run that did not finish: FAILED with its reason, or planned in study.json but without a folder. */
    public record Failure(String runId, String gridPoint, Long seed, String reason) {
    }

    public record RunDigest(String runId, String gridPoint, long seed, String status, String backend, String digest) {
    }

    /**
     * One other folder of the same spec checked against this one.
     *
     * @param sameSpec  whether its spec digest equals this study's
     * @param compared  runs present (and OK) in both
     * @param identical of those, how many have the same metrics digest
     * @param missing   run ids of this study that the other folder lacks or that failed in one of them
     */
    public record RerunCheck(String folder, String label, boolean sameSpec, int compared, int identical,
                             List<String> missing, List<RunMatch> runs, String worstMetric, String worstRunId,
                             double worstAbsDiff, double worstRelDiff) {
    }

    /** One run id in both folders; when digests differ, the metric with the largest relative difference. */
    public record RunMatch(String runId, boolean identical, String digest, String otherDigest, String largestMetric,
                           double largestAbsDiff, double largestRelDiff) {
    }

    public StudyReport(StudyResults study, List<StudyResults> otherRunsOfSameSpec) {
        this.study = study;
        this.others = List.copyOf(otherRunsOfSameSpec);
        this.grid = new Grid(study.runs());
        this.data = buildData();
    }

    public StudyReport(StudyResults study) {
        this(study, List.of());
    }

    public Data data() {
        return data;
    }

    /** Writes report.md, report.html and report.json into {@code outDir} (created if needed); returns their paths. */
    public List<Path> write(Path outDir) {
        try {
            Files.createDirectories(outDir);
            Map<String, Object> scope = scope(true);
            Path md = outDir.resolve(MD), html = outDir.resolve(HTML), json = outDir.resolve(JSON);
            Files.writeString(html, Templates.render("report.html.mustache", scope), StandardCharsets.UTF_8);
            Files.writeString(md, Templates.render("report.md.mustache", scope(false)), StandardCharsets.UTF_8);
            ReportJson.write(json, data);
            return List.of(md, html, json);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write report into " + outDir + ": " + e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------- data

    private Data buildData() {
        StudyInfo info = study.info();
        List<RunResult> runs = study.runs();
        int ok = (int) runs.stream().filter(r -> r.info().status() == RunStatus.OK).count();
        int planned = info.runIds() == null ? runs.size() : Math.max(runs.size(), info.runIds().size());
        TreeSet<Long> seeds = new TreeSet<>();
        runs.forEach(r -> seeds.add(r.info().seed()));

        List<PointStats> points = new ArrayList<>();
        for (Grid.Point p : grid.points) points.add(stats(p));

        List<Failure> failures = new ArrayList<>();
        Set<String> present = new LinkedHashSet<>();
        for (Grid.Point p : grid.points) {
            for (RunResult r : p.runs()) {
                present.add(r.info().runId());
                if (r.info().status() != RunStatus.OK) {
                    String why = r.info().failure() == null || r.info().failure().isBlank() ? "no reason recorded" : r.info().failure();
                    failures.add(new Failure(r.info().runId(), p.label(), r.info().seed(), why));
                }
            }
        }
        if (info.runIds() != null) {
            for (String id : info.runIds()) {
                if (!present.contains(id)) failures.add(new Failure(id, null, null, "no result folder: not run, still running or killed"));
            }
        }

        List<RunDigest> digests = new ArrayList<>();
        for (Grid.Point p : grid.points) {
            for (RunResult r : p.runs()) {
                digests.add(new RunDigest(r.info().runId(), p.label(), r.info().seed(), r.info().status().name(),
                        r.info().backend(), r.digest()));
            }
        }
        List<RerunCheck> checks = new ArrayList<>();
        for (int i = 0; i < others.size(); i++) checks.add(check(others.get(i), i + 1));

        return new Data(info.name(), info.description(), info.specFile(), info.specDigest(), info.rerun(), planned, ok,
                runs.size() - ok, grid.keys, List.copyOf(seeds), provenance(runs), points, study.claims(), failures,
                digests, checks);
    }

    private static PointStats stats(Grid.Point p) {
        List<RunResult> ok = p.ok();
        Set<String> modelKeys = new TreeSet<>(), samplers = new TreeSet<>(), timingKeys = new TreeSet<>();
        for (RunResult r : ok) {
            modelKeys.addAll(r.metrics().model().keySet());
            samplers.addAll(r.metrics().samplers().keySet());
            if (r.timings() != null) timingKeys.addAll(r.timings().keySet());
        }
        Map<String, Estimate> model = new LinkedHashMap<>();
        for (String k : Names.ordered(modelKeys, Names.MODEL_ORDER)) {
            model.put(k, estimate(ok, r -> r.metrics().model().get(k)));
        }
        Map<String, Map<String, Estimate>> sm = new LinkedHashMap<>();
        for (String s : Names.ordered(samplers, Names.SAMPLER_ORDER)) {
            Set<String> keys = new TreeSet<>();
            for (RunResult r : ok) {
                Map<String, Double> m = r.metrics().samplers().get(s);
                if (m != null) keys.addAll(m.keySet());
            }
            Map<String, Estimate> e = new LinkedHashMap<>();
            for (String k : Names.ordered(keys, Names.SAMPLER_METRIC_ORDER)) e.put(k, estimate(ok, r -> r.metrics().get(s, k)));
            sm.put(s, e);
        }
        Map<String, Estimate> timings = new LinkedHashMap<>();
        for (String k : Names.ordered(timingKeys, Names.TIMING_ORDER)) timings.put(k, estimate(ok, r -> r.timings().get(k)));
        return new PointStats(p.label(), p.values(), p.runs().stream().map(r -> r.info().runId()).toList(),
                ok.stream().map(r -> r.info().seed()).toList(), p.runs().size() - ok.size(), model, sm, timings);
    }

    /** Estimate over the runs that have the value (a run lacking it is left out, not counted as zero). */
    private static Estimate estimate(List<RunResult> runs, java.util.function.Function<RunResult, Double> value) {
        List<Double> vs = new ArrayList<>();
        for (RunResult r : runs) {
            Double v = value.apply(r);
            if (v != null) vs.add(v);
        }
        return Estimate.of(vs.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private static Map<String, List<String>> provenance(List<RunResult> runs) {
        Map<String, Set<String>> values = new TreeMap<>();
        for (RunResult r : runs) {
            if (r.provenance() != null) {
                r.provenance().forEach((k, v) -> values.computeIfAbsent(k, x -> new TreeSet<>()).add(String.valueOf(v)));
            }
            if (r.info().backend() != null) values.computeIfAbsent("backend", x -> new TreeSet<>()).add(r.info().backend());
        }
        Map<String, List<String>> out = new TreeMap<>();
        values.forEach((k, v) -> out.put(k, List.copyOf(v)));
        return out;
    }

    private RerunCheck check(StudyResults other, int index) {
        Map<String, RunResult> byId = new LinkedHashMap<>();
        for (RunResult r : other.runs()) byId.put(r.info().runId(), r);
        List<RunMatch> matches = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        int identical = 0;
        RunMatch worst = null;
        for (Grid.Point p : grid.points) {
            for (RunResult r : p.runs()) {
                RunResult o = byId.get(r.info().runId());
                if (o == null || o.info().status() != RunStatus.OK || r.info().status() != RunStatus.OK) {
                    missing.add(r.info().runId());
                    continue;
                }
                boolean same = r.digest().equals(o.digest());
                Diffs.Largest d = same ? Diffs.Largest.NONE : Diffs.largest(r.metrics(), o.metrics());
                RunMatch m = new RunMatch(r.info().runId(), same, r.digest(), o.digest(), d.metric(), d.abs(), d.rel());
                matches.add(m);
                if (same) identical++;
                else if (worst == null || m.largestRelDiff() > worst.largestRelDiff()
                        || (m.largestRelDiff() == worst.largestRelDiff() && m.largestAbsDiff() > worst.largestAbsDiff())) {
                    worst = m;
                }
            }
        }
        boolean sameSpec = study.info().specDigest() != null && study.info().specDigest().equals(other.info().specDigest());
        return new RerunCheck(other.folder().toString(), otherLabel(other, index), sameSpec, matches.size(), identical,
                missing, matches, worst == null ? null : worst.largestMetric(), worst == null ? null : worst.runId(),
                worst == null ? 0 : worst.largestAbsDiff(), worst == null ? 0 : worst.largestRelDiff());
    }

    private static String otherLabel(StudyResults other, int index) {
        Set<String> backends = new TreeSet<>();
        other.runs().forEach(r -> {
            if (r.info().backend() != null) backends.add(r.info().backend());
        });
        Path name = other.folder().getFileName();
        return "#" + index + " " + (name == null ? other.folder() : name) + (backends.isEmpty() ? "" : " (" + String.join(", ", backends) + ")");
    }

    // ---------------------------------------------------------------- template scope

    private Map<String, Object> scope(boolean html) {
        Data d = data;
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("title", "Study report: " + nz(d.study()));
        s.put("name", nz(d.study()));
        s.put("description", nz(d.description()));
        s.put("specFile", nz(d.specFile()));
        s.put("specDigest", nz(d.specDigest()));
        s.put("rerun", nz(d.rerun()));
        s.put("hasRerun", d.rerun() != null && !d.rerun().isBlank());
        String spec = study.info().specText() == null ? "" : study.info().specText().stripTrailing();
        s.put("specText", spec);
        s.put("fence", Templates.fence(spec));
        s.put("planned", d.planned());
        s.put("ok", d.ok());
        s.put("failed", d.failed());
        s.put("hasFailed", d.failed() > 0);
        long met = d.claims().stream().filter(ClaimResult::meetsExpectation).count();
        s.put("claimsSummary", d.claims().isEmpty() ? "no claims" : met + " of " + d.claims().size() + " claims as expected");
        s.put("claimsAllMet", met == d.claims().size());
        s.put("seeds", String.join(", ", d.seeds().stream().map(String::valueOf).toList()));
        s.put("digits", Fmt.DIGITS);

        Templates.Table prov = new Templates.Table("key", "values");
        d.provenance().forEach((k, v) -> prov.row(k, String.join(" · ", v)));
        s.put("provenance", prov.view());

        s.put("modelTable", modelTable().view());
        s.put("samplerTables", samplerTables());
        s.put("hasSamplerTables", !samplerTables().isEmpty());
        Templates.Table timings = timingTable();
        s.put("timingTable", timings.view());
        s.put("hasTimings", !timings.isEmpty());
        s.put("claimsTable", claimsTable().view());
        s.put("hasClaims", !d.claims().isEmpty());

        Templates.Table failures = new Templates.Table("run", "grid point", "seed", "reason");
        for (Failure f : d.failures()) failures.rowCells(List.of(Templates.cell(f.runId(), null), Templates.cell(nz(f.gridPoint()), null),
                Templates.cell(f.seed() == null ? "" : f.seed().toString(), null), Templates.cell(f.reason(), "wrap")), null);
        s.put("failures", failures.view());
        s.put("hasFailures", !failures.isEmpty());

        Templates.Table runs = new Templates.Table("run", "grid point", "seed", "status", "backend", "metrics digest (sha-256)");
        for (RunDigest r : d.runs()) {
            runs.rowCells(List.of(Templates.cell(r.runId(), null), Templates.cell(r.gridPoint(), null),
                    Templates.cell(String.valueOf(r.seed()), null), Templates.cell(r.status(), "OK".equals(r.status()) ? "" : "bad"),
                    Templates.cell(nz(r.backend()), null), Templates.cell(r.digest(), "digest")), null);
        }
        s.put("digests", runs.view());
        s.put("reruns", rerunViews());
        s.put("hasReruns", !d.reproducibility().isEmpty());

        if (html) {
            List<Map<String, Object>> chartSections = new ArrayList<>();
            addSection(chartSections, "Training and validation loss", "Mean over OK seeds per epoch; solid: training, dashed: validation.", lossCharts());
            addSection(chartSections, "Likelihood against β", "Mean over OK seeds with 95% t-interval error bars.", likelihoodCharts());
            addSection(chartSections, "Sample quality per sampler", "Mean over OK seeds; whiskers: 95% t-interval.", samplerCharts());
            addSection(chartSections, "Sampler energy traces", "Energy per sampler step, mean over OK seeds.", traceCharts());
            s.put("chartSections", chartSections);
            s.put("sampleGrids", sampleGrids());
            s.put("css", css());
        }
        return s;
    }

    private Templates.Table modelTable() {
        Set<String> keys = new LinkedHashSet<>();
        for (PointStats p : data.gridPoints()) keys.addAll(p.model().keySet());
        List<String> ordered = Names.ordered(keys, Names.MODEL_ORDER);
        List<String> header = new ArrayList<>(List.of("grid point", "n"));
        for (String k : ordered) header.add(Names.modelLabel(k));
        Templates.Table t = new Templates.Table(header);
        for (PointStats p : data.gridPoints()) {
            List<String> row = new ArrayList<>(List.of(p.label(), nOf(p)));
            for (String k : ordered) row.add(Fmt.ci(p.model().get(k)));
            t.row(row);
        }
        return t;
    }

    private static String nOf(PointStats p) {
        return p.seeds().size() + (p.failed() > 0 ? " (+" + p.failed() + " failed)" : "");
    }

    private List<Map<String, Object>> samplerTables() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (PointStats p : data.gridPoints()) {
            if (p.samplers().isEmpty()) continue;
            Set<String> metrics = new LinkedHashSet<>();
            p.samplers().values().forEach(m -> metrics.addAll(m.keySet()));
            List<String> samplers = new ArrayList<>(p.samplers().keySet());
            List<String> header = new ArrayList<>(List.of("metric"));
            header.addAll(samplers);
            Templates.Table t = new Templates.Table(header);
            for (String m : Names.ordered(metrics, Names.SAMPLER_METRIC_ORDER)) {
                List<String> row = new ArrayList<>(List.of(m));
                for (String sm : samplers) row.add(Fmt.ci(p.samplers().get(sm).get(m)));
                t.row(row);
            }
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("label", p.label());
            v.put("n", nOf(p));
            v.put("table", t.view());
            out.add(v);
        }
        return out;
    }

    private Templates.Table timingTable() {
        Set<String> keys = new LinkedHashSet<>();
        for (PointStats p : data.gridPoints()) keys.addAll(p.timings().keySet());
        List<String> ordered = Names.ordered(keys, Names.TIMING_ORDER);
        List<String> header = new ArrayList<>(List.of("grid point", "n"));
        header.addAll(ordered);
        Templates.Table t = new Templates.Table(header);
        if (ordered.isEmpty()) return t;
        for (PointStats p : data.gridPoints()) {
            List<String> row = new ArrayList<>(List.of(p.label(), nOf(p)));
            for (String k : ordered) row.add(Fmt.ci(p.timings().get(k)));
            t.row(row);
        }
        return t;
    }

    private Templates.Table claimsTable() {
        Templates.Table t = new Templates.Table("id", "claim", "verdict", "expected", "A: mean [95% CI]",
                "B: mean [95% CI]", "p", "effect size", "n (A/B)", "note");
        for (ClaimResult c : data.claims()) {
            boolean met = c.meetsExpectation();
            List<Map<String, Object>> cells = List.of(
                    Templates.cell(c.id(), "id"),
                    Templates.cell(nz(c.text()) + (c.metric() == null ? "" : " (" + c.metric() + ", " + nz(c.direction()) + ", " + nz(c.test()) + ", α=" + c.alpha() + ")"), "wrap"),
                    Templates.cell((c.verdict() == null ? "n/a" : c.verdict().name()) + (met ? " ✓" : " ✗"), met ? "good" : "bad"),
                    Templates.cell(c.expected() == null ? "SUPPORTED (default)" : c.expected().name(), null),
                    Templates.cell(group(c.a()), "num"),
                    Templates.cell(group(c.b()), "num"),
                    Templates.cell(Fmt.p(c.pValue()), "num"),
                    Templates.cell((c.effectName() == null ? "" : c.effectName() + " ") + Fmt.num(c.effectSize()), "num"),
                    Templates.cell((c.a() == null ? "0" : String.valueOf(c.a().n())) + "/" + (c.b() == null ? "0" : String.valueOf(c.b().n())), "num"),
                    Templates.cell(nz(c.note()), "wrap"));
            t.rowCells(cells, met ? "" : "unmet");
        }
        return t;
    }

    private static String group(ClaimResult.GroupEvidence g) {
        if (g == null) return "n/a";
        return nz(g.label()) + ": " + Fmt.ci(g.mean(), g.ciLow(), g.ciHigh());
    }

    private List<Map<String, Object>> rerunViews() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (RerunCheck c : data.reproducibility()) {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("label", c.label());
            v.put("folder", c.folder());
            v.put("sameSpec", c.sameSpec());
            v.put("allIdentical", c.compared() > 0 && c.identical() == c.compared());
            String verdict = c.identical() + " of " + c.compared() + " runs have identical metrics digests";
            if (c.identical() < c.compared()) {
                verdict += "; largest difference: " + c.worstMetric() + " in " + c.worstRunId() + ", absolute "
                        + Fmt.num(c.worstAbsDiff()) + ", relative " + Fmt.pct(c.worstRelDiff());
            }
            if (!c.missing().isEmpty()) verdict += "; not compared (failed or missing in either folder): " + String.join(", ", c.missing());
            v.put("verdict", verdict);
            Templates.Table t = new Templates.Table("run", "digests", "largest difference", "absolute", "relative");
            for (RunMatch m : c.runs()) {
                t.rowCells(List.of(Templates.cell(m.runId(), null),
                        Templates.cell(m.identical() ? "identical" : "differ", m.identical() ? "good" : "bad",
                                m.digest() + " / " + m.otherDigest()),
                        Templates.cell(m.identical() ? "–" : nz(m.largestMetric()), null),
                        Templates.cell(m.identical() ? "0" : Fmt.num(m.largestAbsDiff()), "num"),
                        Templates.cell(m.identical() ? "0" : Fmt.pct(m.largestRelDiff()), "num")), null);
            }
            v.put("table", t.view());
            out.add(v);
        }
        return out;
    }

    // ---------------------------------------------------------------- charts and grids

    private static void addSection(List<Map<String, Object>> sections, String title, String note, List<Charts.Chart> charts) {
        if (charts.isEmpty()) return;
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("title", title);
        v.put("note", note);
        v.put("charts", charts.stream().map(Charts.Chart::view).toList());
        sections.add(v);
    }

    private String xName() {
        return grid.xKey == null ? "grid point" : Grid.shortName(grid.xKey);
    }

    private String seriesName(Grid.Point p) {
        if (grid.xKey != null && p.get(grid.xKey) != null) return xName() + "=" + Grid.valueText(p.get(grid.xKey));
        return p.label();
    }

    List<Charts.Chart> lossCharts() {
        List<Charts.Chart> out = new ArrayList<>();
        for (Map.Entry<String, List<Grid.Point>> g : grid.groups().entrySet()) {
            List<Charts.Curve> curves = new ArrayList<>();
            for (Grid.Point p : g.getValue()) {
                TreeMap<Integer, double[]> sums = new TreeMap<>(); // epoch -> {train sum, val sum, train n, val n}
                for (RunResult r : p.ok()) {
                    if (r.history() == null) continue;
                    for (EpochRecord e : r.history()) {
                        double[] a = sums.computeIfAbsent(e.epoch(), x -> new double[4]);
                        if (Double.isFinite(e.trainLoss())) { a[0] += e.trainLoss(); a[2]++; }
                        if (Double.isFinite(e.valLoss())) { a[1] += e.valLoss(); a[3]++; }
                    }
                }
                if (sums.isEmpty()) continue;
                double[] ep = new double[sums.size()], tr = new double[sums.size()], va = new double[sums.size()];
                int i = 0;
                for (Map.Entry<Integer, double[]> e : sums.entrySet()) {
                    ep[i] = e.getKey();
                    tr[i] = e.getValue()[2] > 0 ? e.getValue()[0] / e.getValue()[2] : Double.NaN;
                    va[i] = e.getValue()[3] > 0 ? e.getValue()[1] / e.getValue()[3] : Double.NaN;
                    i++;
                }
                curves.add(new Charts.Curve(seriesName(p), ep, tr, va));
            }
            if (!curves.isEmpty()) out.add(Charts.lossCurves("Loss per epoch, " + g.getKey(), curves));
        }
        return out;
    }

    List<Charts.Chart> likelihoodCharts() {
        List<Charts.Chart> out = new ArrayList<>();
        Map<String, PointStats> stats = new LinkedHashMap<>();
        for (PointStats p : data.gridPoints()) stats.put(p.label(), p);
        for (Map.Entry<String, List<Grid.Point>> g : grid.groups().entrySet()) {
            Map<String, List<Charts.Interval>> series = new LinkedHashMap<>();
            for (String metric : List.of("nll", "re", "kl", "nll_nce")) {
                List<Charts.Interval> pts = new ArrayList<>();
                int i = 0;
                for (Grid.Point p : g.getValue()) {
                    Estimate e = stats.get(p.label()).model().get(metric);
                    double x = Double.isNaN(grid.x(p)) ? i : grid.x(p);
                    i++;
                    if (e != null && e.n() > 0) pts.add(new Charts.Interval(x, e.mean(), e.ciLow(), e.ciHigh()));
                }
                if (!pts.isEmpty()) series.put(Names.modelLabel(metric), pts);
            }
            if (!series.isEmpty()) {
                out.add(Charts.errorBars("nll-re-kl", "NLL, RE and KL against " + xName() + ", " + g.getKey(),
                        xName(), "nats per image", series));
            }
        }
        return out;
    }

    List<Charts.Chart> samplerCharts() {
        List<Charts.Chart> out = new ArrayList<>();
        Set<String> samplers = new LinkedHashSet<>(), metrics = new LinkedHashSet<>();
        for (PointStats p : data.gridPoints()) {
            samplers.addAll(p.samplers().keySet());
            p.samplers().values().forEach(m -> metrics.addAll(m.keySet()));
        }
        List<String> categories = data.gridPoints().stream().filter(p -> !p.samplers().isEmpty()).map(PointStats::label).toList();
        for (String m : Names.ordered(metrics, Names.SAMPLER_METRIC_ORDER)) {
            Map<String, Map<String, Estimate>> series = new LinkedHashMap<>();
            for (String s : Names.ordered(samplers, Names.SAMPLER_ORDER)) {
                Map<String, Estimate> byPoint = new LinkedHashMap<>();
                for (PointStats p : data.gridPoints()) {
                    Map<String, Estimate> sm = p.samplers().get(s);
                    if (sm != null && sm.get(m) != null) byPoint.put(p.label(), sm.get(m));
                }
                if (!byPoint.isEmpty()) series.put(s, byPoint);
            }
            if (!series.isEmpty()) out.add(Charts.barsWithIntervals("sampler-metrics", m + " per sampler", m, categories, series));
        }
        return out;
    }

    List<Charts.Chart> traceCharts() {
        Set<String> keys = new TreeSet<>();
        for (RunResult r : study.runs()) if (r.traces() != null && r.info().status() == RunStatus.OK) keys.addAll(r.traces().keySet());
        List<String> ordered = Names.ordered(keys, List.of("langevin_energy", "mala_energy"));
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
                out.add(Charts.lines(kind, k.replace('_', ' ') + " per step", "step", k, series));
            }
        }
        return out;
    }

    /** Per grid point the first OK seed's sample sets, drawn as mosaics. */
    List<Map<String, Object>> sampleGrids() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Grid.Point p : grid.points) {
            RunResult run = p.ok().stream().filter(r -> r.samples() != null && r.samples().sets() != null).findFirst().orElse(null);
            if (run == null) continue;
            SampleSets s = run.samples();
            List<Map<String, Object>> sets = new ArrayList<>();
            for (String set : Names.ordered(s.sets().keySet(), Names.SAMPLE_SET_ORDER)) {
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

    static String css() {
        try (var in = StudyReport.class.getResourceAsStream("/" + Templates.ROOT + "/report.css")) {
            if (in == null) throw new IllegalStateException("report.css missing from the classpath");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String nz(String s) {
        return s == null ? "" : s;
    }
}

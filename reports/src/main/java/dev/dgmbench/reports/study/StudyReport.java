package dev.dgmbench.reports.study;

import dev.dgmbench.reports.analysis.Estimate;
import dev.dgmbench.reports.analysis.FolderAgreement;
import dev.dgmbench.reports.analysis.Grid;
import dev.dgmbench.reports.analysis.MetricNames;
import dev.dgmbench.reports.analysis.RunDifferences;
import dev.dgmbench.reports.analysis.WarmupRuns;
import dev.dgmbench.reports.render.ReportJson;
import dev.dgmbench.reports.render.RepeatedImages;
import dev.dgmbench.reports.render.Templates;
import dev.dgmbench.reports.study.StudyReportData.Failure;
import dev.dgmbench.reports.study.StudyReportData.PointStats;
import dev.dgmbench.reports.study.StudyReportData.RerunCheck;
import dev.dgmbench.reports.study.StudyReportData.RunDigest;
import dev.dgmbench.reports.study.StudyReportData.RunMatch;
import dev.dgmbench.results.AtomicFiles;
import dev.dgmbench.results.ClaimResult;
import dev.dgmbench.results.Metric;
import dev.dgmbench.results.MetricCatalogue;
import dev.dgmbench.results.RunResult;
import dev.dgmbench.results.RunStatus;
import dev.dgmbench.results.StudyInfo;
import dev.dgmbench.results.StudyResults;

import java.io.IOException;
import java.io.UncheckedIOException;
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
 * <p>Means are over the OK seeds of a grid point, with a 95% interval (see {@link Estimate}). Other
 * folders of the same spec (reruns, other backends) are compared run by run in the reproducibility section.
 */
public final class StudyReport {
    public static final String MD = "report.md", HTML = "report.html", JSON = "report.json", FIGURES = "figures",
            PDF = "report.pdf";

    private final StudyResults study;
    private final List<StudyResults> others;
    private final Grid grid;
    private final StudyReportData data;

    public StudyReport(StudyResults study, List<StudyResults> otherRunsOfSameSpec) {
        this.study = study;
        this.others = List.copyOf(otherRunsOfSameSpec);
        this.grid = new Grid(study.runs());
        this.data = buildData();
    }

    public StudyReport(StudyResults study) {
        this(study, List.of());
    }

    public StudyReportData data() {
        return data;
    }

    StudyResults study() {
        return study;
    }

    Grid grid() {
        return grid;
    }

    /** Writes report.md, report.html and report.json into {@code outDir} (created if needed); returns their paths. */
    public List<Path> write(Path outDir) {
        try {
            Files.createDirectories(outDir);
            StudyFigures.Drawn figures = new StudyFigures(study, grid, data, others).draw(outDir.resolve(FIGURES));
            StudyReportView view = new StudyReportView(this);
            Path md = outDir.resolve(MD), html = outDir.resolve(HTML), json = outDir.resolve(JSON);
            AtomicFiles.writeString(html, RepeatedImages.linkRepeats(Templates.render("report.html.mustache", view.scope(true, figures))));
            AtomicFiles.writeString(md, Templates.render("report.md.mustache", view.scope(false, figures)));
            ReportJson.write(json, data);
            List<Path> written = new ArrayList<>(List.of(md, html, json));
            written.addAll(Exports.write(outDir, study, data));
            return written;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write report into " + outDir + ": " + e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------- data

    private StudyReportData buildData() {
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
        for (Grid.Point p : grid.points) {
            for (RunResult r : p.ok()) {
                String bad = nonFinite(r);
                if (!bad.isEmpty()) failures.add(new Failure(r.info().runId(), p.label(), r.info().seed(), bad
                        + ": not a finite number, left out of the statistics"));
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

        String rerun = RerunCommand.relative(info.rerun(), Path.of(""));
        return new StudyReportData(info.name(), info.description(), info.specFile(), info.specDigest(), rerun, planned, ok,
                runs.size() - ok, grid.keys, List.copyOf(seeds), provenance(runs), points, study.claims(), failures,
                digests, checks);
    }

    /** One model metric's estimate over the OK seeds of a grid point (null when no run has it). */
    static Estimate modelEstimate(Grid.Point p, String metric) {
        List<RunResult> ok = p.ok();
        if (ok.stream().noneMatch(r -> r.metrics().model().get(metric) != null)) return null;
        return estimate(ok, range(Metric.Scope.MODEL, metric), r -> r.metrics().model().get(metric));
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
        for (String k : MetricNames.ordered(modelKeys, MetricNames.MODEL_ORDER)) {
            model.put(k, estimate(ok, range(Metric.Scope.MODEL, k), r -> r.metrics().model().get(k)));
        }
        Map<String, Map<String, Estimate>> sm = new LinkedHashMap<>();
        for (String s : MetricNames.ordered(samplers, MetricNames.SAMPLER_ORDER)) {
            Set<String> keys = new TreeSet<>();
            for (RunResult r : ok) {
                Map<String, Double> m = r.metrics().samplers().get(s);
                if (m != null) keys.addAll(m.keySet());
            }
            Map<String, Estimate> e = new LinkedHashMap<>();
            for (String k : MetricNames.ordered(keys, MetricNames.SAMPLER_METRIC_ORDER)) e.put(k, estimate(ok, range(Metric.Scope.SAMPLER, k), r -> r.metrics().get(s, k)));
            sm.put(s, e);
        }
        // Timings leave out the runs that were first in their worker JVM (JIT warm-up) when others remain.
        List<RunResult> warm = ok.stream().filter(r -> !WarmupRuns.isWarmup(r)).toList();
        List<RunResult> timed = warm.isEmpty() ? ok : warm;
        Map<String, Estimate> timings = new LinkedHashMap<>();
        for (String k : MetricNames.ordered(timingKeys, MetricNames.TIMING_ORDER)) {
            timings.put(k, estimate(timed, range(Metric.Scope.TIMING, k), r -> r.timings() == null ? null : r.timings().get(k)));
        }
        return new PointStats(p.label(), p.values(), p.runs().stream().map(r -> r.info().runId()).toList(),
                ok.stream().map(r -> r.info().seed()).toList(), p.runs().size() - ok.size(), model, sm, timings);
    }

    /**
     * Estimate over the runs that have a finite value (a run lacking it is left out, not counted as zero; a NaN or
     * infinite value is left out too, and named in the Failures section, {@link #nonFinite}).
     */
    private static Estimate estimate(List<RunResult> runs, Metric.Range range, java.util.function.Function<RunResult, Double> value) {
        List<Double> vs = new ArrayList<>();
        for (RunResult r : runs) {
            Double v = value.apply(r);
            if (v != null && Double.isFinite(v)) vs.add(v);
        }
        return Estimate.of(vs.stream().mapToDouble(Double::doubleValue).toArray(), range);
    }

    /** The run's NaN or infinite metrics, e.g. {@code nll = NaN, prior/fid = Infinity}; empty when all are finite. */
    static String nonFinite(RunResult r) {
        List<String> bad = new ArrayList<>();
        r.metrics().model().forEach((k, v) -> {
            if (v != null && !Double.isFinite(v)) bad.add(k + " = " + v);
        });
        r.metrics().samplers().forEach((s, m) -> m.forEach((k, v) -> {
            if (v != null && !Double.isFinite(v)) bad.add(s + "/" + k + " = " + v);
        }));
        return String.join(", ", bad);
    }

    private static Metric.Range range(Metric.Scope scope, String name) {
        return MetricCatalogue.find(scope, name).map(Metric::range).orElse(Metric.Range.ANY);
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
                RunDifferences.Largest d = same ? RunDifferences.Largest.NONE : RunDifferences.largest(r.metrics(), o.metrics());
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
                worst == null ? 0 : worst.largestAbsDiff(), worst == null ? 0 : worst.largestRelDiff(),
                FolderAgreement.verdicts(study.claims(), other.claims()), FolderAgreement.means(grid, other));
    }

    static String otherLabel(StudyResults other, int index) {
        return "#" + index + " " + folderLabel(other);
    }

    /** The folder's name and the backends its runs ran on, e.g. {@code seed-digits-cuda (cuda)}. */
    static String folderLabel(StudyResults s) {
        Set<String> backends = new TreeSet<>();
        s.runs().forEach(r -> {
            if (r.info().backend() != null) backends.add(r.info().backend());
        });
        Path name = s.folder().getFileName();
        return (name == null ? s.folder() : name) + (backends.isEmpty() ? "" : " (" + String.join(", ", backends) + ")");
    }
}

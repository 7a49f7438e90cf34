package dev.dgmbench.reports.compare;

import dev.dgmbench.reports.analysis.FolderAgreement;
import dev.dgmbench.reports.analysis.Grid;
import dev.dgmbench.reports.analysis.RunConditions;
import dev.dgmbench.reports.compare.ComparisonData.Agreement;
import dev.dgmbench.reports.compare.ComparisonData.ConditionWarning;
import dev.dgmbench.reports.compare.ComparisonData.DigestCheck;
import dev.dgmbench.reports.compare.ComparisonData.Drift;
import dev.dgmbench.reports.compare.ComparisonData.MetricDiff;
import dev.dgmbench.reports.compare.ComparisonData.SpeedRow;
import dev.dgmbench.reports.compare.ComparisonData.SpeedSummary;
import dev.dgmbench.reports.render.NumberFormats;
import dev.dgmbench.reports.render.ReportJson;
import dev.dgmbench.reports.render.RepeatedImages;
import dev.dgmbench.reports.render.Templates;
import dev.dgmbench.results.AtomicFiles;
import dev.dgmbench.results.BadInputException;
import dev.dgmbench.results.RunResult;
import dev.dgmbench.results.StudyResults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Two or more result folders lined up by run id (grid point + seed); the first is the baseline, every other one a
 * candidate compared with it. For each metric and grid point: the difference of the means over seeds and a paired
 * t-test over the matched seeds ({@link MetricComparison}); per metric the largest numerical drift over runs, checked
 * against its family's limit; whether digests are identical; timings as speed ratios with an interval and a test
 * ({@link SpeedComparison}), with warnings when the two sides ran under different conditions ({@link RunConditions});
 * and, if given, JMH results side by side. Writes {@code compare.md}, {@code compare.html} (self-contained) and
 * {@code compare.json}; {@link #regressions()} lists what exceeds the {@link CompareThresholds}.
 */
public final class ComparisonReport {
    public static final String MD = "compare.md", HTML = "compare.html", JSON = "compare.json";

    private final List<StudyResults> studies;
    private final ComparisonData data;

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
            throw new BadInputException("a comparison needs at least two result folders (or JMH files), got " + studies.size());
        }
        if (labels != null && !labels.isEmpty() && labels.size() != studies.size()) {
            throw new BadInputException(studies.size() + " folders but " + labels.size() + " labels");
        }
        if (labels != null && new java.util.HashSet<>(labels).size() != labels.size()) {
            throw new BadInputException("labels must be distinct, got " + labels);
        }
        return new ComparisonReport(studies, labels, thresholds, jmh);
    }

    /** Reads JMH JSON result files for a side-by-side benchmark table (first file is the baseline). */
    public static JmhComparison jmh(List<Path> jmhJsonFiles, List<String> labels) {
        return JmhComparison.read(jmhJsonFiles, labels);
    }

    public ComparisonData data() {
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
            AtomicFiles.writeString(html, RepeatedImages.linkRepeats(Templates.render("compare.html.mustache", ComparisonView.scope(data, true))));
            AtomicFiles.writeString(md, Templates.render("compare.md.mustache", ComparisonView.scope(data, false)));
            ReportJson.write(json, data);
            return List.of(md, html, json);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write comparison into " + outDir + ": " + e.getMessage(), e);
        }
    }

    /** "X is N.NNx faster than Y at what", putting the faster one first; {@code speedup} is X's against Y. */
    static String sentence(String x, String y, double speedup, String what) {
        if (speedup >= 1) return x + " is " + NumberFormats.ratio(speedup) + "x faster than " + y + " at " + what;
        return y + " is " + NumberFormats.ratio(1 / speedup) + "x faster than " + x + " at " + what;
    }

    // ---------------------------------------------------------------- analysis

    private ComparisonData build(List<String> labelsIn, CompareThresholds t, JmhComparison jmh) {
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < studies.size(); i++) {
            labels.add(labelsIn == null || labelsIn.isEmpty() ? defaultLabel(studies.get(i), i) : labelsIn.get(i));
        }
        List<MetricDiff> metrics = new ArrayList<>();
        List<Drift> drift = new ArrayList<>();
        List<DigestCheck> digests = new ArrayList<>();
        List<SpeedRow> speed = new ArrayList<>();
        List<SpeedSummary> summaries = new ArrayList<>();
        List<ConditionWarning> conditions = new ArrayList<>();
        List<Agreement> agreement = new ArrayList<>();
        List<Regression> regressions = new ArrayList<>();
        if (!studies.isEmpty()) {
            StudyResults base = studies.get(0);
            Grid grid = new Grid(base.runs());
            for (int c = 1; c < studies.size(); c++) {
                String label = labels.get(c), baseLabel = labels.get(0);
                StudyResults candidate = studies.get(c);
                Map<String, RunResult> cand = byId(candidate.runs());
                int d0 = drift.size(), s0 = summaries.size();
                MetricComparison.compare(label, grid, cand, t.alpha(), metrics, drift);
                DigestCheck dc = digests(label, base.runs(), candidate.runs());
                digests.add(dc);
                Agreement agrees = new Agreement(label, FolderAgreement.verdicts(base.claims(), candidate.claims()),
                        FolderAgreement.means(grid, candidate));
                agreement.add(agrees);
                SpeedComparison.compare(label, baseLabel, grid, cand, new Grid(candidate.runs()), t.alpha(), speed, summaries);
                for (String w : RunConditions.differences(baseLabel, base.runs(), label, candidate.runs())) {
                    conditions.add(new ConditionWarning(label, w));
                }
                String where = label + " vs " + baseLabel;
                if (t.driftCheck() == CompareThresholds.DriftCheck.CONCLUSIONS) {
                    if (!t.maxDrift().isEmpty()) regressions.addAll(conclusionRegressions(agrees, where, baseLabel));
                } else {
                    for (Drift d : drift.subList(d0, drift.size())) {
                        Double limit = t.driftLimitOf(d.metric());
                        if (limit != null && d.maxRelDiff() > limit) {
                            regressions.add(new Regression("metric drift " + d.metric(), where + " in " + d.maxRelRun(), d.maxRelDiff(), limit));
                        }
                    }
                }
                if (!dc.newlyFailed().isEmpty()) {
                    regressions.add(new Regression("failed runs", where + ": " + String.join(", ", dc.newlyFailed()),
                            dc.newlyFailed().size(), 0));
                }
                if (t.maxSlowdown() != null) {
                    boolean sameSetup = RunConditions.sameSetup(base.runs(), candidate.runs())
                            && RunConditions.sameLoad(base.runs(), candidate.runs());
                    for (SpeedSummary s : summaries.subList(s0, summaries.size())) {
                        // A slowdown counts only when significant after Holm's correction over the timings, with
                        // its whole 95% interval beyond the factor (timings of reruns vary by tens of percent), and
                        // only when both sides ran alike (host, workers, threads).
                        if (!(s.significant() && s.slowerBeyond(t.maxSlowdown()))) continue;
                        if (s.baselineMean() < SpeedComparison.MIN_SECONDS && s.timing().endsWith("_seconds")) {
                            conditions.add(new ConditionWarning(label, s.timing() + " is " + NumberFormats.ratio(1 / s.speedup())
                                    + "x slower, not counted as a regression: under " + NumberFormats.num(SpeedComparison.MIN_SECONDS)
                                    + " s a run, scheduler and JIT jitter are a large share of it"));
                            continue;
                        }
                        if (sameSetup) {
                            regressions.add(new Regression("slowdown " + s.timing(), where + " (geometric mean over "
                                    + s.runs() + " runs, 95% CI " + NumberFormats.ratio(1 / s.ciHigh()) + "–" + NumberFormats.ratio(1 / s.ciLow())
                                    + "x slower, " + NumberFormats.pIs(s.pValue()) + ", Holm-adjusted " + NumberFormats.p(s.pAdjusted()) + ")",
                                    1 / s.speedup(), t.maxSlowdown()));
                        } else {
                            conditions.add(new ConditionWarning(label, s.timing() + " is " + NumberFormats.ratio(1 / s.speedup())
                                    + "x slower, not counted as a regression: the two sides ran under different conditions"
                                    + " (setup, machine load or CPU clock)"));
                        }
                    }
                }
            }
        }
        if (jmh != null) regressions.addAll(jmh.regressions(t));
        return new ComparisonData(labels, studies.stream().map(s -> s.folder().toString()).toList(), t, t.alpha(), metrics, drift,
                digests, speed, summaries, conditions, agreement, jmh, regressions);
    }

    /**
     * The drift regressions when conclusions are judged: each claim the candidate judges otherwise (value 1 over
     * threshold 0), each model metric whose grid-point means differ beyond their chance level (value and threshold
     * in seed SDs).
     */
    static List<Regression> conclusionRegressions(Agreement a, String where, String baseLabel) {
        List<Regression> out = new ArrayList<>();
        for (FolderAgreement.VerdictMatch m : a.verdicts()) {
            if (m.agrees()) continue;
            out.add(new Regression("claim verdict " + m.claim(), where + " (" + m.verdict() + " in " + baseLabel + ", "
                    + (m.otherVerdict() == null ? "not judged" : m.otherVerdict()) + " in " + a.candidate() + ")", 1, 0));
        }
        for (FolderAgreement.MeanDrift d : a.beyondChance()) {
            out.add(new Regression("grid-point means " + d.metric(), where + " at " + d.gridPoint()
                    + " (seed SDs against the 95% chance level)", d.seedSds(), d.chance95()));
        }
        return out;
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
            if (MetricComparison.ok(r) && !MetricComparison.ok(o)) failed.add(r.info().runId());
            if (!MetricComparison.ok(r) || !MetricComparison.ok(o)) continue;
            compared++;
            if (r.digest().equals(o.digest())) identical++;
            else differing.add(r.info().runId());
        }
        for (RunResult r : cand) if (!b.containsKey(r.info().runId())) onlyC.add(r.info().runId());
        return new DigestCheck(label, compared, identical, differing, onlyB, onlyC, failed);
    }
}

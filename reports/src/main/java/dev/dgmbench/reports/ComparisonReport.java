package dev.dgmbench.reports;

import dev.dgmbench.results.BadInputException;
import dev.dgmbench.results.AtomicFiles;
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

    /**
     * One timing's speed ratio over the matched runs.
     *
     * @param runs          runs paired by id (warm-up runs left out)
     * @param speedup       geometric mean of the per-run ratios ({@code > 1}: the candidate is faster)
     * @param ciLow         95% t interval of the ratio (exp of the mean log ratio's; NaN with fewer than 2 runs)
     * @param pValue        two-sided paired t-test on log times (NaN with fewer than 2 runs)
     * @param baselineMean  the timing's mean over the baseline's compared runs (seconds, or per second for rates)
     * @param pAdjusted     {@code pValue} Holm-adjusted over the candidate's timings
     * @param significant   {@code pAdjusted < alpha}: only then can a slowdown be a regression
     * @param warmupLeftOut runs left out because they were the first in their worker JVM
     */
    public record SpeedSummary(String candidate, String timing, int runs, double baselineMean, double speedup,
                               double ciLow, double ciHigh, double pValue, double pAdjusted, boolean significant, int warmupLeftOut, String sentence) {
        /** The slowdown factor's whole 95% interval lies beyond {@code factor} (and so does the ratio). */
        public boolean slowerBeyond(double factor) {
            return speedup > 0 && 1 / speedup > factor && Double.isFinite(ciHigh) && 1 / ciHigh > factor;
        }
    }

    /**
     * Whether a candidate draws the baseline's conclusions: the claims' verdicts, and per model metric the grid
     * point whose means over seeds differ most, in seed SDs, against its 95% chance level ({@link FolderAgreement}).
     */
    public record Agreement(String candidate, List<FolderAgreement.VerdictMatch> verdicts,
                            List<FolderAgreement.MeanDrift> means) {
        /** The model metrics whose largest grid-point difference is beyond its chance level. */
        public List<FolderAgreement.MeanDrift> beyondChance() {
            return means.stream().filter(m -> m.seedSds() > m.chance95()).toList();
        }
    }

    /** Conditions that differ between the baseline and a candidate (workers, host, load), from provenance. */
    public record ConditionWarning(String candidate, String warning) {
    }

    /** Everything in compare.json. */
    public record Data(List<String> labels, List<String> folders, CompareThresholds thresholds, double alpha,
                       List<MetricDiff> metrics, List<Drift> drift, List<DigestCheck> digests, List<SpeedRow> speed,
                       List<SpeedSummary> speedSummary, List<ConditionWarning> conditions, List<Agreement> agreement,
                       JmhComparison jmh, List<Regression> regressions) {
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
            AtomicFiles.writeString(html, Templates.render("compare.html.mustache", ComparisonView.scope(data, true)));
            AtomicFiles.writeString(md, Templates.render("compare.md.mustache", ComparisonView.scope(data, false)));
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
                        Double limit = Names.driftLimit(t, d.metric());
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
                            conditions.add(new ConditionWarning(label, s.timing() + " is " + Fmt.ratio(1 / s.speedup())
                                    + "x slower, not counted as a regression: under " + Fmt.num(SpeedComparison.MIN_SECONDS)
                                    + " s a run, scheduler and JIT jitter are a large share of it"));
                            continue;
                        }
                        if (sameSetup) {
                            regressions.add(new Regression("slowdown " + s.timing(), where + " (geometric mean over "
                                    + s.runs() + " runs, 95% CI " + Fmt.ratio(1 / s.ciHigh()) + "–" + Fmt.ratio(1 / s.ciLow())
                                    + "x slower, p = " + Fmt.p(s.pValue()) + ", Holm-adjusted " + Fmt.p(s.pAdjusted()) + ")",
                                    1 / s.speedup(), t.maxSlowdown()));
                        } else {
                            conditions.add(new ConditionWarning(label, s.timing() + " is " + Fmt.ratio(1 / s.speedup())
                                    + "x slower, not counted as a regression: the two sides ran under different conditions"
                                    + " (setup, machine load or CPU clock)"));
                        }
                    }
                }
            }
        }
        if (jmh != null) regressions.addAll(jmh.regressions(t));
        return new Data(labels, studies.stream().map(s -> s.folder().toString()).toList(), t, t.alpha(), metrics, drift,
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

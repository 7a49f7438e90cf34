package dev.dgmbench.suite.reference;

import dev.dgmbench.results.ClaimResult;
import dev.dgmbench.results.ClaimResult.GroupEvidence;
import dev.dgmbench.results.ClaimResult.Verdict;
import dev.dgmbench.results.MetricCatalogue;
import dev.dgmbench.results.RunResult;
import dev.dgmbench.results.RunStatus;
import dev.dgmbench.stats.Equivalence;
import dev.dgmbench.stats.Summary;
import dev.dgmbench.suite.claims.PartialClaims;
import dev.dgmbench.suite.spec.ReferenceTable;
import dev.dgmbench.suite.spec.StudySpec;
import org.apache.commons.math3.distribution.TDistribution;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Does the study reproduce a reference? Per grid cell and metric of the reference table: the suite's values (OK runs
 * of the cell) against the reference's by an equivalence test (TOST, {@link Equivalence}) at the spec's margin,
 * widened to {@code margin_sd} pooled seed sds where that is larger. SUPPORTED ("reproduced") when equivalence is
 * shown at alpha, REFUTED ("not reproduced") when the difference is shown to exceed the margin, INCONCLUSIVE when
 * neither (too few seeds for that margin), NOT_EVALUATED with fewer than 2 values on a side. Each judgement is a
 * {@link ClaimResult}, so claims.json, claims-junit.xml, the reports and {@code verify} list it with the claims.
 */
public final class Reproduction {
    public static final String TEST = "tost";
    static final double CI = 0.95;

    private Reproduction() {
    }

    /**
     * The judgements of the spec's reference (none without one) over a study of which only some runs may be done (a
     * run with {@code --only}, a shard): a cell is judged only when every planned run of it is done, else it is
     * NOT_EVALUATED saying how many are missing, as claims are ({@code PartialClaims}), so a verdict never rests on a
     * part of its evidence.
     *
     * @param planned every run of the full plan: its id and grid point
     */
    public static List<ClaimResult> evaluate(StudySpec spec, Map<String, Map<String, Object>> planned,
                                             List<RunResult> runs) {
        StudySpec.Reference ref = spec.reference();
        if (ref == null) return List.of();
        return evaluate(ref, ReferenceTable.load(ref.file(), spec.specFile(), spec.grid()), planned, runs);
    }

    /** The judgements when every run of the study is done. */
    public static List<ClaimResult> evaluate(StudySpec.Reference ref, ReferenceTable table, List<RunResult> runs) {
        return evaluate(ref, table, Map.of(), runs);
    }

    /** The judgements of {@code table}'s cells; {@code planned} as in {@link #evaluate(StudySpec, Map, List)}. */
    public static List<ClaimResult> evaluate(StudySpec.Reference ref, ReferenceTable table,
                                             Map<String, Map<String, Object>> planned, List<RunResult> runs) {
        Set<String> done = runs.stream().map(r -> r.info().runId()).collect(Collectors.toSet());
        List<ClaimResult> out = new ArrayList<>();
        for (ReferenceTable.Cell cell : table.cells()) {
            List<String> needed = planned.entrySet().stream().filter(e -> matches(e.getValue(), cell.coordinates()))
                    .map(Map.Entry::getKey).toList();
            long missing = needed.stream().filter(id -> !done.contains(id)).count();
            ClaimResult r = judge(ref, table, cell, runs);
            out.add(missing == 0 ? r : PartialClaims.notJudged(r, "not judged: " + missing + " of the " + needed.size() + " runs of"
                    + " its cell are not done (a part of the study was run, e.g. with --only; run the whole study to"
                    + " judge it)"));
        }
        return out;
    }

    private static ClaimResult judge(StudySpec.Reference ref, ReferenceTable table, ReferenceTable.Cell cell,
                                     List<RunResult> runs) {
        List<Double> values = new ArrayList<>();
        List<Long> seeds = new ArrayList<>();
        for (RunResult run : runs) {
            if (run.info().status() != RunStatus.OK || !matches(run.info().gridPoint(), cell.coordinates())) continue;
            Double v = run.metrics() == null ? null : run.metrics().model().get(cell.metric());
            if (v == null || !Double.isFinite(v)) continue;
            values.add(v);
            seeds.add(run.info().seed());
        }
        String name = Path.of(table.source()).getFileName().toString();
        String id = "reproduces-" + name.replaceFirst("\\.csv$", "") + ":" + cell.metric() + "[" + cell.label() + "]";
        String unit = MetricCatalogue.find(cell.metric()).map(m -> m.unit().isEmpty() ? "" : " " + m.unit()).orElse("");
        GroupEvidence suite = suiteEvidence(values, seeds);
        GroupEvidence reference = referenceEvidence(cell, name);
        Verdict expected = ref.required() ? Verdict.SUPPORTED : null;
        double nan = Double.NaN;
        if (suite.n() < 2 || reference.n() < 2) {
            String text = cell.metric() + " at " + cell.label() + " reproduces " + name + " within ±" + fmt(ref.margin()) + unit;
            return new ClaimResult(id, text, cell.metric(), "|A - B| < margin", TEST, ref.alpha(), ref.margin(), suite,
                    reference, nan, nan, nan, "difference", Verdict.NOT_EVALUATED, expected, "too few values: the suite"
                    + " has " + suite.n() + ", the reference " + reference.n() + " (line " + cell.line() + "); needs 2 each");
        }
        double pooled = Equivalence.pooledSd(suite.sd(), suite.n(), reference.sd(), reference.n());
        double margin = Math.max(ref.margin(), ref.marginSd() * pooled);
        Equivalence e = Equivalence.tost(suite.mean(), suite.sd(), suite.n(), reference.mean(), reference.sd(),
                reference.n(), margin);
        Verdict verdict = e.pEquivalent() < ref.alpha() ? Verdict.SUPPORTED
                : e.pBeyond() < ref.alpha() ? Verdict.REFUTED : Verdict.INCONCLUSIVE;
        String words = switch (verdict) {
            case SUPPORTED -> "reproduced";
            case REFUTED -> "not reproduced: the difference exceeds the margin";
            default -> "not reproduced: neither equivalence nor a difference beyond the margin is shown";
        };
        String text = cell.metric() + " at " + cell.label() + " reproduces " + name + " within ±" + fmt(margin) + unit;
        String note = String.format(Locale.ROOT, "%s; difference %s%s (se %s, df %.1f), margin max(%s, %s x pooled"
                        + " sd %s) = %s; reference line %d", words, fmt(e.difference()), unit, fmt(e.se()), e.df(),
                fmt(ref.margin()), fmt(ref.marginSd()), fmt(pooled), fmt(margin), cell.line());
        return new ClaimResult(id, text, cell.metric(), "|A - B| < margin", TEST, ref.alpha(), margin, suite, reference,
                e.pEquivalent(), e.pBeyond(), e.difference(), "difference", verdict, expected, note);
    }

    private static GroupEvidence suiteEvidence(List<Double> values, List<Long> seeds) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        long[] s = seeds.stream().mapToLong(Long::longValue).toArray();
        if (v.length < 2) return new GroupEvidence("suite", v.length, v.length == 1 ? v[0] : Double.NaN, Double.NaN,
                Double.NaN, Double.NaN, v, s);
        Summary sum = Summary.withTInterval(v, CI);
        return new GroupEvidence("suite", sum.n(), sum.mean(), sum.sd(), sum.ciLower(), sum.ciUpper(), v, s);
    }

    private static GroupEvidence referenceEvidence(ReferenceTable.Cell cell, String name) {
        String label = "reference " + name;
        if (cell.perRun()) {
            GroupEvidence g = suiteEvidence(cell.values(), cell.seeds());
            return new GroupEvidence(label, g.n(), g.mean(), g.sd(), g.ciLow(), g.ciHigh(), g.values(), g.seeds());
        }
        double half = cell.n() < 2 ? Double.NaN
                : new TDistribution(null, cell.n() - 1).inverseCumulativeProbability(0.5 + CI / 2) * cell.sd() / Math.sqrt(cell.n());
        return new GroupEvidence(label, cell.n(), cell.mean(), cell.sd(), cell.mean() - half, cell.mean() + half,
                new double[0], new long[0]);
    }

    private static boolean matches(Map<String, Object> gridPoint, Map<String, String> coordinates) {
        for (Map.Entry<String, String> c : coordinates.entrySet()) {
            Object v = gridPoint.get(c.getKey());
            if (v == null || !ReferenceTable.sameValue(v, c.getValue())) return false;
        }
        return true;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }
}

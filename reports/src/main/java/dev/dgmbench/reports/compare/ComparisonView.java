package dev.dgmbench.reports.compare;

import dev.dgmbench.reports.analysis.AgreementText;
import dev.dgmbench.reports.analysis.Estimate;
import dev.dgmbench.reports.analysis.FolderAgreement;
import dev.dgmbench.reports.analysis.MetricNames;
import dev.dgmbench.reports.charts.Charts;
import dev.dgmbench.reports.compare.ComparisonData.DigestCheck;
import dev.dgmbench.reports.compare.ComparisonData.Drift;
import dev.dgmbench.reports.compare.ComparisonData.MetricDiff;
import dev.dgmbench.reports.compare.ComparisonData.SpeedRow;
import dev.dgmbench.reports.compare.ComparisonData.SpeedSummary;
import dev.dgmbench.reports.render.NumberFormats;
import dev.dgmbench.reports.render.Templates;
import dev.dgmbench.results.Metric;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The template scope of compare.md and compare.html. */
public final class ComparisonView {
    private ComparisonView() {
    }

    static Map<String, Object> scope(ComparisonData d, boolean html) {
        Map<String, Object> s = new LinkedHashMap<>();
        String baseline = d.labels().isEmpty() ? (d.jmh() == null ? "" : d.jmh().labels().get(0)) : d.labels().get(0);
        s.put("title", "Comparison: " + String.join(" vs ", d.labels().isEmpty() && d.jmh() != null ? d.jmh().labels() : d.labels()));
        s.put("baseline", baseline);
        s.put("digits", NumberFormats.DIGITS);
        s.put("alpha", plain(d.alpha()));
        s.put("maxDrift", driftText(d.thresholds()));
        s.put("maxSlowdown", d.thresholds().maxSlowdown() == null ? "off" : plain(d.thresholds().maxSlowdown()) + "x");

        Templates.Table folders = new Templates.Table("label", "role", "folder");
        for (int i = 0; i < d.labels().size(); i++) folders.row(d.labels().get(i), i == 0 ? "baseline" : "candidate", d.folders().get(i));
        s.put("folders", folders.view());
        s.put("hasStudies", !d.labels().isEmpty());

        Templates.Table regs = new Templates.Table("what", "where", "value", "threshold");
        for (Regression r : d.regressions()) {
            boolean pct = r.what().startsWith("metric drift");
            regs.rowCells(List.of(Templates.cell(r.what(), "bad"), Templates.cell(r.where(), null),
                    Templates.cell(pct ? NumberFormats.pct(r.value()) : NumberFormats.num(r.value()), "num"),
                    Templates.cell(pct ? NumberFormats.pct(r.threshold()) : NumberFormats.num(r.threshold()), "num")), "flag");
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
                    Templates.cell(NumberFormats.num(m.baselineMean()), "num"), Templates.cell(NumberFormats.num(m.candidateMean()), "num"),
                    Templates.cell(NumberFormats.num(m.diff()), "num"), Templates.cell(NumberFormats.pct(m.relDiff()), "num"),
                    Templates.cell(NumberFormats.p(m.pValue()), "num"),
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
        Map<String, Drift> worstByCandidate = new LinkedHashMap<>();
        for (Drift x : d.drift()) {
            Double limit = d.thresholds().driftLimitOf(x.metric());
            boolean over = limit != null && x.maxRelDiff() > limit;
            boolean zero = x.maxAbsDiff() == 0;
            List<Map<String, Object>> cells = List.of(Templates.cell(x.candidate(), null), Templates.cell(x.metric(), null),
                    Templates.cell(String.valueOf(x.runs()), "num"), Templates.cell(NumberFormats.num(x.maxAbsDiff()), "num"),
                    Templates.cell(zero ? "–" : Templates.nz(x.maxAbsRun()), null),
                    Templates.cell(NumberFormats.pct(x.maxRelDiff()), over ? "bad" : "num"),
                    Templates.cell(zero ? "–" : Templates.nz(x.maxRelRun()), null));
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
                : c + ": largest relative metric drift " + NumberFormats.pct(w.maxRelDiff()) + " (" + w.metric() + " in " + w.maxRelRun() + ")"));
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
        List<Map<String, Object>> agreement = new ArrayList<>();
        for (ComparisonData.Agreement a : d.agreement()) {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("candidate", a.candidate());
            v.put("sentence", agreementSentence(a));
            v.put("table", a.means().isEmpty() ? null : AgreementText.meansTable(a.means(), "baseline mean", "candidate mean"));
            agreement.add(v);
        }
        s.put("agreement", agreement);

        Templates.Table speed = new Templates.Table("candidate", "timing", "grid point", "baseline mean", "candidate mean",
                "speed-up (>1 faster)");
        for (SpeedRow r : d.speed()) {
            speed.row(r.candidate(), r.timing(), r.gridPoint(), NumberFormats.num(r.baseline()), NumberFormats.num(r.value()), times(r.speedup()));
        }
        s.put("speed", speed.view());
        s.put("hasSpeed", !speed.isEmpty());
        s.put("speedSentences", d.speedSummary().stream().map(SpeedSummary::sentence).toList());
        Templates.Table ratios = new Templates.Table("candidate", "timing", "runs", "speed-up (>1 faster)", "95% CI",
                "p (paired t, log times)", "p (Holm over timings)", "significant", "warm-up runs left out");
        for (SpeedSummary x : d.speedSummary()) {
            ratios.row(x.candidate(), x.timing(), String.valueOf(x.runs()), times(x.speedup()),
                    Double.isFinite(x.ciLow()) ? "[" + NumberFormats.ratio(x.ciLow()) + ", " + NumberFormats.ratio(x.ciHigh()) + "]" : "n/a",
                    NumberFormats.p(x.pValue()), NumberFormats.p(x.pAdjusted()), Double.isNaN(x.pValue()) ? "n/a" : x.significant() ? "yes" : "no",
                    String.valueOf(x.warmupLeftOut()));
        }
        s.put("speedRatios", ratios.view());
        s.put("conditions", d.conditions().stream().map(c -> c.candidate() + ": " + c.warning()).toList());
        s.put("hasConditions", !d.conditions().isEmpty());
        // the page lists the conditions in a box of their own below the summary: one line here, not each again
        List<String> top = new ArrayList<>(summary(d).stream().filter(l -> !l.startsWith(WARNING)).toList());
        if (!d.conditions().isEmpty()) {
            top.add(top.size() - 1, d.conditions().size() + " warning(s): the sides ran under different conditions (below)");
        }
        s.put("summary", top);

        if (d.jmh() != null) {
            JmhComparison j = d.jmh();
            List<String> jh = new ArrayList<>(List.of("benchmark", "mode", "params"));
            for (String l : j.labels()) jh.add(l);
            for (int i = 1; i < j.labels().size(); i++) jh.add("speed-up " + j.labels().get(i));
            Templates.Table jt = new Templates.Table(jh);
            for (JmhComparison.Row r : j.rows()) {
                List<String> row = new ArrayList<>(List.of(r.shortName(), r.mode(), r.params()));
                for (JmhComparison.Score sc : r.scores()) {
                    row.add(sc == null ? "–" : NumberFormats.num(sc.score()) + (Double.isFinite(sc.error()) ? " ± " + NumberFormats.num(sc.error()) : "") + " " + sc.unit());
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
            Map<String, Map<String, Estimate>> series = new LinkedHashMap<>();
            Set<String> cats = new LinkedHashSet<>();
            for (SpeedSummary x : d.speedSummary()) {
                // the ratio with its interval as error bar (asymmetric around the geometric mean)
                Estimate e = new Estimate(x.runs(), x.speedup(), Double.NaN, x.ciLow(), x.ciHigh(), "t", new double[0]);
                series.computeIfAbsent(x.candidate() + " vs " + baseline, k -> new LinkedHashMap<>()).put(x.timing(), e);
                cats.add(x.timing());
            }
            if (!series.isEmpty()) {
                charts.add(Charts.pointsWithIntervals("speed-ratios", "Speed-up against " + baseline + " with 95% CI",
                        "speed-up (> 1: faster)", List.copyOf(cats), series, 1.0).view());
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
            s.put("css", Templates.css());
        }
        return s;
    }

    private static final String WARNING = "warning: ";

    /**
     * One line on whether the candidate draws the baseline's conclusions: claim verdicts, then the grid-point means
     * of the model metrics against their chance level.
     */
    static String agreementSentence(ComparisonData.Agreement a) {
        String claims = AgreementText.claimsAgreement(a.verdicts(), "in the baseline", "in " + a.candidate());
        String means;
        List<FolderAgreement.MeanDrift> beyond = a.beyondChance();
        if (a.means().isEmpty()) {
            means = "no grid point with 2 or more seeds on both sides to compare means";
        } else if (beyond.isEmpty()) {
            means = "grid-point means of every model metric within their 95% chance level";
        } else {
            List<String> parts = new ArrayList<>();
            for (FolderAgreement.MeanDrift m : beyond) {
                parts.add(m.metric() + " at " + m.gridPoint() + " (" + NumberFormats.num(m.seedSds()) + " seed SDs > " + NumberFormats.num(m.chance95()) + ")");
            }
            means = "grid-point means beyond their 95% chance level: " + String.join(", ", parts);
        }
        return a.candidate() + ": " + (claims == null ? "" : claims + "; ") + means;
    }

    /** A few lines for the console (and, warnings counted, the top of the page): regressions, drift, speed, warnings. */
    public static List<String> summary(ComparisonData d) {
        List<String> out = new ArrayList<>();
        for (DigestCheck x : d.digests()) {
            out.add(x.candidate() + ": " + x.identical() + " of " + x.compared() + " runs with identical metrics"
                    + (x.newlyFailed().isEmpty() ? "" : ", " + x.newlyFailed().size() + " newly failed"));
        }
        long significantSlow = d.speedSummary().stream().filter(x -> x.significant() && x.speedup() < 1).count();
        long significantFast = d.speedSummary().stream().filter(x -> x.significant() && x.speedup() > 1).count();
        if (!d.speedSummary().isEmpty()) {
            out.add("timings: " + significantSlow + " significantly slower, " + significantFast + " significantly faster, "
                    + (d.speedSummary().size() - significantSlow - significantFast) + " same within noise"
                    + " (Holm over each candidate's timings)");
            // a speed difference is a finding; it is a regression only by the thresholds (listed below if so)
            d.speedSummary().stream().filter(SpeedSummary::significant).forEach(x -> out.add("speed finding: " + x.sentence()));
        }
        for (ComparisonData.Agreement a : d.agreement()) out.add(agreementSentence(a));
        for (ComparisonData.ConditionWarning w : d.conditions()) out.add(WARNING + w.candidate() + ": " + w.warning());
        out.add(d.regressions().isEmpty() ? "no regressions" : d.regressions().size() + " regression(s)");
        return out;
    }

    private static String driftText(CompareThresholds t) {
        if (t.maxDrift().isEmpty()) return "off";
        if (t.driftCheck() == CompareThresholds.DriftCheck.CONCLUSIONS) {
            return "judged by the conclusions (a claim judged otherwise, grid-point means beyond their 95% chance level)";
        }
        List<String> parts = new ArrayList<>();
        for (Metric.Family f : Metric.Family.values()) {
            Double x = t.driftLimit(f);
            if (x != null) parts.add(f.name().toLowerCase(Locale.ROOT).replace('_', ' ') + " " + plain(100 * x) + "%");
        }
        t.samplerDrift().forEach((sampler, x) -> parts.add("samples of " + sampler + " " + plain(100 * x) + "%"));
        return String.join(", ", parts);
    }

    private static String times(double ratio) {
        return Double.isFinite(ratio) ? NumberFormats.ratio(ratio) + "x" : "n/a";
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

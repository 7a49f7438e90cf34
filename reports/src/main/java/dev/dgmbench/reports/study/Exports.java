package dev.dgmbench.reports.study;

import dev.dgmbench.reports.analysis.ClaimLabels;
import dev.dgmbench.reports.analysis.Grid;
import dev.dgmbench.reports.analysis.MetricNames;
import dev.dgmbench.reports.render.NumberFormats;
import dev.dgmbench.results.AtomicFiles;
import dev.dgmbench.results.ClaimResult;
import dev.dgmbench.results.EpochRecord;
import dev.dgmbench.results.Metric;
import dev.dgmbench.results.MetricCatalogue;
import dev.dgmbench.results.RunResult;
import dev.dgmbench.results.StudyResults;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Files for other tools, written with the report: {@code metrics.csv}, tidy (one row per run x sampler x metric,
 * ready for pandas, R or a spreadsheet), {@code history.csv} (one row per run x training epoch: losses and seconds),
 * {@code timings.csv} (one row per run x timing: phases' seconds and rates) and {@code claims.tex}, the claims as a
 * LaTeX {@code tabular} (booktabs).
 */
final class Exports {
    static final String CSV = "metrics.csv", HISTORY = "history.csv", TIMINGS = "timings.csv", LATEX = "claims.tex";

    private Exports() {
    }

    static List<Path> write(Path outDir, StudyResults study, StudyReportData data) throws IOException {
        return List.of(AtomicFiles.writeString(outDir.resolve(CSV), csv(study, data.gridKeys())),
                AtomicFiles.writeString(outDir.resolve(HISTORY), historyCsv(study, data.gridKeys())),
                AtomicFiles.writeString(outDir.resolve(TIMINGS), timingsCsv(study, data.gridKeys())),
                AtomicFiles.writeString(outDir.resolve(LATEX), latex(data.claims())));
    }

    /** Columns: run, seed, status, backend, one per grid key, sampler (empty for model metrics), metric, value, unit, better. */
    static String csv(StudyResults study, List<String> gridKeys) {
        StringBuilder b = new StringBuilder();
        List<String> header = new ArrayList<>(List.of("run_id", "seed", "status", "backend"));
        header.addAll(gridKeys);
        header.addAll(List.of("sampler", "metric", "value", "unit", "better"));
        line(b, header);
        for (RunResult r : study.runs()) {
            List<String> head = new ArrayList<>(List.of(r.info().runId(), String.valueOf(r.info().seed()),
                    r.info().status().name(), String.valueOf(r.info().backend())));
            for (String k : gridKeys) head.add(String.valueOf(Grid.gridOf(r).getOrDefault(k, "")));
            for (String k : MetricNames.ordered(r.metrics().model().keySet(), MetricNames.MODEL_ORDER)) {
                row(b, head, "", Metric.Scope.MODEL, k, r.metrics().model().get(k));
            }
            for (String s : MetricNames.ordered(r.metrics().samplers().keySet(), MetricNames.SAMPLER_ORDER)) {
                Map<String, Double> m = r.metrics().samplers().get(s);
                for (String k : MetricNames.ordered(m.keySet(), MetricNames.SAMPLER_METRIC_ORDER)) row(b, head, s, Metric.Scope.SAMPLER, k, m.get(k));
            }
        }
        return b.toString();
    }

    /** Columns: run, seed, one per grid key, epoch, the training and validation losses (RE + beta KL, RE, KL), seconds. */
    static String historyCsv(StudyResults study, List<String> gridKeys) {
        StringBuilder b = new StringBuilder();
        line(b, header(gridKeys, List.of("epoch", "train_loss", "train_re", "train_kl", "val_loss", "val_re", "val_kl", "seconds")));
        for (RunResult r : study.runs()) {
            if (r.history() == null) continue;
            for (EpochRecord e : r.history()) {
                List<String> cells = runCells(r, gridKeys);
                cells.add(Integer.toString(e.epoch()));
                for (double v : new double[]{e.trainLoss(), e.trainRe(), e.trainKl(), e.valLoss(), e.valRe(), e.valKl(), e.seconds()}) {
                    cells.add(repr(v));
                }
                line(b, cells);
            }
        }
        return b.toString();
    }

    /** Columns: run, seed, one per grid key, timing (e.g. train_seconds), value, unit. */
    static String timingsCsv(StudyResults study, List<String> gridKeys) {
        StringBuilder b = new StringBuilder();
        line(b, header(gridKeys, List.of("timing", "value", "unit")));
        for (RunResult r : study.runs()) {
            if (r.timings() == null) continue;
            for (Map.Entry<String, Double> t : new java.util.TreeMap<>(r.timings()).entrySet()) {
                List<String> cells = runCells(r, gridKeys);
                Metric m = MetricCatalogue.find(Metric.Scope.TIMING, t.getKey()).orElse(null);
                cells.addAll(List.of(t.getKey(), t.getValue() == null ? "" : repr(t.getValue()), m == null ? "" : m.unit()));
                line(b, cells);
            }
        }
        return b.toString();
    }

    private static List<String> header(List<String> gridKeys, List<String> tail) {
        List<String> h = new ArrayList<>(List.of("run_id", "seed"));
        h.addAll(gridKeys);
        h.addAll(tail);
        return h;
    }

    private static List<String> runCells(RunResult r, List<String> gridKeys) {
        List<String> cells = new ArrayList<>(List.of(r.info().runId(), String.valueOf(r.info().seed())));
        for (String k : gridKeys) cells.add(String.valueOf(Grid.gridOf(r).getOrDefault(k, "")));
        return cells;
    }

    private static void row(StringBuilder b, List<String> head, String sampler, Metric.Scope scope, String metric, Double value) {
        Metric m = MetricCatalogue.find(scope, metric).orElse(null);
        List<String> cells = new ArrayList<>(head);
        cells.addAll(List.of(sampler, metric, value == null ? "" : repr(value), m == null ? "" : m.unit(),
                m == null ? "" : m.better().name().toLowerCase(Locale.ROOT)));
        line(b, cells);
    }

    /** Shortest text that reads back as the same double (no rounding in the export). */
    private static String repr(double v) {
        return Double.isFinite(v) ? Double.toString(v) : "";
    }

    private static void line(StringBuilder b, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) b.append(',');
            b.append(csvCell(cells.get(i)));
        }
        b.append('\n');
    }

    /** RFC 4180: quote cells with a comma, quote or line break, doubling inner quotes. */
    static String csvCell(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) return s;
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    /**
     * The claims as a booktabs table, complete enough to cite: id, verdict (and expectation), metric and test, the two
     * groups by name with what was claimed, their means with intervals, n per group, the one-sided p and the effect
     * size with its type.
     */
    static String latex(List<ClaimResult> claims) {
        StringBuilder b = new StringBuilder();
        b.append("% Claims of a dgmbench study; needs \\usepackage{booktabs}. p is one-sided in the claimed direction.\n");
        b.append("\\begin{tabular}{lllp{4.2cm}llrrl}\n\\toprule\n");
        b.append("Claim & Verdict & Metric (test) & Groups & A: mean [95\\% CI] & B: mean [95\\% CI] & $n_A/n_B$ & $p$ $\\to$ adjusted & Effect size \\\\\n\\midrule\n");
        for (ClaimResult c : claims) {
            String verdict = c.verdict() == null ? "n/a" : c.verdict().name();
            verdict += switch (c.expectation()) {
                case MET -> " (as expected)";
                case MISSED -> " (expected " + c.expected().name() + ")";
                case NONE -> "";
            };
            String metric = (c.metric() == null ? "n/a" : c.metric()) + " (" + (c.test() == null ? "n/a" : c.test()) + ")";
            String groups = "A = " + ClaimLabels.group(c.a()) + ", B = " + ClaimLabels.group(c.b())
                    + (c.direction() == null ? "" : "; claimed " + c.direction());
            b.append(String.join(" & ", tex(c.id()), tex(verdict), tex(metric), tex(groups), tex(group(c.a())),
                    tex(group(c.b())), ClaimLabels.n(c.a()) + "/" + ClaimLabels.n(c.b()), tex(NumberFormats.claimP(c)),
                    tex(ClaimLabels.effect(c)))).append(" \\\\\n");
        }
        b.append("\\bottomrule\n\\end{tabular}\n");
        return b.toString();
    }

    private static String group(ClaimResult.GroupEvidence g) {
        return g == null || g.n() == 0 ? "n/a" : NumberFormats.ci(g.mean(), g.ciLow(), g.ciHigh());
    }

    /** Escapes LaTeX's special characters. */
    static String tex(String s) {
        StringBuilder b = new StringBuilder();
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '\\' -> b.append("\\textbackslash{}");
                case '&', '%', '$', '#', '_', '{', '}' -> b.append('\\').append(ch);
                case '~' -> b.append("\\textasciitilde{}");
                case '^' -> b.append("\\textasciicircum{}");
                case 'β' -> b.append("$\\beta$");
                case '–' -> b.append("--");
                case '→' -> b.append("$\\to$");
                case '<' -> b.append("\\textless{}");
                case '>' -> b.append("\\textgreater{}");
                default -> b.append(ch);
            }
        }
        return b.toString();
    }
}

package dev.dgmbench.reports;

import dev.dgmbench.results.AtomicFiles;
import dev.dgmbench.results.ClaimResult;
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
 * ready for pandas, R or a spreadsheet), and {@code claims.tex}, the claims as a LaTeX {@code tabular} (booktabs).
 */
final class Exports {
    static final String CSV = "metrics.csv", LATEX = "claims.tex";

    private Exports() {
    }

    static List<Path> write(Path outDir, StudyResults study, StudyReport.Data data) throws IOException {
        return List.of(AtomicFiles.writeString(outDir.resolve(CSV), csv(study, data.gridKeys())),
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
            for (String k : Names.ordered(r.metrics().model().keySet(), Names.MODEL_ORDER)) {
                row(b, head, "", Metric.Scope.MODEL, k, r.metrics().model().get(k));
            }
            for (String s : Names.ordered(r.metrics().samplers().keySet(), Names.SAMPLER_ORDER)) {
                Map<String, Double> m = r.metrics().samplers().get(s);
                for (String k : Names.ordered(m.keySet(), Names.SAMPLER_METRIC_ORDER)) row(b, head, s, Metric.Scope.SAMPLER, k, m.get(k));
            }
        }
        return b.toString();
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

    /** The claims as a booktabs table: id, verdict (and expectation), group means with intervals, p, effect size. */
    static String latex(List<ClaimResult> claims) {
        StringBuilder b = new StringBuilder();
        b.append("% Claims of a dgmbench study; needs \\usepackage{booktabs}.\n");
        b.append("\\begin{tabular}{llllrr}\n\\toprule\n");
        b.append("Claim & Verdict & A: mean [95\\% CI] & B: mean [95\\% CI] & $p$ $\\to$ adjusted & Effect \\\\\n\\midrule\n");
        for (ClaimResult c : claims) {
            String verdict = c.verdict() == null ? "n/a" : c.verdict().name();
            verdict += switch (c.expectation()) {
                case MET -> " (as expected)";
                case MISSED -> " (expected " + c.expected().name() + ")";
                case NONE -> "";
            };
            b.append(tex(c.id())).append(" & ").append(tex(verdict)).append(" & ").append(tex(group(c.a())))
                    .append(" & ").append(tex(group(c.b()))).append(" & ").append(tex(Fmt.claimP(c)))
                    .append(" & ").append(tex(Fmt.num(c.effectSize()))).append(" \\\\\n");
        }
        b.append("\\bottomrule\n\\end{tabular}\n");
        return b.toString();
    }

    private static String group(ClaimResult.GroupEvidence g) {
        return g == null || g.n() == 0 ? "n/a" : Fmt.ci(g.mean(), g.ciLow(), g.ciHigh());
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
                default -> b.append(ch);
            }
        }
        return b.toString();
    }
}

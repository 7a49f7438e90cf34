package dev.dgmbench.reports.study;

import dev.dgmbench.reports.analysis.AgreementText;
import dev.dgmbench.reports.analysis.ClaimLabels;
import dev.dgmbench.reports.analysis.Estimate;
import dev.dgmbench.reports.analysis.MetricNames;
import dev.dgmbench.reports.render.NumberFormats;
import dev.dgmbench.reports.render.Templates;
import dev.dgmbench.results.ClaimResult;
import dev.dgmbench.results.Metric;
import dev.dgmbench.results.MetricCatalogue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The template scope of the study report: summary, claims, tables, reruns, in the order a reader needs them. */
final class StudyReportView {
    private final StudyReport report;
    private final StudyReportData data;

    StudyReportView(StudyReport report) {
        this.report = report;
        this.data = report.data();
    }

    /** The scope of report.html ({@code html}) or report.md; {@code figures} are drawn once for both. */
    Map<String, Object> scope(boolean html, StudyFigures.Drawn figures) {
        StudyReportData d = data;
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("title", "Study report: " + Templates.nz(d.study()));
        s.put("name", Templates.nz(d.study()));
        s.put("description", Templates.nz(d.description()));
        s.put("specFile", Templates.nz(d.specFile()));
        s.put("specDigest", Templates.nz(d.specDigest()));
        s.put("rerun", Templates.nz(d.rerun()));
        s.put("hasRerun", d.rerun() != null && !d.rerun().isBlank());
        String spec = report.study().info().specText() == null ? "" : report.study().info().specText().stripTrailing();
        s.put("specText", spec);
        s.put("fence", Templates.fence(spec));
        s.put("planned", d.planned());
        s.put("ok", d.ok());
        s.put("failed", d.failed());
        s.put("hasFailed", d.failed() > 0);
        s.put("claimsSummary", claimsSummary(d.claims()));
        long missed = d.claims().stream().filter(c -> c.expectation() == ClaimResult.Expectation.MISSED).count();
        long expected = d.claims().stream().filter(c -> c.expectation() != ClaimResult.Expectation.NONE).count();
        // Green only when expectations exist and all were met; neutral when none was set, red when one was missed.
        s.put("claimsClass", missed > 0 ? "bad" : expected > 0 ? "good" : "");
        s.put("seeds", String.join(", ", d.seeds().stream().map(String::valueOf).toList()));
        s.put("digits", NumberFormats.DIGITS);

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
        List<String> sanity = dev.dgmbench.results.Sanity.summarize("", report.study().runs(), c -> true);
        s.put("sanity", sanity);
        s.put("hasSanity", !sanity.isEmpty());
        s.put("claimsCorrection", d.claims().isEmpty() ? "" : d.claims().get(0).correction() + " over "
                + d.claims().get(0).family() + " tests");

        Templates.Table failures = new Templates.Table("run", "grid point", "seed", "reason");
        for (StudyReportData.Failure f : d.failures()) failures.rowCells(List.of(Templates.cell(f.runId(), null), Templates.cell(Templates.nz(f.gridPoint()), null),
                Templates.cell(f.seed() == null ? "" : f.seed().toString(), null), Templates.cell(f.reason(), "wrap")), null);
        s.put("failures", failures.view());
        s.put("hasFailures", !failures.isEmpty());

        Templates.Table runs = new Templates.Table("run", "grid point", "seed", "status", "backend", "metrics digest (sha-256)");
        for (StudyReportData.RunDigest r : d.runs()) {
            runs.rowCells(List.of(Templates.cell(r.runId(), null), Templates.cell(r.gridPoint(), null),
                    Templates.cell(String.valueOf(r.seed()), null), Templates.cell(r.status(), "OK".equals(r.status()) ? "" : "bad"),
                    Templates.cell(Templates.nz(r.backend()), null), Templates.cell(r.digest(), "digest")), null);
        }
        s.put("digests", runs.view());
        s.put("reruns", rerunViews());
        s.put("hasReruns", !d.reproducibility().isEmpty());

        s.put("claimFigures", figures.claims());
        s.put("decidingFigures", figures.deciding());
        s.put("hasDecidingFigures", !figures.deciding().isEmpty());
        s.put("moreFigures", figures.more());
        s.put("hasMoreFigures", !figures.more().isEmpty());
        s.put("figureFiles", figures.files());
        // the reproducibility section shows the folders side by side (NLL per grid point) where it speaks of them
        s.put("acrossFolders", figures.files().stream().filter(f -> String.valueOf(f.get("png")).endsWith("-across-folders.png"))
                .limit(1).toList());
        if (html) {
            s.put("sampleGrids", figures.sampleGrids());
            s.put("css", Templates.css());
        }
        return s;
    }

    private Templates.Table modelTable() {
        return pointTable(Metric.Scope.MODEL, MetricNames.MODEL_ORDER, StudyReportData.PointStats::model);
    }

    /** One row per grid point, one column per metric of {@code scope} (labels and units from the catalogue). */
    private Templates.Table pointTable(Metric.Scope scope, List<String> order,
                                       java.util.function.Function<StudyReportData.PointStats, Map<String, Estimate>> column) {
        Set<String> keys = new LinkedHashSet<>();
        for (StudyReportData.PointStats p : data.gridPoints()) keys.addAll(column.apply(p).keySet());
        List<String> ordered = MetricNames.ordered(keys, order);
        List<String> header = new ArrayList<>(List.of("grid point", "n"));
        for (String k : ordered) header.add(MetricCatalogue.find(scope, k).map(Metric::labelWithUnit).orElse(k));
        Templates.Table t = new Templates.Table(header);
        if (ordered.isEmpty()) return t;
        for (StudyReportData.PointStats p : data.gridPoints()) {
            List<String> row = new ArrayList<>(List.of(p.label(), nOf(p)));
            for (String k : ordered) row.add(Estimate.ci(column.apply(p).get(k)));
            t.row(row);
        }
        return t;
    }

    private static String nOf(StudyReportData.PointStats p) {
        return p.seeds().size() + (p.failed() > 0 ? " (+" + p.failed() + " failed)" : "");
    }

    private List<Map<String, Object>> samplerTables() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (StudyReportData.PointStats p : data.gridPoints()) {
            if (p.samplers().isEmpty()) continue;
            Set<String> metrics = new LinkedHashSet<>();
            p.samplers().values().forEach(m -> metrics.addAll(m.keySet()));
            List<String> samplers = new ArrayList<>(p.samplers().keySet());
            List<String> header = new ArrayList<>(List.of("metric"));
            header.addAll(samplers);
            Templates.Table t = new Templates.Table(header);
            for (String m : MetricNames.ordered(metrics, MetricNames.SAMPLER_METRIC_ORDER)) {
                List<String> row = new ArrayList<>(List.of(MetricCatalogue.find(Metric.Scope.SAMPLER, m).map(Metric::labelWithUnit).orElse(m)));
                for (String sm : samplers) row.add(Estimate.ci(p.samplers().get(sm).get(m)));
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
        return pointTable(Metric.Scope.TIMING, MetricNames.TIMING_ORDER, StudyReportData.PointStats::timings);
    }

    /** "2 of 3 claims as expected, 1 without expectation" and the like. */
    static String claimsSummary(List<ClaimResult> claims) {
        if (claims.isEmpty()) return "no claims";
        long met = 0, none = 0;
        for (ClaimResult c : claims) {
            if (c.expectation() == ClaimResult.Expectation.MET) met++;
            if (c.expectation() == ClaimResult.Expectation.NONE) none++;
        }
        long expected = claims.size() - none;
        if (expected == 0) return claims.size() + (claims.size() == 1 ? " claim" : " claims") + ", no expectation set";
        return met + " of " + expected + " claims as expected" + (none == 0 ? "" : ", " + none + " without expectation");
    }

    private Templates.Table claimsTable() {
        Templates.Table t = new Templates.Table("id", "claim", "verdict", "expected", "A: mean [95% CI]",
                "B: mean [95% CI]", "p → adjusted", "effect size (type)", "n (A/B)", "note");
        for (ClaimResult c : data.claims()) {
            ClaimResult.Expectation e = c.expectation();
            String verdict = c.verdict() == null ? "n/a" : c.verdict().name();
            List<Map<String, Object>> cells = List.of(
                    Templates.cell(c.id(), "id"),
                    Templates.cell(Templates.nz(c.text()) + (c.metric() == null ? "" : " (" + c.metric() + ", " + Templates.nz(c.direction()) + ", " + Templates.nz(c.test()) + ", α=" + c.alpha() + ")"), "wrap"),
                    switch (e) {
                        case MET -> Templates.cell(verdict + " ✓", "good");
                        case MISSED -> Templates.cell(verdict + " ✗", "bad");
                        case NONE -> Templates.cell(verdict, null);
                    },
                    Templates.cell(e == ClaimResult.Expectation.NONE ? "– (none set)" : c.expected().name(), null),
                    Templates.cell(group(c.a()), "group"),
                    Templates.cell(group(c.b()), "group"),
                    Templates.cell(NumberFormats.claimP(c), "num"),
                    Templates.cell(ClaimLabels.effect(c), "num"),
                    Templates.cell((c.a() == null ? "0" : String.valueOf(c.a().n())) + "/" + (c.b() == null ? "0" : String.valueOf(c.b().n())), "num"),
                    Templates.cell(noteWithWarnings(c), "wrap"));
            t.rowCells(cells, e == ClaimResult.Expectation.MISSED ? "unmet" : "");
        }
        return t;
    }

    /** The claim's note, then its sanity warnings, each marked (docs/validity.md). */
    static String noteWithWarnings(ClaimResult c) {
        List<String> parts = new ArrayList<>();
        if (c.note() != null && !c.note().isBlank()) parts.add(c.note());
        for (String w : c.warnings()) parts.add("⚠ " + w);
        return String.join("; ", parts);
    }

    private static String group(ClaimResult.GroupEvidence g) {
        if (g == null) return "n/a";
        return Templates.nz(g.label()) + ": " + NumberFormats.ci(g.mean(), g.ciLow(), g.ciHigh());
    }

    private List<Map<String, Object>> rerunViews() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (StudyReportData.RerunCheck c : data.reproducibility()) {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("label", c.label());
            v.put("folder", c.folder());
            v.put("sameSpec", c.sameSpec());
            v.put("allIdentical", c.compared() > 0 && c.identical() == c.compared());
            String verdict = c.identical() + " of " + c.compared() + " runs have identical metrics digests";
            if (c.identical() < c.compared()) {
                verdict += "; largest difference: " + c.worstMetric() + " in " + c.worstRunId() + ", absolute "
                        + NumberFormats.num(c.worstAbsDiff()) + ", relative " + NumberFormats.pct(c.worstRelDiff());
            }
            if (!c.missing().isEmpty()) verdict += "; not compared (failed or missing in either folder): " + String.join(", ", c.missing());
            v.put("verdict", verdict);
            Templates.Table t = new Templates.Table("run", "digests", "largest difference", "absolute", "relative");
            for (StudyReportData.RunMatch m : c.runs()) {
                t.rowCells(List.of(Templates.cell(m.runId(), null),
                        Templates.cell(m.identical() ? "identical" : "differ", m.identical() ? "good" : "bad",
                                m.digest() + " / " + m.otherDigest()),
                        Templates.cell(m.identical() ? "–" : Templates.nz(m.largestMetric()), null),
                        Templates.cell(m.identical() ? "0" : NumberFormats.num(m.largestAbsDiff()), "num"),
                        Templates.cell(m.identical() ? "0" : NumberFormats.pct(m.largestRelDiff()), "num")), null);
            }
            v.put("table", t.view());
            v.put("claims", AgreementText.claimsAgreement(c.verdicts()));
            v.put("means", c.identical() == c.compared() || c.means().isEmpty() ? null : AgreementText.meansTable(c.means()));
            out.add(v);
        }
        return out;
    }

}

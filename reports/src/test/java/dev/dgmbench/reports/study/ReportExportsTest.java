package dev.dgmbench.reports.study;

import dev.dgmbench.reports.analysis.Grid;
import dev.dgmbench.reports.Reports;
import dev.dgmbench.reports.Synthetic;
import dev.dgmbench.results.ClaimResult;
import dev.dgmbench.results.StudyResults;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 17: neutral claims without expect, the reading order, the CSV and LaTeX exports and the SVG figures. */
class ReportExportsTest {
    @TempDir
    Path tmp;

    /** The synthetic study with its second claim (INCONCLUSIVE) stripped of its expectation. */
    private Path studyWithoutExpectation() {
        Path study = Synthetic.study(tmp.resolve("study"));
        List<ClaimResult> claims = new ArrayList<>(StudyResults.read(study).claims());
        ClaimResult c = claims.get(1);
        claims.set(1, new ClaimResult(c.id(), c.text(), c.metric(), c.direction(), c.test(), c.alpha(), c.minEffect(),
                c.a(), c.b(), c.pValue(), c.pOpposite(), c.effectSize(), c.effectName(), c.verdict(), null, c.note()));
        StudyResults.writeClaims(study, claims);
        return study;
    }

    @Test
    void aClaimWithoutExpectationIsNeutral() throws Exception {
        Path out = tmp.resolve("report");
        Reports.writeStudyReport(studyWithoutExpectation(), out, List.of());
        String md = Files.readString(out.resolve("report.md")), html = Files.readString(out.resolve("report.html"));
        List<String> header = StudyReportTest.tableHeaderContaining(md, "| id | claim | verdict |");
        List<String> row = StudyReportTest.row(md, "| frechet-grows-with-beta[model.latent=50] |");
        assertEquals("INCONCLUSIVE", row.get(header.indexOf("verdict")), "no ✓ or ✗ without an expectation");
        assertEquals("– (none set)", row.get(header.indexOf("expected")));
        assertFalse(md.contains("SUPPORTED (default)"));
        assertTrue(md.contains("1 of 1 claims as expected, 1 without expectation"), md);
        assertTrue(html.contains("<span class=\"good\">1 of 1 claims as expected, 1 without expectation</span>"), "green badge");
        assertFalse(html.contains("class=\"unmet\""), "no red row");
    }

    @Test
    void claimsAndDecidingFiguresComeFirstProvenanceIsFoldedLast() throws Exception {
        Path out = tmp.resolve("report");
        Reports.writeStudyReport(Synthetic.study(tmp.resolve("study")), out, List.of());
        String html = Files.readString(out.resolve("report.html"));
        int claims = html.indexOf("<section id=\"claims\">"), figures = html.indexOf("<section id=\"figures\">"),
                metrics = html.indexOf("<section id=\"metrics\">"), prov = html.indexOf("<section id=\"provenance\">");
        assertTrue(0 < claims && claims < figures && figures < metrics && metrics < prov, "order");
        assertTrue(html.substring(claims, figures).contains("data-kind=\"nll-re-kl\""), "likelihood terms against β decide the KL claim, under it");
        assertTrue(html.substring(figures, metrics).contains("data-kind=\"energy-trace\""));
        assertTrue(html.substring(figures, metrics).contains("data-set=\"langevin\""), "samples side by side");
        assertTrue(html.substring(prov).contains("<details><summary>Distinct values over all runs</summary>"));
        assertFalse(html.contains("images generated per sampler"), "no chart of a constant");
    }

    @Test
    void figuresAreWrittenAsSvgAndPng() throws Exception {
        Path out = tmp.resolve("report");
        Reports.writeStudyReport(Synthetic.study(tmp.resolve("study")), out, List.of());
        List<Path> svgs;
        try (var s = Files.list(out.resolve("figures"))) {
            svgs = s.filter(p -> p.toString().endsWith(".svg")).sorted().toList();
        }
        assertFalse(svgs.isEmpty());
        for (Path svg : svgs) {
            String text = Files.readString(svg);
            assertTrue(text.startsWith("<?xml") || text.startsWith("<svg"), svg.toString());
            assertTrue(text.contains("</svg>"), svg.toString());
            Path png = Path.of(svg.toString().replace(".svg", ".png"));
            byte[] head = java.util.Arrays.copyOf(Files.readAllBytes(png), 4);
            assertEquals("\u0089PNG", new String(head, java.nio.charset.StandardCharsets.ISO_8859_1));
        }
        String kid = Files.readString(svgs.stream().filter(p -> p.toString().contains("sampler-metrics")).findFirst().orElseThrow());
        assertTrue(kid.contains("per sampler</text>"), "titles are SVG text");
        assertTrue(kid.contains("matrix(0.0,-1.0,1.0,0.0"), "the rotated value-axis title is drawn (as outlines)");
        assertTrue(Files.readString(out.resolve("report.md")).contains("[SVG](figures/"));
    }

    @Test
    void svgFiguresAreTheSameBytesForTheSameResultsAndKeepHundredthsOfAPixel() throws Exception {
        Path study = Synthetic.study(tmp.resolve("study"));
        Reports.writeStudyReport(study, tmp.resolve("a"), List.of());
        Reports.writeStudyReport(study, tmp.resolve("b"), List.of());
        List<Path> svgs;
        try (var s = Files.list(tmp.resolve("a/figures"))) {
            svgs = s.filter(p -> p.toString().endsWith(".svg")).sorted().toList();
        }
        java.util.Set<String> prefixes = new java.util.HashSet<>();
        var tooFine = java.util.regex.Pattern.compile("d='[^']*\\d\\.\\d{3}");
        for (Path a : svgs) {
            String text = Files.readString(a);
            assertEquals(text, Files.readString(tmp.resolve("b/figures").resolve(a.getFileName())), a + ": same bytes");
            assertFalse(tooFine.matcher(text).find(), a + ": path coordinates in hundredths");
            var id = java.util.regex.Pattern.compile("clipPath id='([^']*)clip-0'").matcher(text);
            assertTrue(id.find(), a.toString());
            prefixes.add(id.group(1));
        }
        assertEquals(svgs.size(), prefixes.size(), "each figure's ids are its own (they may share a page)");
    }

    @Test
    void tidyCsvHasOneRowPerRunSamplerAndMetric() throws Exception {
        Path out = tmp.resolve("report");
        Path study = Synthetic.study(tmp.resolve("study"));
        Reports.writeStudyReport(study, out, List.of());
        List<String> lines = Files.readAllLines(out.resolve("metrics.csv"));
        assertEquals("run_id,seed,status,backend,model.beta,model.latent,sampler,metric,value,unit,better", lines.get(0));
        // 11 OK runs x (8 model metrics + 4 samplers x 8 metrics); the failed run has no metrics
        assertEquals(1 + 11 * (8 + 4 * 8), lines.size());
        StudyResults s = StudyResults.read(study);
        var run = s.runs().stream().filter(r -> r.info().runId().equals(Synthetic.runId(0.2, 10, 1))).findFirst().orElseThrow();
        String nll = run.info().runId() + ",1,OK,cpu-avx2,0.2,10,,nll," + run.metrics().get(null, "nll") + ",nats,lower";
        assertTrue(lines.contains(nll), nll);
        String kid = run.info().runId() + ",1,OK,cpu-avx2,0.2,10,mala,kid," + run.metrics().get("mala", "kid") + ",,lower";
        assertTrue(lines.contains(kid), kid);
        assertEquals(run.metrics().get(null, "nll"), Double.parseDouble(nll.split(",")[8]), 0, "exact round trip");
    }

    @Test
    void historyAndTimingsCsvHoldEveryEpochAndTimingOfEveryRun() throws Exception {
        Path out = tmp.resolve("report-history");
        Path study = Synthetic.study(tmp.resolve("study-history"));
        Reports.writeStudyReport(study, out, List.of());
        StudyResults s = StudyResults.read(study);
        List<String> history = Files.readAllLines(out.resolve("history.csv"));
        assertEquals("run_id,seed,model.beta,model.latent,epoch,train_loss,train_re,train_kl,val_loss,val_re,val_kl,seconds", history.get(0));
        int epochs = s.runs().stream().mapToInt(r -> r.history() == null ? 0 : r.history().size()).sum();
        assertTrue(epochs > 0, "the synthetic study has epochs");
        assertEquals(1 + epochs, history.size());
        var run = s.runs().stream().filter(r -> r.history() != null && !r.history().isEmpty()).findFirst().orElseThrow();
        var e = run.history().get(run.history().size() - 1);
        String row = run.info().runId() + "," + run.info().seed() + "," + Grid.gridOf(run).get("model.beta") + ","
                + Grid.gridOf(run).get("model.latent") + "," + e.epoch() + "," + e.trainLoss() + "," + e.trainRe() + ","
                + e.trainKl() + "," + e.valLoss() + "," + e.valRe() + "," + e.valKl() + "," + e.seconds();
        assertTrue(history.contains(row), row);

        List<String> timings = Files.readAllLines(out.resolve("timings.csv"));
        assertEquals("run_id,seed,model.beta,model.latent,timing,value,unit", timings.get(0));
        int count = s.runs().stream().mapToInt(r -> r.timings() == null ? 0 : r.timings().size()).sum();
        assertEquals(1 + count, timings.size());
        var timed = s.runs().stream().filter(r -> r.timings() != null && !r.timings().isEmpty()).findFirst().orElseThrow();
        var t = timed.timings().entrySet().iterator().next();
        assertTrue(timings.stream().anyMatch(l -> l.startsWith(timed.info().runId() + ",") && l.contains("," + t.getKey() + "," + t.getValue() + ",")),
                t.toString());
    }

    @Test
    void latexTableOfTheClaimsEscapesSpecialCharacters() throws Exception {
        Path out = tmp.resolve("report"), study = studyWithoutExpectation();
        Reports.writeStudyReport(study, out, List.of());
        String tex = Files.readString(out.resolve("claims.tex"));
        assertTrue(tex.contains("\\begin{tabular}{lllp{4.2cm}llrrl}"));
        assertTrue(tex.contains("Claim & Verdict & Metric (test) & Groups & A: mean [95\\% CI] & B: mean [95\\% CI] & $n_A/n_B$ & $p$ $\\to$ adjusted & Effect size"), tex);
        // each row names its groups, n per group, the test and the effect size's type (the claim's evidence in Synthetic)
        StudyResults s = StudyResults.read(study);
        ClaimResult kl = s.claims().get(0), frechet = s.claims().get(1);
        String klRow = "kl-decreases-with-beta[model.latent=10] & SUPPORTED (as expected) & kl (welch) & A = "
                + Exports.tex(kl.a().label()) + ", B = " + Exports.tex(kl.b().label()) + "; claimed A \\textgreater{} B & ";
        assertTrue(tex.contains(klRow), tex);
        assertTrue(tex.contains(" & " + kl.a().n() + "/" + kl.b().n() + " & 0.00120 $\\to$ 0.00120 & Hedges' g = 3.100 \\\\\n"), tex);
        assertTrue(tex.contains("frechet-grows-with-beta[model.latent=50] & INCONCLUSIVE & prior.frechet (welch) & A = "), tex);
        assertTrue(tex.contains(" & 0.200 $\\to$ 0.200 & Hedges' g = -0.7000 \\\\\n"), tex);
        assertEquals("50\\% \\& \\_x\\_ $\\beta$", Exports.tex("50% & _x_ β"));
        assertEquals("\"a,b\"", Exports.csvCell("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", Exports.csvCell("say \"hi\""));
    }

    @Test
    void theRerunCommandUsesPathsRelativeToTheWorkingFolder() {
        Path cwd = Path.of("/home/ci/dgmbench");
        assertEquals("./dgmbench run specs/quick.yaml --out results/quick",
                RerunCommand.relative("./dgmbench run /home/ci/dgmbench/specs/quick.yaml --out /home/ci/dgmbench/results/quick", cwd));
        assertEquals("./dgmbench run quick --out /elsewhere/quick", RerunCommand.relative("./dgmbench run quick --out /elsewhere/quick", cwd),
                "paths outside the working folder are kept");
    }
}

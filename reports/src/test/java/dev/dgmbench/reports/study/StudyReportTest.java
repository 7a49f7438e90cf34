package dev.dgmbench.reports.study;

import dev.dgmbench.reports.ReportSummary;
import dev.dgmbench.reports.Reports;
import dev.dgmbench.reports.Synthetic;
import dev.dgmbench.reports.charts.SampleGrid;
import dev.dgmbench.reports.render.NumberFormats;
import dev.dgmbench.results.RunMetrics;
import dev.dgmbench.results.RunResult;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

public class StudyReportTest {
    /** Student t quantiles t(0.975, df) for df = 1, 2 in closed form (independent of commons-math). */
    static final double T_975_DF1 = Math.tan(Math.PI * 0.475), T_975_DF2 = 0.95 / Math.sqrt(2 * 0.975 * 0.025);
    static final String CHANGED_RUN = Synthetic.runId(0.2, 10, 2);
    static final double NLL_DELTA = 0.001;

    @TempDir
    static Path tmp;
    static Path study, out;
    static JsonNode json;
    static String md, html;

    @BeforeAll
    static void writeReport() throws Exception {
        study = Synthetic.study(tmp.resolve("study"));
        Path rerun = Synthetic.copy(study, tmp.resolve("rerun"), r -> r);
        Path drifted = Synthetic.copy(study, tmp.resolve("drifted"), r -> {
            if (!r.info().runId().equals(CHANGED_RUN)) return r;
            Map<String, Double> model = new TreeMap<>(r.metrics().model());
            model.put("nll", model.get("nll") + NLL_DELTA);
            return Synthetic.withMetrics(r, new RunMetrics(model, r.metrics().samplers()));
        });
        out = tmp.resolve("report");
        ReportSummary summary = Reports.writeStudyReport(study, out, List.of(rerun, drifted));
        assertEquals(List.of(out.resolve("report.md"), out.resolve("report.html"), out.resolve("report.json"),
                out.resolve("metrics.csv"), out.resolve("history.csv"), out.resolve("timings.csv"), out.resolve("claims.tex")),
                summary.files());
        assertFalse(summary.hasRegressions());
        json = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        md = Files.readString(out.resolve("report.md"));
        html = Files.readString(out.resolve("report.html"));
    }

    /** With -Dreports.keep=DIR the written report is copied there for a look. */
    @org.junit.jupiter.api.AfterAll
    static void keep() throws Exception {
        String keep = System.getProperty("reports.keep");
        if (keep == null || out == null) return;
        Path dir = Path.of(keep);
        Files.createDirectories(dir);
        try (var files = Files.walk(out)) {
            for (Path f : files.toList()) {
                Path to = dir.resolve(out.relativize(f).toString());
                if (Files.isDirectory(f)) Files.createDirectories(to);
                else Files.copy(f, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /** Per grid point label: the OK runs, read straight from the run folders' metrics.json. */
    static Map<String, List<JsonNode>> okRunsFromFiles() throws Exception {
        ObjectMapper m = new ObjectMapper();
        Map<String, List<JsonNode>> out = new TreeMap<>();
        for (double b : Synthetic.BETAS) {
            for (int l : Synthetic.LATENTS) {
                List<JsonNode> runs = new ArrayList<>();
                for (long s : Synthetic.SEEDS) {
                    Path dir = study.resolve("runs").resolve(Synthetic.runId(b, l, s));
                    if (!m.readTree(dir.resolve("run.json").toFile()).get("status").asText().equals("OK")) continue;
                    runs.add(m.readTree(dir.resolve("metrics.json").toFile()));
                }
                out.put(Synthetic.label(b, l), runs);
            }
        }
        return out;
    }

    static JsonNode point(String label) {
        for (JsonNode p : json.get("gridPoints")) if (p.get("label").asText().equals(label)) return p;
        throw new AssertionError("no grid point " + label + " in report.json");
    }

    static void assertClose(double expected, double actual, String what) {
        assertEquals(expected, actual, 1e-12 * Math.max(1, Math.abs(expected)), what);
    }

    @Test
    void jsonMeansAndIntervalsEqualTheResultFiles() throws Exception {
        Map<String, List<JsonNode>> runs = okRunsFromFiles();
        assertEquals(4, json.get("gridPoints").size());
        for (Map.Entry<String, List<JsonNode>> e : runs.entrySet()) {
            JsonNode p = point(e.getKey());
            List<JsonNode> rs = e.getValue();
            int n = rs.size();
            assertEquals(e.getKey().equals(Synthetic.label(1.0, 50)) ? 2 : 3, n);
            double t = n == 3 ? T_975_DF2 : T_975_DF1;
            for (String metric : List.of("nll", "re", "kl", "elbo", "loss", "nll_nce", "bpd", "nce_accuracy")) {
                double[] v = rs.stream().mapToDouble(r -> r.get("model").get(metric).asDouble()).toArray();
                checkEstimate(p.get("model").get(metric), v, t, e.getKey() + " " + metric);
            }
            for (String sampler : Synthetic.SAMPLERS) {
                for (String metric : List.of("frechet", "kid", "precision", "recall", "density", "coverage", "pixel_entropy", "class_tv")) {
                    double[] v = rs.stream().mapToDouble(r -> r.get("samplers").get(sampler).get(metric).asDouble()).toArray();
                    checkEstimate(p.get("samplers").get(sampler).get(metric), v, t, e.getKey() + " " + sampler + "." + metric);
                }
            }
        }
    }

    /** Bounded metrics (with their range): t intervals cut to it, the same as the claims' (MeanInterval). */
    static final java.util.Set<String> UNIT = java.util.Set.of("nce_accuracy", "precision", "recall", "coverage", "class_tv"),
            NON_NEGATIVE = java.util.Set.of("kl", "frechet", "kid", "density", "pixel_entropy");

    private static void checkEstimate(JsonNode est, double[] v, double t, String what) {
        String name = what.substring(what.lastIndexOf(' ') + 1);
        name = name.substring(name.lastIndexOf('.') + 1);
        boolean bounded = UNIT.contains(name) || NON_NEGATIVE.contains(name);
        double lowest = bounded ? 0 : Double.NEGATIVE_INFINITY, highest = UNIT.contains(name) ? 1 : Double.POSITIVE_INFINITY;
        assertNotNull(est, what);
        double mean = 0;
        for (double x : v) mean += x;
        mean /= v.length;
        double ss = 0;
        for (double x : v) ss += (x - mean) * (x - mean);
        double sd = Math.sqrt(ss / (v.length - 1));
        assertEquals(v.length, est.get("n").asInt(), what);
        assertClose(mean, est.get("mean").asDouble(), what + " mean");
        assertClose(sd, est.get("sd").asDouble(), what + " sd");
        assertEquals("t", est.get("method").asText(), what);
        assertEquals(Math.max(lowest, mean - t * sd / Math.sqrt(v.length)), est.get("ciLow").asDouble(), 1e-8 * Math.max(1, Math.abs(mean)), what + " ciLow");
        assertEquals(Math.min(highest, mean + t * sd / Math.sqrt(v.length)), est.get("ciHigh").asDouble(), 1e-8 * Math.max(1, Math.abs(mean)), what + " ciHigh");
        for (int i = 0; i < v.length; i++) assertEquals(v[i], est.get("values").get(i).asDouble(), what + " value " + i);
    }

    @Test
    void markdownTablesShowTheMeansToFourSignificantDigits() throws Exception {
        Map<String, List<JsonNode>> runs = okRunsFromFiles();
        List<String> header = tableHeaderContaining(md, "| grid point | n | NLL (nats) |");
        for (Map.Entry<String, List<JsonNode>> e : runs.entrySet()) {
            List<String> cells = row(md, "| " + e.getKey() + " |");
            assertEquals(header.size(), cells.size(), "cells in row " + e.getKey());
            for (String[] m : new String[][]{{"NLL (nats)", "nll"}, {"RE (nats)", "re"}, {"KL (nats)", "kl"}, {"ELBO (β=1) (nats)", "elbo"},
                    {"loss (β-weighted) (nats)", "loss"}, {"NLL (NCE prior) (nats)", "nll_nce"}}) {
                double expected = e.getValue().stream().mapToDouble(r -> r.get("model").get(m[1]).asDouble()).average().orElseThrow();
                String cell = cells.get(header.indexOf(m[0]));
                assertFourDigits(expected, cell, e.getKey() + " " + m[1]);
            }
        }
        // a sampler table: the frechet row of the first grid point
        String label = Synthetic.label(0.2, 10);
        int at = md.indexOf("#### " + label);
        assertTrue(at > 0, "sampler table of " + label);
        List<String> sh = tableHeaderContaining(md.substring(at), "| metric |");
        List<String> frechet = row(md.substring(at), "| Fréchet distance |");
        for (String sampler : Synthetic.SAMPLERS) {
            double expected = runs.get(label).stream().mapToDouble(r -> r.get("samplers").get(sampler).get("frechet").asDouble()).average().orElseThrow();
            assertFourDigits(expected, frechet.get(sh.indexOf(sampler)), "frechet " + sampler);
        }
    }

    /** The cell starts with the mean rounded to 4 significant digits, followed by an interval [low, high]. */
    static void assertFourDigits(double expected, String cell, String what) {
        Matcher m = Pattern.compile("^(-?[0-9.]+(?:e-?[0-9]+)?) \\[(-?[0-9.e-]+), (-?[0-9.e-]+)]( †)?$").matcher(cell.trim());
        assertTrue(m.matches(), what + ": cell '" + cell + "' is not 'mean [low, high]'");
        String mean = m.group(1);
        assertEquals(4, mean.replace("-", "").replace(".", "").replaceFirst("e.*", "").replaceFirst("^0+", "").length(),
                what + ": '" + mean + "' should have 4 significant digits");
        double parsed = Double.parseDouble(mean);
        assertEquals(expected, parsed, 5e-4 * Math.abs(expected) + 1e-12, what + ": " + cell);
    }

    static List<String> tableHeaderContaining(String text, String start) {
        for (String line : text.split("\n")) if (line.startsWith(start)) return cells(line);
        throw new AssertionError("no table header starting with " + start);
    }

    static List<String> row(String text, String start) {
        for (String line : text.split("\n")) if (line.startsWith(start)) return cells(line);
        throw new AssertionError("no row starting with " + start);
    }

    static List<String> cells(String line) {
        List<String> out = new ArrayList<>();
        for (String c : line.trim().replaceAll("^\\||\\|$", "").split("(?<!\\\\)\\|")) out.add(c.trim());
        return out;
    }

    @Test
    void failuresClaimsSpecAndProvenanceAreReported() {
        JsonNode failures = json.get("failures");
        assertEquals(1, failures.size());
        assertEquals(Synthetic.FAILED_RUN, failures.get(0).get("runId").asText());
        assertEquals(Synthetic.FAILURE, failures.get(0).get("reason").asText());
        assertEquals(11, json.get("ok").asInt());
        assertEquals(1, json.get("failed").asInt());
        List<String> failRow = row(md, "| " + Synthetic.FAILED_RUN + " |");
        assertTrue(failRow.contains(Synthetic.FAILURE), "md failure row " + failRow);
        assertTrue(html.contains(Synthetic.FAILURE));

        assertEquals(2, json.get("claims").size());
        List<String> header = tableHeaderContaining(md, "| id | claim | verdict |");
        List<String> c1 = row(md, "| kl-decreases-with-beta[model.latent=10] |");
        assertEquals("SUPPORTED ✓", c1.get(header.indexOf("verdict")));
        assertEquals("0.00120 → 0.00120", c1.get(header.indexOf("p → adjusted")), "a result without a correction: adjusted = raw");
        assertEquals("Hedges' g = 3.100", c1.get(header.indexOf("effect size (type)")), "the type named in every cell");
        assertEquals("3/3", c1.get(header.indexOf("n (A/B)")));
        JsonNode a = json.get("claims").get(0).get("a");
        assertTrue(c1.get(header.indexOf("A: mean [95% CI]")).startsWith("model.beta=0.2, model.latent=10: " + NumberFormats.num(a.get("mean").asDouble()) + " ["));
        List<String> c2 = row(md, "| frechet-grows-with-beta[model.latent=50] |");
        assertEquals("INCONCLUSIVE ✗", c2.get(header.indexOf("verdict")));
        assertEquals("3/2", c2.get(header.indexOf("n (A/B)")), "a failed run is missing from group B");
        assertTrue(md.contains("Samples get worse with larger beta \\| prior"), "a | in a cell is escaped");

        assertTrue(md.contains(Synthetic.info().rerun()));
        assertTrue(md.contains("  model.beta: [0.2, 1.0]"), "spec text in a code block");
        assertEquals("abc1234", json.get("provenance").get("commit").get(0).asText());
        assertTrue(md.contains("| cpu | Synthetic CPU @ 2.0GHz |"));
        assertEquals(List.of(1L, 2L, 3L), List.of(json.get("seeds").get(0).asLong(), json.get("seeds").get(1).asLong(), json.get("seeds").get(2).asLong()));
    }

    @Test
    void reproducibilityComparesDigestsOfOtherFolders() throws Exception {
        JsonNode runs = json.get("runs");
        assertEquals(12, runs.size());
        for (JsonNode r : runs) {
            String digest = Files.readString(study.resolve("runs").resolve(r.get("runId").asText()).resolve("digest.txt")).trim();
            assertEquals(digest, r.get("digest").asText());
            assertTrue(md.contains(digest), "md lists digest of " + r.get("runId").asText());
        }
        JsonNode same = json.get("reproducibility").get(0), drifted = json.get("reproducibility").get(1);
        assertTrue(same.get("sameSpec").asBoolean());
        assertEquals(11, same.get("compared").asInt());
        assertEquals(11, same.get("identical").asInt());
        assertEquals(List.of(Synthetic.FAILED_RUN), List.of(same.get("missing").get(0).asText()));
        assertTrue(same.get("worstMetric").isNull());

        assertEquals(11, drifted.get("compared").asInt());
        assertEquals(10, drifted.get("identical").asInt());
        assertEquals("model.nll", drifted.get("worstMetric").asText());
        assertEquals(CHANGED_RUN, drifted.get("worstRunId").asText());
        assertEquals(NLL_DELTA, drifted.get("worstAbsDiff").asDouble(), 1e-9);
        assertTrue(md.contains("10 of 11 runs have identical metrics digests; largest difference: model.nll in " + CHANGED_RUN));
        assertTrue(md.contains("11 of 11 runs have identical metrics digests"));
        int section = md.indexOf("## Reproducibility"), figure = md.indexOf("-across-folders.png)", section);
        assertTrue(section > 0 && figure > section && figure < md.indexOf("### Against", section),
                "the folders side by side, shown in the reproducibility section before the run-by-run checks");
    }

    @Test
    void htmlIsSelfContainedWithEveryChartKindAndTheSampleGrids() throws Exception {
        assertSelfContained(html);
        for (String kind : List.of("loss-curves", "nll-re-kl", "sampler-metrics", "energy-trace", "across-folders")) {
            assertTrue(html.contains("data-kind=\"" + kind + "\""), "chart " + kind);
        }
        assertEquals(2, count(html, "data-kind=\"loss-curves\""), "one loss chart per latent size");
        assertEquals(2, count(html, "data-kind=\"nll-re-kl\""), "one NLL/RE/KL chart per latent size");
        assertEquals(8, count(html, "data-kind=\"sampler-metrics\""), "one chart per sampler metric");
        assertEquals(2, count(html, "data-kind=\"energy-trace\""), "langevin and mala energy");
        assertEquals(2, count(html, "data-kind=\"across-folders\""), "NLL and KL per grid point, one series per folder");
        try (var figures = Files.list(out.resolve(StudyReport.FIGURES))) {
            List<Path> svgs = figures.filter(f -> f.toString().endsWith("-across-folders.svg")).sorted().toList();
            assertEquals(2, svgs.size());
            String nll = Files.readString(svgs.get(0));
            for (String legend : List.of(">study", ">#1 rerun", ">#2 drifted")) assertTrue(nll.contains(legend), legend + " in the legend");
        }
        for (String set : List.of("real", "reconstruction", "prior", "langevin", "mala", "sir")) {
            assertEquals(4, count(html, "data-set=\"" + set + "\""), "sample grid " + set + " for every grid point");
        }
        // every inline image decodes as a PNG; charts are 640 wide, 8x8 grids are upscaled
        Matcher m = Pattern.compile("src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"").matcher(html);
        int images = 0;
        while (m.find()) {
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(m.group(1))));
            assertNotNull(img);
            assertTrue(img.getWidth() >= 4 * 32, "image width " + img.getWidth());
            images++;
        }
        // the four grid points' real images are the same seed's: embedded once, linked from the other three
        assertEquals(3, count(html, "class=\"image-ref\""));
        assertEquals(16 + 24 - 3, images);
    }

    /**
     * Each claim's deciding figure sits under the claims table: the KL claims with the NLL/RE/KL charts, the Fréchet
     * claim (on {@code prior.frechet}) with the sample chart of its metric; neither is drawn again further down. The
     * Markdown embeds the same figure files under the claims.
     */
    @Test
    void theFiguresThatDecideEachClaimAreNextToIt() {
        String claims = html.substring(html.indexOf("<section id=\"claims\">"), html.indexOf("<section id=\"figures\">"));
        String rest = html.substring(html.indexOf("<section id=\"figures\">"));
        String kl = block(claims, "kl"), frechet = block(claims, "frechet");
        assertTrue(kl.contains("<h3>kl-decreases-with-beta[model.latent&#61;10]: SUPPORTED</h3>"), kl); // = escaped
        assertEquals(2, count(kl, "data-kind=\"nll-re-kl\""), "both latent sizes' likelihood charts");
        assertEquals(0, count(rest, "data-kind=\"nll-re-kl\""), "not repeated");
        assertTrue(frechet.contains("frechet-grows-with-beta[model.latent&#61;50]: INCONCLUSIVE"), frechet);
        assertEquals(1, count(frechet, "data-kind=\"sampler-metrics\""));
        assertTrue(frechet.contains("alt=\"Fréchet distance per sampler\""), frechet);
        assertEquals(7, count(rest, "data-kind=\"sampler-metrics\""), "the other sample metrics further down");
        String mdClaims = md.substring(md.indexOf("## Claims"), md.indexOf("## Figures"));
        assertTrue(mdClaims.contains("**kl-decreases-with-beta[model.latent=10]: SUPPORTED"), mdClaims);
        assertTrue(mdClaims.contains("](figures/01-nll-re-kl.png)"), "first figure file, in page order: " + mdClaims);
        assertTrue(mdClaims.contains("![Fréchet distance per sampler](figures/03-sampler-metrics.png)"), mdClaims);
    }

    /** The claim-figures block of one metric. */
    private static String block(String section, String metric) {
        int at = section.indexOf("<div class=\"claim-figures\" data-metric=\"" + metric + "\">");
        assertTrue(at >= 0, "figures of " + metric + " in the claims section");
        int next = section.indexOf("<div class=\"claim-figures\"", at + 1);
        return section.substring(at, next < 0 ? section.length() : next);
    }

    /** p-values get 3 significant digits; 0.9995 is not rounded up to 1. */
    @Test
    void pValuesHaveThreeDigitsAndNeverRoundToOne() {
        assertEquals(">0.999", NumberFormats.p(0.9995));
        assertEquals(">0.999", NumberFormats.p(1.0));
        assertEquals("0.999", NumberFormats.p(0.999));
        assertEquals("0.0156", NumberFormats.p(0.015625));
        assertEquals("0.00120", NumberFormats.p(0.0012));
        assertEquals("2.35e-5", NumberFormats.p(2.346e-5));
        assertEquals("0", NumberFormats.p(0));
        assertEquals("n/a", NumberFormats.p(Double.NaN));
    }

    /**
     * Results that record each step's seconds and the total get a stacked chart of where a run's time goes, its
     * parts adding up to the total (the rest drawn as "other"); results without a total (the synthetic study, older
     * folders) get none.
     */
    @Test
    void aChartOfWhereTheTimeGoesWhenRunsRecordTheirTotal() throws Exception {
        assertEquals(0, count(html, "data-kind=\"time-per-run\""), "no total_seconds, no chart");
        Path timed = Synthetic.copy(study, tmp.resolve("timed"), r -> {
            if (r.timings() == null || !r.timings().containsKey("train_seconds")) return r; // a failed run
            Map<String, Double> t = new java.util.TreeMap<>(r.timings());
            t.put("nce_seconds", 1.0);
            t.put("langevin_seconds", 2.0);
            t.put("mala_seconds", 2.5);
            t.put("sample_metrics_seconds", 1.5);
            t.put("total_seconds", t.get("train_seconds") + t.getOrDefault("nll_seconds", 0.0) + 7 + 4.0);
            return new RunResult(r.info(), r.metrics(), r.history(), t, r.provenance(), r.samples(), r.traces(), null);
        });
        Reports.writeStudyReport(timed, tmp.resolve("timed-report"), List.of());
        String page = Files.readString(tmp.resolve("timed-report").resolve("report.html"));
        assertEquals(1, count(page, "data-kind=\"time-per-run\""));
        assertTrue(page.contains("Where a run&#39;s time goes") || page.contains("Where a run's time goes"), "section title");
        Path figure;
        try (var files = Files.list(tmp.resolve("timed-report").resolve("figures"))) {
            figure = files.filter(f -> f.toString().endsWith("time-per-run.svg")).findFirst().orElseThrow();
        }
        String svg = Files.readString(figure);
        for (String part : List.of("training", "NCE prior", "importance-weighted NLL", "samplers", "sample metrics", "other")) {
            assertTrue(svg.contains(part), "legend names " + part);
        }
    }

    public static void assertSelfContained(String html) {
        assertFalse(Pattern.compile("(?i)(src|href)\\s*=\\s*[\"']?\\s*(https?:)?//").matcher(html).find(), "no remote src/href");
        assertFalse(Pattern.compile("(?i)url\\(\\s*[\"']?\\s*(https?:)?//").matcher(html).find(), "no remote CSS url()");
        assertFalse(html.toLowerCase().contains("<script"), "no scripts");
        assertFalse(html.toLowerCase().contains("<link"), "no linked files");
        assertFalse(html.toLowerCase().contains("@import"), "no CSS imports");
        assertTrue(html.contains("data:image/png;base64,"), "inline PNG images");
        Matcher src = Pattern.compile("(?i)src=\"([^\"]{0,40})").matcher(html);
        while (src.find()) assertTrue(src.group(1).startsWith("data:image/png;base64,"), "only inline images: " + src.group(1));
        // every picture embedded once; a repeat links to it (RepeatedImages)
        Matcher uri = Pattern.compile("src=\"(data:[^\"]+)\"").matcher(html);
        java.util.Set<String> seen = new java.util.HashSet<>();
        while (uri.find()) assertTrue(seen.add(uri.group(1)), "an image embedded twice");
        Matcher ref = Pattern.compile("href=\"#(image-\\d+)\"").matcher(html);
        while (ref.find()) assertTrue(html.contains("id=\"" + ref.group(1) + "\""), "a link to a missing image " + ref.group(1));
    }

    static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) n++;
        return n;
    }

    @Test
    void sampleGridScalesGreyLevelsAndUpscalesPixels() {
        int[][] images = {{0, 16, 8, 16}, {16, 16, 16, 16}};
        BufferedImage img = SampleGrid.draw(images, 2, 2, 17, 2, 4);
        int gap = SampleGrid.GAP;
        assertEquals(2 * 2 * 4 + 3 * gap, img.getWidth());
        assertEquals(0, img.getRaster().getSample(gap, gap, 0));
        assertEquals(0, img.getRaster().getSample(gap + 3, gap + 3, 0), "a pixel fills a 4x4 block");
        assertEquals(255, img.getRaster().getSample(gap + 4, gap, 0));
        assertEquals(128, img.getRaster().getSample(gap, gap + 4, 0));
        assertEquals(SampleGrid.GAP_GREY, img.getRaster().getSample(0, 0, 0));
    }

    @Test
    void numberFormatHasFourSignificantDigits() {
        assertEquals("12.35", NumberFormats.num(12.3456));
        assertEquals("12.10", NumberFormats.num(12.1));
        assertEquals("0.001200", NumberFormats.num(0.0012));
        assertEquals("1235", NumberFormats.num(1234.5678));
        assertEquals("-3.142", NumberFormats.num(-Math.PI));
        assertEquals("1.235e-5", NumberFormats.num(1.2346e-5));
        assertEquals("2.000e7", NumberFormats.num(2e7));
        assertEquals("0", NumberFormats.num(0.0));
        assertEquals("n/a", NumberFormats.num(Double.NaN));
        assertEquals("1.000 [0.5000, 1.500]", NumberFormats.ci(1, 0.5, 1.5));
        assertEquals("1.000", NumberFormats.ci(1, Double.NaN, Double.NaN));
    }

    @Test
    void runsWithoutRunFolderAreListedAsFailures() throws Exception {
        Path s = Synthetic.copy(study, tmp.resolve("partial"), r -> r.info().seed() == 3 && r.info().gridPoint().get("model.latent").equals(10) ? null : r);
        StudyReport report = new StudyReport(dev.dgmbench.results.StudyResults.read(s));
        List<String> missing = report.data().failures().stream().filter(f -> f.seed() == null).map(StudyReportData.Failure::runId).toList();
        assertEquals(List.of(Synthetic.runId(0.2, 10, 3), Synthetic.runId(1.0, 10, 3)), missing);
        assertEquals(12, report.data().planned());
    }

    @Test
    void aStudyWithoutRunsOrWithOneRunStillGetsAReport() throws Exception {
        Path empty = tmp.resolve("empty");
        dev.dgmbench.results.StudyResults.writeStudyInfo(empty, new dev.dgmbench.results.StudyInfo("empty", null, null, null, null, List.of(), null));
        List<Path> files = new StudyReport(dev.dgmbench.results.StudyResults.read(empty)).write(tmp.resolve("empty-report"));
        assertTrue(Files.readString(files.get(0)).contains("**0 OK · 0 failed · 0 planned"));
        assertSelfContained2(Files.readString(files.get(1)));

        String only = Synthetic.runId(0.2, 10, 1);
        Path one = Synthetic.copy(study, tmp.resolve("one"), r -> r.info().runId().equals(only) ? r : null);
        List<Path> f1 = Reports.writeStudyReport(one, tmp.resolve("one-report"), List.of()).files();
        JsonNode j = new ObjectMapper().readTree(f1.get(2).toFile());
        JsonNode nll = j.get("gridPoints").get(0).get("model").get("nll");
        assertEquals(1, nll.get("n").asInt());
        assertTrue(nll.get("ciLow").isNull(), "no interval from one seed");
        List<String> cells = row(Files.readString(f1.get(0)), "| beta=0.2, latent=10 |");
        assertEquals(NumberFormats.num(nll.get("mean").asDouble()), cells.get(2), "mean without interval");
        assertTrue(Files.readString(f1.get(1)).contains("data-kind=\"nll-re-kl\""));
    }

    /** Self-contained, but without images (nothing to draw). */
    static void assertSelfContained2(String html) {
        assertFalse(Pattern.compile("(?i)(src|href)\\s*=\\s*[\"']?\\s*(https?:)?//").matcher(html).find());
        assertFalse(html.toLowerCase().contains("<script"));
    }
}

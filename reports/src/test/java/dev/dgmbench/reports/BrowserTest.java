package dev.dgmbench.reports;

import dev.dgmbench.reports.compare.CompareThresholds;
import dev.dgmbench.reports.compare.ComparisonReport;
import dev.dgmbench.reports.study.StudyReport;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Opens the reports in headless Chromium: the page renders (a non-trivial screenshot) and logs no console errors.
 * Console messages are logged by {@code --enable-logging=stderr} as {@code INFO:CONSOLE} lines; a control page
 * with a failing script checks that this detection works on the installed Chromium.
 *
 * <p>With {@code -Dreports.screenshot=FILE} it also saves a README screenshot (charts and sample grids) there.
 */
class BrowserTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Pattern CONSOLE_ERROR = Pattern.compile(
            ":CONSOLE[:(]|Uncaught|net::ERR_|Not allowed to load local resource|Refused to (load|apply|execute)");

    @TempDir
    static Path tmp;

    @BeforeAll
    static void needsChromium() {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "chromium not installed: apt-get install chromium");
    }

    record Run(int exit, String stdout, String stderr, Path screenshot) {
        List<String> consoleErrors() {
            List<String> out = new ArrayList<>();
            for (String line : stderr.split("\n")) if (CONSOLE_ERROR.matcher(line).find()) out.add(line);
            return out;
        }
    }

    static Run chromium(Path page, String name, int width, int height) throws Exception {
        Path profile = Files.createDirectories(tmp.resolve("profile-" + name));
        Path shot = tmp.resolve(name + ".png"), out = tmp.resolve(name + ".out"), err = tmp.resolve(name + ".err");
        ProcessBuilder pb = new ProcessBuilder(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0",
                "--screenshot=" + shot, "--window-size=" + width + "," + height, page.toUri().toString());
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish within 120 s");
        }
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8), shot);
    }

    static BufferedImage assertNonTrivialScreenshot(Run run) throws Exception {
        assertEquals(0, run.exit(), () -> "chromium exit code; stderr:\n" + run.stderr());
        assertTrue(Files.exists(run.screenshot()), () -> "no screenshot; stderr:\n" + run.stderr());
        assertTrue(Files.size(run.screenshot()) > 20_000, "screenshot is " + Files.size(run.screenshot()) + " bytes");
        BufferedImage img = ImageIO.read(run.screenshot().toFile());
        assertNotNull(img, "screenshot decodes as PNG");
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 3) for (int x = 0; x < img.getWidth(); x += 3) colours.add(img.getRGB(x, y));
        assertTrue(colours.size() > 50, "screenshot has only " + colours.size() + " colours");
        return img;
    }

    @Test
    void consoleErrorsAreDetected() throws Exception {
        Path bad = tmp.resolve("bad.html");
        Files.writeString(bad, "<!DOCTYPE html><html><body><h1>control</h1><script>console.error('boom'); missingFunction();</script></body></html>");
        Run run = chromium(bad, "control", 400, 300);
        assertEquals(0, run.exit(), run.stderr());
        assertFalse(run.consoleErrors().isEmpty(), () -> "a failing script should be visible in stderr:\n" + run.stderr());
    }

    @Test
    void studyReportRendersWithoutConsoleErrors() throws Exception {
        Path study = Synthetic.study(tmp.resolve("study"));
        Path out = tmp.resolve("report");
        Reports.writeStudyReport(study, out, List.of());
        Path html = out.resolve(StudyReport.HTML);
        Run run = chromium(html, "report", 1280, 4000);
        assertTrue(run.consoleErrors().isEmpty(), () -> "console errors:\n" + String.join("\n", run.consoleErrors()));
        BufferedImage img = assertNonTrivialScreenshot(run);
        assertEquals(1280, img.getWidth());

        String target = System.getProperty("reports.screenshot");
        if (target != null) saveReadmeScreenshot(html, Path.of(target));
    }

    @Test
    void comparisonRendersWithoutConsoleErrors() throws Exception {
        Path a = Synthetic.study(tmp.resolve("a"));
        Path b = Synthetic.copy(a, tmp.resolve("b"), r -> Synthetic.slower(r, 1.5));
        Reports.writeComparison(List.of(a, b), List.of("avx2", "avx512"), CompareThresholds.defaults(), tmp.resolve("compare"));
        Run run = chromium(tmp.resolve("compare").resolve(ComparisonReport.HTML), "compare", 1280, 2000);
        assertTrue(run.consoleErrors().isEmpty(), () -> "console errors:\n" + String.join("\n", run.consoleErrors()));
        assertNonTrivialScreenshot(run);
    }

    /**
     * The README screenshot: the report's title, charts and the first sample grids (other sections hidden by an
     * extra style sheet on a copy of the page), scaled to 75% and kept under 500 KB.
     */
    static void saveReadmeScreenshot(Path html, Path target) throws Exception {
        String preview = Files.readString(html).replaceFirst("</style>", """
                body > nav, body > section { display: none; }
                body > section#charts, body > section#samples { display: block; }
                figure[data-kind="sampler-metrics"] ~ figure[data-kind="sampler-metrics"] ~ figure[data-kind="sampler-metrics"] { display: none; }
                .gridrow:nth-child(n+3) { display: none; }
                </style>""");
        Path page = html.resolveSibling("preview.html");
        Files.writeString(page, preview);
        Run run = chromium(page, "preview", 1280, 3400);
        BufferedImage img = assertNonTrivialScreenshot(run);
        int bottom = img.getHeight() - 1;
        while (bottom > 0 && isWhiteRow(img, bottom)) bottom--;
        BufferedImage cropped = img.getSubimage(0, 0, img.getWidth(), Math.min(img.getHeight(), bottom + 24));
        for (double scale = 0.75; ; scale -= 0.1) {
            int w = (int) (cropped.getWidth() * scale), h = (int) (cropped.getHeight() * scale);
            BufferedImage small = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = small.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(cropped, 0, 0, w, h, null);
            g.dispose();
            Files.createDirectories(target.toAbsolutePath().getParent());
            ImageIO.write(small, "png", target.toFile());
            if (Files.size(target) < 500_000 || scale < 0.4) break;
        }
    }

    private static boolean isWhiteRow(BufferedImage img, int y) {
        for (int x = 0; x < img.getWidth(); x += 2) if ((img.getRGB(x, y) & 0xffffff) != 0xffffff) return false;
        return true;
    }
}

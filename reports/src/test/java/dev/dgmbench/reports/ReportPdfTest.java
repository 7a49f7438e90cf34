package dev.dgmbench.reports;

import dev.dgmbench.reports.render.ChromiumPdf;
import dev.dgmbench.results.BadInputException;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code report --pdf}: report.html printed by headless Chromium on A4, every table within the page. A table cut by
 * the page (the old report lost the claims table after its fourth column inside a scroll box) loses the text of its
 * last columns, and one that spills over draws into the right margin; both are checked on the printed file.
 */
class ReportPdfTest {
    /** A4 in points. */
    private static final double A4_WIDTH = 595.3, A4_HEIGHT = 841.9;
    /** The stylesheet's right page margin is 11 mm; nothing may be drawn in its outer 8 mm. */
    private static final double EMPTY_MARGIN_PT = 8 / 25.4 * 72;

    @TempDir
    Path tmp;

    @Test
    void theStylesheetCarriesPrintRulesThatFitTablesToA4() throws Exception {
        Path out = tmp.resolve("report");
        Reports.writeStudyReport(Synthetic.study(tmp.resolve("study")), out, List.of());
        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.contains("@page { size: A4;"), "A4 pages");
        int print = html.indexOf("@media print");
        assertTrue(print > 0, "print rules inlined");
        String rules = html.substring(print);
        assertTrue(rules.contains("section, .tablewrap, pre { overflow: visible; }"), "no scroll boxes on paper");
        assertTrue(rules.contains("table { width: 100%;"), "tables as wide as the page, no wider");
        assertTrue(rules.contains("white-space: normal"), "cells wrap on paper");
    }

    /** A browser that is not there stops --pdf with a message naming the setting, after the other files are written. */
    @Test
    void aMissingBrowserIsAClearErrorAfterTheOtherFiles() throws Exception {
        Path out = tmp.resolve("report"), study = Synthetic.study(tmp.resolve("study"));
        String before = System.getProperty(ChromiumPdf.PROPERTY);
        System.setProperty(ChromiumPdf.PROPERTY, tmp.resolve("no-such-chromium").toString());
        try {
            BadInputException e = assertThrows(BadInputException.class, () -> Reports.writeStudyReport(study, out, List.of(), true));
            assertTrue(e.getMessage().contains("no-such-chromium, which is not an executable file"), e.getMessage());
            assertTrue(e.getMessage().contains(ChromiumPdf.ENV), e.getMessage());
        } finally {
            if (before == null) System.clearProperty(ChromiumPdf.PROPERTY);
            else System.setProperty(ChromiumPdf.PROPERTY, before);
        }
        assertTrue(Files.isRegularFile(out.resolve("report.html")) && Files.isRegularFile(out.resolve("claims.tex")));
        assertTrue(!Files.exists(out.resolve("report.pdf")));
    }

    @Test
    void everyTableOfThePrintedReportFitsItsA4Page() throws Exception {
        assumeTrue(ChromiumPdf.find().isPresent(), "no headless Chromium installed: " + ChromiumPdf.NAMES);
        Path out = tmp.resolve("report");
        ReportSummary s = Reports.writeStudyReport(Synthetic.study(tmp.resolve("study")), out, List.of(), true);
        Path pdf = out.resolve("report.pdf");
        assertTrue(s.files().contains(pdf), "report.pdf listed among the files written");
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            int pages = doc.getNumberOfPages();
            assertTrue(pages >= 2 && pages <= 30, pages + " pages");
            PDFRenderer renderer = new PDFRenderer(doc);
            for (int i = 0; i < pages; i++) {
                PDRectangle box = doc.getPage(i).getMediaBox();
                assertEquals(A4_WIDTH, box.getWidth(), 1, "page " + (i + 1) + " width");
                assertEquals(A4_HEIGHT, box.getHeight(), 1, "page " + (i + 1) + " height");
                BufferedImage img = renderer.renderImageWithDPI(i, 50);
                int margin = (int) Math.floor(EMPTY_MARGIN_PT / 72 * 50);
                for (int x = img.getWidth() - margin; x < img.getWidth(); x++) {
                    for (int y = 0; y < img.getHeight(); y++) {
                        int rgb = img.getRGB(x, y);
                        int r = (rgb >> 16) & 0xff, g = (rgb >> 8) & 0xff, b = rgb & 0xff;
                        assertTrue(r > 245 && g > 245 && b > 245, "page " + (i + 1) + ": ink in the right margin at x="
                                + x + ", y=" + y + " (a table wider than the page?)");
                    }
                }
            }
            String text = new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
            // every column of the claims table, the last ones included, and its last row's evidence
            for (String header : List.of("A: mean [95% CI]", "B: mean [95% CI]", "effect size (type)", "n (A/B)", "note")) {
                assertTrue(text.contains(header), "claims table column '" + header + "' printed");
            }
            assertTrue(text.contains("Hedges' g = -0.7000"), "the last claim's effect size printed");
            assertTrue(text.contains("metrics digest (sha-256)"), "the digest table's last column printed");
        }
    }
}

package dev.dgmbench.suite.claims;

import dev.dgmbench.results.ClaimResult;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Claim results as a JUnit XML report, for CI dashboards: one {@code <testsuite name="claims">}, one
 * {@code <testcase>} per claim result. A {@code <failure>} is written only when the claim has an expectation and
 * the verdict differs from it; a verdict without an expectation is reported in {@code <system-out>} only (the CLI
 * decides the exit code). Every test case's {@code <system-out>} holds its evidence.
 */
public final class JUnitXml {
    public static final String SUITE = "claims";

    private JUnitXml() {
    }

    public static void write(List<ClaimResult> results, Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            dev.dgmbench.results.AtomicFiles.writeString(file, render(results));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Whether the result counts as a failure in the report: an expectation that was not met. */
    public static boolean isFailure(ClaimResult r) {
        return r.expected() != null && r.verdict() != r.expected();
    }

    public static String render(List<ClaimResult> results) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter w = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            w.writeStartDocument("UTF-8", "1.0");
            w.writeCharacters("\n");
            w.writeStartElement("testsuite");
            w.writeAttribute("name", SUITE);
            w.writeAttribute("tests", Integer.toString(results.size()));
            w.writeAttribute("failures", Long.toString(results.stream().filter(JUnitXml::isFailure).count()));
            w.writeAttribute("errors", "0");
            w.writeAttribute("skipped", "0");
            w.writeAttribute("time", "0");
            for (ClaimResult r : results) {
                w.writeCharacters("\n  ");
                w.writeStartElement("testcase");
                w.writeAttribute("classname", SUITE + "." + clean(r.metric() == null ? "claim" : r.metric()));
                w.writeAttribute("name", clean(r.id()));
                w.writeAttribute("time", "0");
                String evidence = ClaimEvaluator.describe(r);
                if (isFailure(r)) {
                    w.writeCharacters("\n    ");
                    w.writeStartElement("failure");
                    w.writeAttribute("type", r.verdict().name());
                    w.writeAttribute("message", clean("expected " + r.expected() + " but the verdict is " + r.verdict()
                            + " (p = " + ClaimEvaluator.fmt(r.pValue()) + ", " + r.correction() + "-adjusted "
                            + ClaimEvaluator.fmt(r.pAdjusted()) + ", " + r.effectName() + " = "
                            + ClaimEvaluator.fmt(r.effectSize()) + ")"));
                    w.writeCharacters(clean(evidence));
                    w.writeEndElement();
                }
                w.writeCharacters("\n    ");
                w.writeStartElement("system-out");
                String text = evidence;
                if (r.expected() == null && r.verdict() != ClaimResult.Verdict.SUPPORTED) {
                    text = "no expectation set; the claim is " + r.verdict() + "\n" + evidence;
                }
                w.writeCharacters(clean(text));
                w.writeEndElement();
                w.writeCharacters("\n  ");
                w.writeEndElement();
            }
            w.writeCharacters("\n");
            w.writeEndElement();
            w.writeCharacters("\n");
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write JUnit XML: " + e.getMessage(), e);
        }
        return out.toString();
    }

    /** Drops characters XML 1.0 cannot hold (control characters other than tab, newline, carriage return). */
    static String clean(String s) {
        if (s == null) return "";
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(c -> {
            boolean ok = c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF)
                    || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
            b.appendCodePoint(ok ? c : '?');
        });
        return b.toString();
    }
}

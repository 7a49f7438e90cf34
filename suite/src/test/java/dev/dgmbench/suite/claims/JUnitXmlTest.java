package dev.dgmbench.suite.claims;

import dev.dgmbench.results.ClaimResult;
import dev.dgmbench.results.ClaimResult.GroupEvidence;
import dev.dgmbench.results.ClaimResult.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JUnitXmlTest {

    static ClaimResult result(String id, Verdict verdict, Verdict expected, String note) {
        GroupEvidence a = new GroupEvidence("model.beta=1.0", 3, 2.0, 0.5, 1.5, 2.5, new double[]{1.5, 2.0, 2.5}, new long[]{1, 2, 3});
        GroupEvidence b = new GroupEvidence("model.beta=0.2", 3, 1.0, 0.5, 0.5, 1.5, new double[]{0.5, 1.0, 1.5}, new long[]{1, 2, 3});
        return new ClaimResult(id, "KL < & > \"quoted\" 'text'", "kl", "A > B", "welch", 0.05, 0, a, b, 0.01, 0.99,
                2.0, "hedges_g", verdict, expected, note);
    }

    @Test
    void wellFormedWithOneFailurePerUnmetExpectation(@TempDir Path dir) throws Exception {
        List<ClaimResult> results = List.of(
                result("met", Verdict.SUPPORTED, Verdict.SUPPORTED, null),
                result("unmet<&>", Verdict.INCONCLUSIVE, Verdict.SUPPORTED, "a note with \u0001 control & <tags>"),
                result("no-expectation-supported", Verdict.SUPPORTED, null, null),
                result("no-expectation-refuted", Verdict.REFUTED, null, null),
                result("not-evaluated", Verdict.NOT_EVALUATED, Verdict.REFUTED, "too few values"));
        Path file = dir.resolve("out/claims-junit.xml");
        JUnitXml.write(results, file);
        assertTrue(Files.exists(file));

        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
        Element suite = doc.getDocumentElement();
        assertEquals("testsuite", suite.getTagName());
        assertEquals("claims", suite.getAttribute("name"));
        assertEquals("5", suite.getAttribute("tests"));
        assertEquals("2", suite.getAttribute("failures"));
        NodeList cases = suite.getElementsByTagName("testcase");
        assertEquals(5, cases.getLength());
        assertEquals(2, suite.getElementsByTagName("failure").getLength());
        assertEquals(5, suite.getElementsByTagName("system-out").getLength());

        Element unmet = (Element) cases.item(1);
        assertEquals("unmet<&>", unmet.getAttribute("name"));
        Element failure = (Element) unmet.getElementsByTagName("failure").item(0);
        assertTrue(failure.getAttribute("message").startsWith("expected SUPPORTED but the verdict is INCONCLUSIVE"));
        assertTrue(failure.getTextContent().contains("KL < & > \"quoted\" 'text'"));
        assertTrue(failure.getTextContent().contains("a note with ? control & <tags>"));

        Element refuted = (Element) cases.item(3);
        assertEquals(0, refuted.getElementsByTagName("failure").getLength(), "no expectation, no failure");
        String out = refuted.getElementsByTagName("system-out").item(0).getTextContent();
        assertTrue(out.startsWith("no expectation set; the claim is REFUTED"), out);
        assertTrue(out.contains("values [1.500, 2.000, 2.500], seeds [1, 2, 3]"), out);

        Element met = (Element) cases.item(0);
        assertEquals(0, met.getElementsByTagName("failure").getLength());
        assertFalse(met.getElementsByTagName("system-out").item(0).getTextContent().startsWith("no expectation"));
    }

    @Test
    void emptyReport() throws Exception {
        String xml = JUnitXml.render(List.of());
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new java.io.ByteArrayInputStream(xml.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertEquals("0", doc.getDocumentElement().getAttribute("tests"));
    }
}

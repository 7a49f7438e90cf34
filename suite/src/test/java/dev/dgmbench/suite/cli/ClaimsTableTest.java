package dev.dgmbench.suite.cli;

import dev.dgmbench.results.ClaimResult;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The terminal's claims table names the metric, the groups, the effect size's type, and never shows p = 1.00. */
class ClaimsTableTest {
    private static ClaimResult.GroupEvidence group(String label, double mean, int n) {
        return new ClaimResult.GroupEvidence(label, n, mean, 0.1, mean - 0.2, mean + 0.2, new double[n], new long[n]);
    }

    private static String print(List<ClaimResult> claims) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ClaimsTable.print(new PrintStream(bytes, true, StandardCharsets.UTF_8), claims);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void everyColumnSaysWhatItHolds() {
        ClaimResult kl = new ClaimResult("kl-higher-for-higher-beta", "KL grows with beta", "kl", "A > B", "welch", 0.05, 0,
                group("model.beta=1.0", 5.054, 3), group("model.beta=0.2", 18.36, 3), 0.9995218719139002, 0.00048,
                -19.36201078041759, "hedges_g", ClaimResult.Verdict.REFUTED, ClaimResult.Verdict.REFUTED, null);
        ClaimResult sharp = new ClaimResult("langevin-sharper-than-prior", "sharper", "pixel_entropy", "A > B",
                "wilcoxon-paired", 0.05, 0, group("sampler=prior", 1.558, 6), group("sampler=langevin", 1.408, 6),
                0.015625, 0.99, 1.0, "cliffs_delta", ClaimResult.Verdict.SUPPORTED, null, null);
        String[] lines = print(List.of(kl, sharp)).split("\n");
        String header = lines[0];
        for (String column : List.of("metric", "A: mean [95% CI]", "B: mean [95% CI]", "p (1-sided)", "effect size (type)", "n A/B")) {
            assertTrue(header.contains(column), "column " + column + " in " + header);
        }
        assertFalse(header.contains("group A mean"));
        assertTrue(lines[1].startsWith("kl-higher-for-higher-beta"), lines[1]);
        assertTrue(lines[1].contains(" kl "), "the metric in its row: " + lines[1]);
        assertTrue(lines[1].contains(">0.999"), "0.9995 is not 1.00: " + lines[1]);
        assertFalse(lines[1].contains("1.00 "), lines[1]);
        assertTrue(lines[1].contains("Hedges' g = -19.36"), lines[1]);
        assertTrue(lines[1].contains("5.054 [4.854, 5.254]"), lines[1]);
        assertTrue(lines[1].trim().endsWith("3/3"), lines[1]);
        assertEquals("    A = model.beta=1.0, B = model.beta=0.2; claimed A > B by welch at alpha 0.05; refuted on the"
                + " opposite direction's p = 4.80e-4, adjusted 4.80e-4", lines[2]);
        assertTrue(lines[3].contains("0.0156") && lines[3].contains("Cliff's delta = 1.000"), lines[3]);
        assertTrue(lines[4].contains("A = sampler=prior, B = sampler=langevin") && lines[4].contains("wilcoxon-paired"), lines[4]);
        // the columns line up: each value starts where its header does
        assertEquals(header.indexOf("effect size (type)"), lines[1].indexOf("Hedges' g"));
        assertEquals(header.indexOf("metric"), lines[1].indexOf("kl "));
    }
}

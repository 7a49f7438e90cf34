package dev.dgmbench.suite.cli;

import dev.dgmbench.results.ClaimResult;
import dev.dgmbench.results.StudyResults;
import dev.dgmbench.suite.run.E2E;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 26: a study whose posterior collapses (beta = 50 on the tiny digits VAE, 3 epochs) warns through the CLI: in
 * the terminal, in the claim whose group carries the collapse ({@code claims.json}, the claims table) and in the
 * study report.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class SanityWarningsE2ETest {
    @TempDir
    Path tmp;

    @Test
    void aCollapsedPosteriorWarnsInTheTerminalTheClaimAndTheReport() throws IOException {
        Path spec = E2E.tinySpec(tmp, "collapse.yaml", text -> text
                .replace("model.beta: [0.2, 1.0]", "model.beta: [0.2, 50.0]")
                .replace("higher: {model.beta: 1.0}", "higher: {model.beta: 50.0}")
                .replace("    expect: inconclusive\n", ""));
        Path out = tmp.resolve("out");
        E2E.Result r = E2E.cli("run", spec.toString(), "--out", out.toString(), "--quiet", "--workers", "1");
        assertEquals(Main.OK, r.code(), r::toString);
        assertTrue(r.out().contains("WARNING (sanity, docs/validity.md): posterior collapse in "), r::toString);

        ClaimResult claim = StudyResults.read(out).claims().get(0);
        assertTrue(claim.warnings().stream().anyMatch(w -> w.startsWith("A: posterior collapse in 2 of 2 runs (beta=50.0_seed=1: KL ")),
                claim.warnings().toString());
        assertTrue(r.out().contains("    WARNING: A: posterior collapse in 2 of 2 runs"), "beside the claim in the table: " + r);
        String claimsJson = Files.readString(out.resolve(StudyResults.CLAIMS));
        assertTrue(claimsJson.contains("\"warnings\""), claimsJson);

        String md = Files.readString(out.resolve("report/report.md"));
        assertTrue(md.contains("**Sanity warnings**"), md);
        assertTrue(md.contains("⚠ A: posterior collapse in 2 of 2 runs"), "the claim's row says so");
    }
}

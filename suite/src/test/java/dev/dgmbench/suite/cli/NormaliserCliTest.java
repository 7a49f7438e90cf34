package dev.dgmbench.suite.cli;

import dev.dgmbench.results.RunResult;
import dev.dgmbench.results.StudyResults;
import dev.dgmbench.suite.run.E2E;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code dgmbench normaliser} against the run itself: the annealed log Z it estimates from a run's saved classifier
 * is the one a run with {@code prior.nce.normaliser: annealed} records, and the nll_nce it derives (the recorded one
 * moved by the change of log Z) is the one that run computes.
 */
class NormaliserCliTest {
    @TempDir
    Path tmp;

    @Test
    void theRecheckEqualsARunWithTheAnnealedNormaliser() throws IOException {
        Path spec = E2E.tinySpec(tmp);
        Path plain = tmp.resolve("importance"), annealed = tmp.resolve("annealed");
        assertEquals(0, E2E.cli("run", spec.toString(), "--out", plain.toString(), "--no-report", "-q").code());
        assertEquals(0, E2E.cli("run", spec.toString(), "--out", annealed.toString(), "--no-report", "-q",
                "--set", "prior.nce.normaliser=annealed").code());
        E2E.Result r = E2E.cli("normaliser", plain.toString());
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("log Z annealed (ESS)"), r.out());

        List<String> lines = Files.readAllLines(plain.resolve("normaliser.csv"));
        assertEquals(5, lines.size(), "a header and the 4 runs");
        List<String> header = List.of(lines.get(0).split(","));
        Map<String, RunResult> byId = new HashMap<>();
        for (RunResult run : StudyResults.read(annealed).runs()) byId.put(run.info().runId(), run);
        for (String line : lines.subList(1, lines.size())) {
            String[] v = line.split(",");
            Map<String, Double> m = byId.get(v[0]).metrics().model();
            // the same engine, chains and draws: the same bits (CSV numbers are Java's shortest round-trip form)
            assertEquals(m.get("nce_log_z"), Double.parseDouble(v[header.indexOf("annealed_log_z")]), 0, v[0]);
            assertEquals(m.get("nce_log_z_ess"), Double.parseDouble(v[header.indexOf("annealed_log_z_ess")]), 0, v[0]);
            assertEquals(m.get("nll"), Double.parseDouble(v[header.indexOf("nll")]), 0, "the NLL does not use Z");
            // nll_nce moves by exactly the change of log Z (up to the rounding of one subtraction and addition)
            assertEquals(m.get("nll_nce"), Double.parseDouble(v[header.indexOf("annealed_nll_nce")]), 1e-9, v[0]);
        }
    }

    @Test
    void aFolderWithoutRunsIsABadInputNamingIt() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        E2E.Result r = E2E.cli("normaliser", empty.toString(), "--chains", "8");
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().contains(empty.toString()), r.err());
        assertEquals(2, E2E.cli("normaliser", empty.toString(), "--chains", "1").code());
    }
}

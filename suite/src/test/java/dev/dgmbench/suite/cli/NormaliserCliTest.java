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
        assertTrue(Files.readString(plain.resolve("normaliser.csv")).contains(",annealed,"), "the method column");

        List<String> lines = Files.readAllLines(plain.resolve("normaliser.csv"));
        assertEquals(5, lines.size(), "a header and the 4 runs");
        List<String> header = List.of(lines.get(0).split(","));
        Map<String, RunResult> byId = new HashMap<>();
        for (RunResult run : StudyResults.read(annealed).runs()) byId.put(run.info().runId(), run);
        for (String line : lines.subList(1, lines.size())) {
            String[] v = line.split(",");
            Map<String, Double> m = byId.get(v[0]).metrics().model();
            // the same engine, chains and draws: the same bits (CSV numbers are Java's shortest round-trip form)
            assertEquals(m.get("nce_log_z"), Double.parseDouble(v[header.indexOf("recheck_log_z")]), 0, v[0]);
            assertEquals(m.get("nce_log_z_ess"), Double.parseDouble(v[header.indexOf("recheck_log_z_ess")]), 0, v[0]);
            assertEquals(m.get("nll"), Double.parseDouble(v[header.indexOf("nll")]), 0, "the NLL does not use Z");
            // nll_nce moves by exactly the change of log Z (up to the rounding of one subtraction and addition)
            assertEquals(m.get("nll_nce"), Double.parseDouble(v[header.indexOf("recheck_nll_nce")]), 1e-9, v[0]);
        }
    }

    /** The default normaliser (SMC, adaptive schedule) rechecked with the same method is the run's own estimate. */
    @Test
    void theSmcRecheckOnTheAdaptiveScheduleEqualsTheRunsOwnEstimate() throws IOException {
        Path spec = E2E.tinySpec(tmp);
        Path smc = tmp.resolve("smc");
        assertEquals(0, E2E.cli("run", spec.toString(), "--out", smc.toString(), "--no-report", "-q",
                "--set", "prior.nce.normaliser=smc").code());
        E2E.Result r = E2E.cli("normaliser", smc.toString(), "--method", "smc");
        assertEquals(0, r.code(), r.toString());
        List<String> lines = Files.readAllLines(smc.resolve("normaliser.csv"));
        List<String> header = List.of(lines.get(0).split(","));
        for (String line : lines.subList(1, lines.size())) {
            String[] v = line.split(",");
            assertEquals("smc", v[header.indexOf("method")]);
            assertEquals(v[header.indexOf("recorded_log_z")], v[header.indexOf("recheck_log_z")], v[0]);
            assertEquals(v[header.indexOf("recorded_log_z_se")], v[header.indexOf("recheck_log_z_se")], v[0]);
        }
        E2E.Result bad = E2E.cli("normaliser", smc.toString(), "--method", "smc", "--temperatures", "0");
        assertEquals(2, bad.code(), bad.toString());
        assertTrue(bad.err().contains("--temperatures 0: allowed: an integer >= 1 or auto"), bad.err());
        assertEquals(2, E2E.cli("normaliser", smc.toString(), "--method", "importance").code());
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

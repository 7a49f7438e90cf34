package dev.dgmbench.suite.cli;

import dev.dgmbench.results.ClaimResult;
import dev.dgmbench.results.ResultFolder;
import dev.dgmbench.results.RunResult;
import dev.dgmbench.results.StudyResults;
import dev.dgmbench.suite.run.E2E;
import dev.dgmbench.suite.run.ReferenceStudy;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Reproduction through the CLI on the tiny study: its own per-run NLLs as the reference CSV are "reproduced" in
 * every cell, the same CSV with 5 nats added to one cell is "not reproduced" there (verify exits 1), and a
 * malformed CSV is a bad-input error naming file and line (exit 2) before anything runs.
 */
class ReproductionE2ETest extends ReferenceStudy {
    /**
     * With 2 seeds a side, an identical reference has se = the seed sd s and is shown equivalent when m > 2.92 s
     * (t at 0.95, 2 df); 3.5 s does. A 5-nat shift is then not shown equivalent while 5 > m - 2.92 s = 0.58 s, i.e.
     * for seed sds below 8.6 nats (tiny's are about 4).
     */
    static double margin() {
        double sd = 0;
        for (double beta : new double[]{0.2, 1.0}) {
            double[] v = E2E.RUN_IDS.stream().map(id -> ResultFolder.read(reference.resolve(StudyResults.RUNS).resolve(id)))
                    .filter(r -> ((Number) r.info().gridPoint().get("model.beta")).doubleValue() == beta)
                    .mapToDouble(r -> r.metrics().model().get("nll")).toArray();
            sd = Math.max(sd, Math.abs(v[0] - v[1]) / Math.sqrt(2));
        }
        assertTrue(sd < 8, "the test's premise: tiny's seed sd of NLL " + sd + " is below 8 nats");
        return 3.5 * sd;
    }

    /** The reference run's NLLs as a per-run CSV, {@code shift} nats added at beta 0.2. */
    static String csv(double shift) {
        StringBuilder b = new StringBuilder("# the tiny study's own runs\nmodel.beta,seed,metric,value\n");
        for (String id : E2E.RUN_IDS) {
            RunResult r = ResultFolder.read(reference.resolve(StudyResults.RUNS).resolve(id));
            double beta = ((Number) r.info().gridPoint().get("model.beta")).doubleValue();
            double nll = r.metrics().model().get("nll") + (beta == 0.2 ? shift : 0);
            b.append(beta).append(',').append(r.info().seed()).append(",nll,").append(nll).append('\n');
        }
        return b.toString();
    }

    /** tiny.yaml with a reference section naming {@code ref.csv} (next to the spec), and that CSV. */
    static Path specWith(String name, String csvText) throws IOException {
        Path dir = tmp.resolve(name);
        double margin = margin();
        Path s = E2E.tinySpec(dir, "tiny.yaml", t -> t + "\nreference:\n  file: ref.csv\n  margin: " + margin
                + "\n  expect: reproduced\n");
        Files.writeString(dir.resolve("ref.csv"), csvText);
        return s;
    }

    static Path resumed(String name) {
        Path out = tmp.resolve(name);
        E2E.copyTree(reference.resolve(StudyResults.RUNS), out.resolve(StudyResults.RUNS));
        return out;
    }

    @Test
    void identicalIsReproducedAndAPlantedShiftIsNot() throws IOException {
        Path out = resumed("out-same");
        E2E.Result same = E2E.cli("verify", specWith("same", csv(0)).toString(), "--out", out.toString(), "--quiet", "--no-report");
        assertEquals(Main.OK, same.code(), same::toString);
        List<ClaimResult> claims = StudyResults.read(out).claims();
        List<ClaimResult> repro = claims.stream().filter(c -> c.test().equals("tost")).toList();
        assertEquals(List.of("reproduces-ref:nll[model.beta=0.2]", "reproduces-ref:nll[model.beta=1.0]"),
                repro.stream().map(ClaimResult::id).toList());
        for (ClaimResult c : repro) {
            assertEquals(ClaimResult.Verdict.SUPPORTED, c.verdict(), c.note());
            assertTrue(c.note().startsWith("reproduced"), c.note());
        }
        assertEquals(0, E2E.junit(out).getElementsByTagName("failure").getLength());

        Path shiftedOut = resumed("out-shifted");
        E2E.Result shifted = E2E.cli("verify", specWith("shifted", csv(5)).toString(), "--out", shiftedOut.toString(),
                "--quiet", "--no-report");
        assertEquals(Main.CLAIM_MISSED, shifted.code(), shifted::toString);
        assertTrue(shifted.err().contains("reproduces-ref:nll[model.beta=0.2]") && shifted.err().contains("not reproduced"),
                shifted::toString);
        assertFalse(shifted.err().contains("reproduces-ref:nll[model.beta=1.0]"), "the other cell still reproduces");
        Document xml = E2E.junit(shiftedOut);
        assertEquals(1, xml.getElementsByTagName("failure").getLength());
        Element failure = (Element) xml.getElementsByTagName("failure").item(0);
        assertEquals("reproduces-ref:nll[model.beta=0.2]", ((Element) failure.getParentNode()).getAttribute("name"));
        ClaimResult bad = StudyResults.read(shiftedOut).claims().stream()
                .filter(c -> c.id().equals("reproduces-ref:nll[model.beta=0.2]")).findFirst().orElseThrow();
        assertEquals(-5.0, bad.effectSize(), 1e-9, "suite minus reference");
        assertNotEquals(ClaimResult.Verdict.SUPPORTED, bad.verdict());
    }

    @Test
    void aMalformedReferenceIsABadInputErrorNamingFileAndLine() throws IOException {
        String broken = csv(0).replaceFirst("(?m)^1\\.0,1,nll,([0-9.]+)$", "1.0,1,nll");
        Path spec = specWith("broken", broken);
        Path out = tmp.resolve("out-broken");
        E2E.Result r = E2E.cli("verify", spec.toString(), "--out", out.toString(), "--quiet", "--no-report");
        assertEquals(Main.BAD_INPUT, r.code(), r::toString);
        int line = List.of(broken.split("\n")).indexOf("1.0,1,nll") + 1;
        String where = spec.getParent().resolve("ref.csv") + ":" + line + ": reference.file: 3 columns, the header has 4";
        assertTrue(r.err().contains(where), () -> "expected '" + where + "' in\n" + r);
        assertFalse(Files.exists(out.resolve(StudyResults.RUNS)), "nothing ran");
    }
}

package dev.dgmbench.suite.cli;

import dev.dgmbench.results.ClaimResult;
import dev.dgmbench.results.StudyResults;
import dev.dgmbench.suite.run.E2E;
import dev.dgmbench.suite.run.ReferenceStudy;
import dev.dgmbench.suite.spec.SpecException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The command line end to end on the tiny study (4 runs): shards merged into one folder give the unsharded
 * results, {@code verify} fails on a missed expectation, {@code validate} and {@code run} name the file, line and
 * field of spec errors, and {@code explain} lists the runs. The unsharded study runs once for the class.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class CliE2ETest extends ReferenceStudy {

    @Test
    void theReferenceStudyPublishedEveryPlannedRun() {
        assertEquals(E2E.RUN_IDS, E2E.published(reference));
    }

    @Test
    void shardsMergedIntoOneFolderGiveTheUnshardedResults() throws IOException {
        Path one = tmp.resolve("shard1"), two = tmp.resolve("shard2"), merged = tmp.resolve("merged");
        E2E.run(spec, one, 1, "--shard", "1/2");
        E2E.run(spec, two, 1, "--shard", "2/2");
        // Run k (0-based, plan order) belongs to shard (k mod n) + 1.
        assertEquals(List.of(E2E.RUN_IDS.get(0), E2E.RUN_IDS.get(2)), E2E.published(one));
        assertEquals(List.of(E2E.RUN_IDS.get(1), E2E.RUN_IDS.get(3)), E2E.published(two));
        // Each shard judges the claims on what it has: one value per group is too few.
        for (Path shard : List.of(one, two)) {
            ClaimResult c = StudyResults.read(shard).claims().get(0);
            assertEquals(ClaimResult.Verdict.NOT_EVALUATED, c.verdict(), shard + ": " + c.note());
        }

        Path runs = merged.resolve(StudyResults.RUNS);
        Files.createDirectories(runs);
        Files.copy(one.resolve(StudyResults.STUDY), merged.resolve(StudyResults.STUDY));
        for (Path shard : List.of(one, two)) {
            for (String id : E2E.published(shard)) {
                E2E.copyTree(shard.resolve(StudyResults.RUNS).resolve(id), runs.resolve(id));
            }
        }
        // Every run is done, so this starts no worker: it only judges the claims over the merged runs.
        Path noCache = merged.resolve("cache");
        E2E.run(spec, merged, 1);
        assertFalse(Files.exists(noCache), "no worker (and no evaluator) was started for a finished study");
        assertEquals(E2E.RUN_IDS, E2E.runEntries(merged));
        E2E.assertSameResults(reference, merged);
        assertEquals(Files.readString(reference.resolve(StudyResults.CLAIMS)),
                Files.readString(merged.resolve(StudyResults.CLAIMS)));
        assertEquals(Files.readString(reference.resolve(StudyResults.JUNIT)),
                Files.readString(merged.resolve(StudyResults.JUNIT)));
    }

    @Test
    void verifyExitsOneAndWritesAFailureWhenAClaimMissesItsExpectation() throws IOException {
        // The finished runs of the reference are reused (resume), so verify only judges the claims.
        Path out = tmp.resolve("verify");
        Files.createDirectories(out.resolve(StudyResults.RUNS));
        Files.copy(reference.resolve(StudyResults.STUDY), out.resolve(StudyResults.STUDY));
        for (String id : E2E.RUN_IDS) {
            E2E.copyTree(reference.resolve(StudyResults.RUNS).resolve(id), out.resolve(StudyResults.RUNS).resolve(id));
        }

        E2E.Result ok = E2E.cli("verify", spec.toString(), "--out", out.toString(), "--quiet", "--no-report");
        assertEquals(Main.OK, ok.code(), ok::toString);
        assertEquals(0, E2E.junit(out).getElementsByTagName("failure").getLength());
        assertTrue(ok.out().contains(E2E.CLAIM) && ok.out().contains("INCONCLUSIVE"), ok::toString);

        Path wrong = E2E.tinySpec(tmp.resolve("spec-wrong"), "tiny.yaml",
                t -> E2E.replaceOnce(t, "expect: inconclusive", "expect: refuted"));
        E2E.Result missed = E2E.cli("verify", wrong.toString(), "--out", out.toString(), "--quiet", "--no-report");
        assertEquals(Main.CLAIM_MISSED, missed.code(), missed::toString);
        assertTrue(missed.out().contains("REFUTED"), "the table shows the expectation: " + missed);
        assertEquals(E2E.RUN_IDS, E2E.runEntries(out), "verify reused the finished runs");
        E2E.assertSameResults(reference, out);

        Document xml = E2E.junit(out);
        assertEquals("1", xml.getDocumentElement().getAttribute("failures"));
        assertEquals(1, xml.getElementsByTagName("failure").getLength());
        Element failure = (Element) xml.getElementsByTagName("failure").item(0);
        assertEquals(E2E.CLAIM, ((Element) failure.getParentNode()).getAttribute("name"));
        assertEquals("INCONCLUSIVE", failure.getAttribute("type"));
        assertTrue(failure.getAttribute("message").contains("expected REFUTED"), failure.getAttribute("message"));

        ClaimResult c = StudyResults.read(out).claims().get(0);
        assertEquals(ClaimResult.Verdict.REFUTED, c.expected());
        assertFalse(c.meetsExpectation());

        // run (unlike verify) reports the claims but exits 0.
        E2E.Result run = E2E.cli("run", wrong.toString(), "--out", out.toString(), "--quiet", "--no-report");
        assertEquals(Main.OK, run.code(), run::toString);
    }

    @Test
    void validateNamesFileLineAndFieldOfEveryError() throws IOException {
        Path bad = tmp.resolve("invalid").resolve("bad.yaml");
        Files.createDirectories(bad.getParent());
        Files.writeString(bad, """
                name: bad
                model:
                  hidden: 16
                  betta: 1.0
                  beta: -0.5
                """);
        E2E.Result r = E2E.cli("validate", bad.toString());
        assertEquals(SpecException.EXIT_CODE, r.code(), r::toString);
        assertEquals(2, r.code());
        assertTrue(r.err().contains("bad.yaml:4: model.betta: unknown key 'betta'"), r::toString);
        assertTrue(r.err().contains("bad.yaml:5: model.beta: -0.5 is out of range"), r::toString);
        assertTrue(r.err().contains(bad.toString()), "the file as given on the command line: " + r);
        assertFalse(r.out().contains("valid"), r::toString);

        // run refuses the same spec before it writes anything.
        Path out = tmp.resolve("invalid-out");
        E2E.Result run = E2E.cli("run", bad.toString(), "--out", out.toString(), "--quiet", "--no-report");
        assertEquals(2, run.code(), run::toString);
        assertTrue(run.err().contains("bad.yaml:5: model.beta"), run::toString);
        assertFalse(Files.exists(out), "nothing written for an invalid spec");

        E2E.Result good = E2E.cli("validate", spec.toString());
        assertEquals(Main.OK, good.code(), good::toString);
        assertTrue(good.out().contains("valid (tiny, 2 grid points x 2 seeds, 1 claims)"), good::toString);
        assertTrue(good.err().isBlank(), good::toString);
    }

    @Test
    void explainPrintsTheRuns() {
        E2E.Result r = E2E.cli("explain", spec.toString());
        assertEquals(Main.OK, r.code(), r::toString);
        assertTrue(r.out().contains("study: tiny"), r::toString);
        assertTrue(r.out().contains("2 grid point(s) x 2 seed(s) = 4 run(s)"), r::toString);
        assertTrue(r.out().contains("samplers per run: prior, langevin, mala, sir"), r::toString);
        for (String id : E2E.RUN_IDS) assertTrue(r.out().contains(id), id + " missing:\n" + r);
        assertTrue(r.out().contains(E2E.CLAIM), r::toString);

        E2E.Result shard = E2E.cli("explain", spec.toString(), "--shard", "2/2");
        assertEquals(Main.OK, shard.code(), shard::toString);
        assertTrue(shard.out().contains(E2E.RUN_IDS.get(1)) && shard.out().contains(E2E.RUN_IDS.get(3)), shard::toString);
        assertFalse(shard.out().contains(E2E.RUN_IDS.get(0)) || shard.out().contains(E2E.RUN_IDS.get(2)), shard::toString);
    }
}

package dev.dgmbench.suite.cli;

import dev.dgmbench.results.ResultFolder;
import dev.dgmbench.results.RunResult;
import dev.dgmbench.suite.plan.ResolvedRun;
import dev.dgmbench.suite.plan.RunArithmetic;
import dev.dgmbench.suite.run.E2E;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code floor} on a finished tiny study: every run records what the count needs, and the totals add up. */
class FloorCommandTest {
    @TempDir
    Path tmp;

    @Test
    void countsAFinishedStudyAndSetsItsWallTimeBesideTheFloor() throws java.io.IOException {
        Path out = tmp.resolve("out");
        E2E.run(E2E.tinySpec(tmp), out, 1);
        double total = 0;
        int runs = ResultFolder.list(out.resolve("runs")).size();
        for (Path dir : ResultFolder.list(out.resolve("runs"))) {
            RunResult r = ResultFolder.read(dir);
            assertTrue(r.provenance().containsKey(RunArithmetic.NCE_EPOCHS), r.provenance()::toString);
            total += RunArithmetic.of(ResolvedRun.from(r.info().config()), r).total();
        }
        E2E.Result f = E2E.cli("floor", out.toString(), "--gflops", "2", "--lanes", "2", "--wall", "10");
        assertEquals(Main.OK, f.code(), f::toString);
        assertTrue(f.out().contains(runs + " finished runs") && f.out().contains("products at 2.0 GFLOP/s a lane"), f::toString);
        for (String phase : new String[]{"train", "nce", "nll", "langevin", "metrics", "total"}) {
            assertTrue(f.out().lines().anyMatch(l -> l.startsWith(phase + " ")), () -> phase + " missing:\n" + f.out());
        }
        String floor = String.format(Locale.ROOT, "study: floor %.1f s on 2 lane(s); wall 10.0 s", total / 2e9 / 2);
        assertTrue(f.out().contains(floor), () -> floor + "\n" + f.out());
        assertFalse(f.out().contains("assumed:"), f::toString);

        // a run whose configuration an older dgmbench wrote (no samplers.langevin.max_steps) is left out, and said so
        Path first = ResultFolder.list(out.resolve("runs")).get(0);
        Path runJson = first.resolve(ResultFolder.RUN);
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode tree = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(runJson.toFile());
        ((com.fasterxml.jackson.databind.node.ObjectNode) tree.path("config").path("samplers").path("langevin")).remove("max_steps");
        json.writeValue(runJson.toFile(), tree);
        E2E.Result older = E2E.cli("floor", out.toString(), "--gflops", "2");
        assertEquals(Main.OK, older.code(), older::toString);
        assertTrue(older.out().contains((runs - 1) + " finished runs") && older.out().contains("1 finished run(s) left out")
                && older.out().contains("runs/" + first.getFileName() + "/run.json"), older::toString);
    }

    @Test
    void badInputExitsTwoNamingTheOption() {
        E2E.Result r = E2E.cli("floor", tmp.toString(), "--gflops", "0");
        assertEquals(Main.BAD_INPUT, r.code(), r::toString);
        assertTrue(r.err().contains("--gflops 0.0") && r.err().contains("a positive number"), r::toString);
        E2E.Result none = E2E.cli("floor", tmp.toString(), "--gflops", "100");
        assertEquals(Main.BAD_INPUT, none.code(), none::toString);
        assertTrue(none.err().contains("not a dgmbench result folder (no study.json)"), none::toString);
    }
}

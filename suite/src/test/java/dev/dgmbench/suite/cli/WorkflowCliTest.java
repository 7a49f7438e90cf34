package dev.dgmbench.suite.cli;

import dev.dgmbench.results.ClaimResult;
import dev.dgmbench.results.CanonicalJson;
import dev.dgmbench.results.ResultFolder;
import dev.dgmbench.results.RunInfo;
import dev.dgmbench.results.StudyInfo;
import dev.dgmbench.results.StudyResults;
import dev.dgmbench.suite.run.E2E;
import dev.dgmbench.suite.run.FolderOwnership;
import dev.dgmbench.suite.spec.SpecLoader;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The daily workflow through the real command line, on one folder in order: {@code --only} runs exactly the runs it
 * names and leaves the claims unjudged; a changed spec ({@code --set}) into that folder is refused, also through a
 * symlink, and loses nothing; {@code --force} replaces the runs and keeps the old ones under {@code replaced/};
 * {@code --set}, {@code --seeds} and sweeps make the plan they say; {@code explain} leaves out finished runs.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WorkflowCliTest {
    @TempDir
    static Path tmp;

    private static Path spec() {
        return tmp.resolve("tiny.yaml");
    }

    private static Path folder() {
        return tmp.resolve("study");
    }

    @Test
    @Order(1)
    void onlyRunsTheSelectedRunsAndLeavesIncompleteClaimsUnjudged() throws IOException {
        E2E.tinySpec(tmp);
        E2E.Result r = E2E.cli("run", spec().toString(), "--out", folder().toString(), "--no-report", "--workers", "1",
                "--only", "model.beta=0.2");
        assertEquals(0, r.code(), r.toString());
        assertEquals(List.of("beta=0.2_seed=1", "beta=0.2_seed=2"), E2E.published(folder()));
        assertTrue(r.out().contains("2 runs planned (selected by --only, of 4), 0 already done, 2 to run"), r.out());
        assertTrue(r.out().contains("1 of 1 claim(s) not judged: their groups' runs are not all done (2 of 4 runs"), r.out());
        ClaimResult c = StudyResults.read(folder()).claims().get(0);
        assertEquals(ClaimResult.Verdict.NOT_EVALUATED, c.verdict());
        assertTrue(c.note().startsWith("not judged: 2 of the 4 runs of its groups are not done"), c.note());
        // the operative spec is written beside the results and loads back to the same study
        Path written = folder().resolve(FolderOwnership.SPEC);
        var again = SpecLoader.parse(Files.readString(written), written.toString(), spec(), false);
        assertEquals(SpecLoader.load(spec()).canonicalDigest(), again.canonicalDigest());
        StudyInfo info = CanonicalJson.read(folder().resolve(StudyResults.STUDY), StudyInfo.class);
        assertTrue(info.rerun().endsWith("--only model.beta=0.2 --out " + folder()), info.rerun());

        // one run by its id
        E2E.Result one = E2E.cli("run", spec().toString(), "--out", folder().toString(), "--no-report", "--workers", "1",
                "--only", "beta=1.0_seed=2", "--quiet");
        assertEquals(0, one.code(), one.toString());
        assertEquals(List.of("beta=0.2_seed=1", "beta=0.2_seed=2", "beta=1.0_seed=2"), E2E.published(folder()));
    }

    @Test
    @Order(2)
    void explainLeavesOutTheFinishedRuns() {
        E2E.Result r = E2E.cli("explain", spec().toString(), "--out", folder().toString(), "--no-probe");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("3 of the 4 run(s) are already done in " + folder()), r.out());
        assertTrue(r.out().contains("wall time for 1 run(s)"), r.out());
        assertTrue(r.out().contains("\nbeta=1.0_seed=1 "), r.out());
        assertFalse(r.out().contains("\nbeta=0.2_seed=1 "), r.out());
    }

    @Test
    @Order(3)
    void aChangedSpecIntoTheFolderExitsTwoNamingBothStudiesAndTheFieldsAndLosesNothing() throws IOException {
        Map<String, String> before = digests(folder());
        List<String> listing = listing(folder());
        Path other = E2E.tinySpec(tmp, "other.yaml", t -> t.replace("name: tiny", "name: other"));
        Path link = tmp.resolve("link");
        Files.createSymbolicLink(link, folder());
        for (String[] args : List.of(
                new String[]{"run", spec().toString(), "--out", folder().toString(), "--set", "training.max_epochs=2"},
                new String[]{"run", spec().toString(), "--out", link.toString(), "--set", "training.max_epochs=2"},
                new String[]{"verify", other.toString(), "--out", folder().toString(), "--seeds", "1-3"})) {
            E2E.Result r = E2E.cli(args);
            assertEquals(2, r.code(), r.toString());
            assertTrue(r.err().contains("holds 3 finished run(s) of study 'tiny' (spec digest "), r.err());
            assertTrue(r.err().contains("Nothing was changed; allowed: a fresh --out, or --force to replace them"), r.err());
            assertEquals(before, digests(folder()));
            assertEquals(listing, listing(folder()));
        }
        E2E.Result epochs = E2E.cli("run", spec().toString(), "--out", folder().toString(), "--set", "training.max_epochs=2");
        assertTrue(epochs.err().contains("not of this study 'tiny'"), epochs.err());
        assertTrue(epochs.err().contains("the specs differ in 1 field(s): training.max_epochs: 3 -> 2."), epochs.err());
        E2E.Result named = E2E.cli("run", other.toString(), "--out", folder().toString(), "--seeds", "1-3");
        assertTrue(named.err().contains("not of this study 'other'"), named.err());
        assertTrue(named.err().contains("the specs differ in 2 field(s): name: tiny -> other; seeds: [1, 2] -> [1, 2, 3]."), named.err());
        // how the runs are judged is not what they are: a changed correction judges the same runs anew
        E2E.Result judged = E2E.cli("run", spec().toString(), "--out", folder().toString(), "--no-report", "--workers",
                "1", "--set", "claims_correction=none", "--only", "beta=0.2_seed=1");
        assertEquals(0, judged.code(), judged.toString());
        assertEquals(before, digests(folder()));
    }

    @Test
    @Order(4)
    void forceReplacesTheRunsAndKeepsTheOldOnesUnderReplaced() throws IOException {
        Map<String, String> before = digests(folder());
        E2E.Result r = E2E.cli("run", spec().toString(), "--out", folder().toString(), "--no-report", "--workers", "1",
                "--quiet", "--force", "--set", "training.max_epochs=2", "--only", "beta=0.2_seed=1");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.err().contains("--force: the 3 run(s) of study 'tiny' (spec digest "), r.err());
        assertEquals(List.of("beta=0.2_seed=1"), E2E.published(folder()));
        RunInfo info = CanonicalJson.read(folder().resolve("runs/beta=0.2_seed=1/run.json"), RunInfo.class);
        assertEquals(2, ((Map<?, ?>) info.config().get("training")).get("max_epochs"));
        List<Path> replaced;
        try (Stream<Path> s = Files.list(folder().resolve(FolderOwnership.REPLACED))) {
            replaced = s.toList();
        }
        assertEquals(1, replaced.size(), replaced.toString());
        assertEquals(before, digests(replaced.get(0)));
        assertTrue(Files.exists(replaced.get(0).resolve(StudyResults.STUDY)));
        assertTrue(Files.readString(folder().resolve(FolderOwnership.SPEC)).contains("max_epochs: 2"));
    }

    @Test
    @Order(5)
    void forceOnTheSameStudyKeepsTheRedoneRunAndGetsItsBitsAgain() throws IOException {
        Map<String, String> before = digests(folder());
        Path replaced = folder().resolve(FolderOwnership.REPLACED);
        List<Path> earlier;
        try (Stream<Path> s = Files.list(replaced)) {
            earlier = s.toList();
        }
        E2E.Result r = E2E.cli("run", spec().toString(), "--out", folder().toString(), "--no-report", "--workers", "1",
                "--quiet", "--force", "--set", "training.max_epochs=2", "--only", "beta=0.2_seed=1");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.err().contains("--force: 1 finished run(s) to be done again are kept in " + replaced), r.err());
        List<Path> added;
        try (Stream<Path> s = Files.list(replaced)) {
            added = s.filter(p -> !earlier.contains(p)).toList();
        }
        assertEquals(1, added.size(), added.toString());
        assertEquals(before, digests(added.get(0)), "the redone run is kept");
        assertEquals(before, digests(folder()), "and done again to the same bits");
    }

    @Test
    @Order(6)
    void setSeedsAndSweepsMakeThePlanTheySay() {
        E2E.Result r = E2E.cli("explain", spec().toString(), "--no-probe", "--out", tmp.resolve("none").toString(),
                "--set", "model.latent=2,4", "--seeds", "1-3,7", "--set", "training.max_epochs=1",
                "--set", "prior.nce.hidden=[4, 4]");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("  model.beta = [0.2, 1.0]\n  model.latent = [2, 4]\n"), r.out());
        assertTrue(r.out().contains("seeds: [1, 2, 3, 7]"), r.out());
        assertTrue(r.out().contains("runs: 4 grid point(s) x 4 seed(s) = 16 run(s)"), r.out());
        E2E.Result v = E2E.cli("validate", spec().toString(), "--grid", "model.latent=2", "--set", "training.patience=1");
        assertEquals(0, v.code(), v.toString());
        assertTrue(v.out().contains("valid (tiny, 2 grid points x 2 seeds"), v.out());
    }

    @Test
    @Order(7)
    void anInterruptedRunSaysHowToResume() throws Exception {
        Path log = tmp.resolve("interrupted.log");
        Process p = E2E.startRun(spec(), tmp.resolve("interrupted"), log);
        E2E.await(p, log, "the workers start", () -> {
            try {
                return Files.readString(log).contains("running ");
            } catch (IOException e) {
                return false;
            }
        });
        p.destroy(); // SIGTERM: the JVM runs its shutdown hooks as on Ctrl-C
        p.waitFor();
        assertTrue(Files.readString(log).contains("interrupted; rerun the same command to resume"), Files.readString(log));
    }

    @Test
    void helpListsBenchAndABadPgportIsNamed() throws Exception {
        E2E.Result help = E2E.cli("--help");
        assertTrue(help.out().contains("\n  bench "), help.out());
        E2E.Result bench = E2E.cli("bench", "--list");
        assertEquals(2, bench.code(), bench.toString());
        assertTrue(bench.err().contains("the benchmarks run through the ./dgmbench launcher"), bench.err());

        // the libpq variables a PostgreSQL user already has: a bad PGPORT is named, before any driver is asked
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(javaBin, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                "dev.dgmbench.suite.cli.Main", "history", "quick").redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("PG") || k.startsWith("DGMBENCH_STORE"));
        pb.environment().putAll(Map.of("PGHOST", "localhost", "PGPORT", "abc"));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(2, p.waitFor(), out);
        assertTrue(out.contains("PGPORT=abc is not a port number; allowed: 1 to 65535"), out);
        assertFalse(out.contains("Exception"), out);
    }

    private static Map<String, String> digests(Path folder) {
        Map<String, String> out = new java.util.TreeMap<>();
        E2E.fileOfRuns(folder, ResultFolder.DIGEST).forEach((id, bytes) -> out.put(id, new String(bytes, java.nio.charset.StandardCharsets.UTF_8)));
        return out;
    }

    private static List<String> listing(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.map(p -> dir.relativize(p).toString()).filter(n -> !n.equals(".dgmbench.lock")).sorted().toList();
        }
    }
}

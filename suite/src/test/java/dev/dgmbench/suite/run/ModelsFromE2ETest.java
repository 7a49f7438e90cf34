package dev.dgmbench.suite.run;

import dev.dgmbench.results.ResultFolder;
import dev.dgmbench.results.RunResult;
import dev.dgmbench.results.RunStatus;
import dev.dgmbench.results.StudyResults;
import dev.dgmbench.suite.cli.Main;
import dev.dgmbench.suite.pipeline.ModelFiles;
import dev.dgmbench.suite.pipeline.RunPipeline;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code run SPEC --models-from OLD} end to end, with real worker JVMs, on the tiny study with engine {@code java}:
 * spec B (Langevin with 7 steps) run with the models of a folder of spec A (5 steps) publishes, run for run, exactly
 * the digests and metrics of spec B run in full; runs whose settings differ outside the samplers, or that OLD lacks,
 * are trained afresh and the command says why; a missing OLD, OLD as the output folder and models trained on other
 * data are refused as bad input (exit 2) naming the path.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class ModelsFromE2ETest {
    @TempDir
    static Path tmp;
    static Path specA, specB, folderA, folderB;

    /** Spec A and B differ only in a sampler setting; both run in full once for the class. */
    @BeforeAll
    static void runBothSpecsInFull() {
        specA = E2E.tinySpec(tmp.resolve("spec"), "tiny-a.yaml", ModelsFromE2ETest::javaEngine);
        specB = E2E.tinySpec(tmp.resolve("spec"), "tiny-b.yaml",
                s -> E2E.replaceOnce(javaEngine(s), "langevin: {steps: 5,", "langevin: {steps: 7,"));
        folderA = tmp.resolve("a");
        folderB = tmp.resolve("b");
        E2E.run(specA, folderA, 2);
        E2E.run(specB, folderB, 2);
    }

    private static String javaEngine(String spec) {
        String s = spec.replace("  latent: 4\n", "  latent: 4\n  engine: java\n");
        assertNotEquals(spec, s);
        return s;
    }

    @Test
    void specBOnTheModelsOfSpecAIsBitIdenticalToSpecBInFull() throws IOException {
        Path out = tmp.resolve("b-on-a");
        E2E.Result r = E2E.cli("run", specB.toString(), "--out", out.toString(), "--no-report", "--workers", "2",
                "--models-from", folderA.toString());
        assertEquals(Main.OK, r.code(), r::toString);
        assertTrue(r.out().contains("--models-from " + folderA + ": 4 of 4 run(s) to run reuse their trained models"), r::toString);
        assertFalse(r.out().contains("trained afresh"), r::toString);

        assertEquals(E2E.RUN_IDS, E2E.published(out));
        E2E.assertSameResults(folderB, out); // digest.txt and metrics.json, byte for byte
        // history.json is A's as recorded (its epochs' seconds are timings, so no full run repeats it byte for byte)
        Map<String, byte[]> historyA = E2E.fileOfRuns(folderA, ResultFolder.HISTORY), history = E2E.fileOfRuns(out, ResultFolder.HISTORY);
        for (String id : E2E.RUN_IDS) assertArrayEquals(historyA.get(id), history.get(id), "history.json of " + id);
        for (String file : List.of(ResultFolder.SAMPLES, ResultFolder.TRACES,
                ResultFolder.MODEL_DIR + "/" + ModelFiles.VAE, ResultFolder.MODEL_DIR + "/" + ModelFiles.NCE,
                ResultFolder.MODEL_DIR + "/" + ModelFiles.FINGERPRINT)) {
            Map<String, byte[]> full = E2E.fileOfRuns(folderB, file), reused = E2E.fileOfRuns(out, file);
            for (String id : E2E.RUN_IDS) assertArrayEquals(full.get(id), reused.get(id), file + " of " + id);
        }
        assertEquals(Files.readString(folderB.resolve(StudyResults.CLAIMS)), Files.readString(out.resolve(StudyResults.CLAIMS)));

        for (String id : E2E.RUN_IDS) {
            RunResult a = read(folderA, id), b = read(out, id);
            assertEquals(RunStatus.OK, b.info().status());
            Map<?, ?> langevin = (Map<?, ?>) ((Map<?, ?>) b.info().config().get("samplers")).get("langevin");
            assertEquals(7, ((Number) langevin.get("steps")).intValue(), "run.json holds the new run's config");
            String digestA = Files.readString(folderA.resolve(StudyResults.RUNS).resolve(id).resolve(ResultFolder.DIGEST)).trim();
            assertEquals(folderA.resolve(StudyResults.RUNS).resolve(id) + " (digest " + digestA + ")",
                    b.provenance().get(RunPipeline.MODELS_FROM));
            // not trained again: the training times are those recorded by A; the samplers ran again (other numbers)
            assertEquals(a.timings().get("train_seconds"), b.timings().get("train_seconds"), id);
            assertEquals(a.timings().get("nll_seconds"), b.timings().get("nll_seconds"), id);
            assertEquals(a.metrics().model(), b.metrics().model(), id);
            assertNotEquals(a.metrics().samplers().get("langevin"), b.metrics().samplers().get("langevin"), id);
            assertEquals(a.metrics().samplers().get("prior"), b.metrics().samplers().get("prior"), id);
            assertNull(read(folderB, id).provenance().get(RunPipeline.MODELS_FROM), "a full run records no models_from");
        }
        assertTrue(Files.readString(out.resolve(StudyResults.STUDY)).contains("--models-from " + folderA),
                "study.json's rerun command keeps --models-from");
    }

    /**
     * A run whose settings differ outside the samplers is trained afresh, as is one OLD does not hold; the command
     * says why, once; the run that qualifies still gives the full run's numbers.
     */
    @Test
    void runsWhoseModelSettingsDifferOrThatOldLacksAreTrainedAfreshAndTheCommandSaysWhy() throws IOException {
        Path init = tmp.resolve("init");
        E2E.Result r = E2E.cli("run", specB.toString(), "--out", init.toString(), "--no-report", "--workers", "1",
                "--set", "model.init=glorot", "--only", "beta=0.2_seed=1", "--models-from", folderA.toString());
        assertEquals(Main.OK, r.code(), r::toString);
        assertTrue(r.out().contains("--models-from " + folderA + ": 0 of 1 run(s) to run reuse their trained models"
                + " (only the samplers and sample metrics run again); 1 run trained afresh: config differs in model.init\n"), r::toString);
        RunResult trained = read(init, "beta=0.2_seed=1");
        assertNull(trained.provenance().get(RunPipeline.MODELS_FROM));
        assertNotEquals(read(folderA, "beta=0.2_seed=1").timings().get("train_seconds"), trained.timings().get("train_seconds"));

        // seeds 1 and 3: seed 1 reuses A's models, seed 3 is not in A; two runs continued at once in one worker
        Path seeds = tmp.resolve("seeds");
        r = E2E.cli("run", specB.toString(), "--out", seeds.toString(), "--no-report", "--workers", "1",
                "--concurrent-runs", "2", "--seeds", "1,3", "--only", "model.beta=0.2", "--models-from", folderA.toString());
        assertEquals(Main.OK, r.code(), r::toString);
        assertTrue(r.out().contains(": 1 of 2 run(s) to run reuse their trained models (only the samplers and sample"
                + " metrics run again); 1 run trained afresh: no finished run of that id there\n"), r::toString);
        assertEquals(List.of("beta=0.2_seed=1", "beta=0.2_seed=3"), E2E.published(seeds));
        assertTrue(read(seeds, "beta=0.2_seed=1").provenance().containsKey(RunPipeline.MODELS_FROM));
        assertNull(read(seeds, "beta=0.2_seed=3").provenance().get(RunPipeline.MODELS_FROM));
        assertArrayEquals(E2E.fileOfRuns(folderB, ResultFolder.DIGEST).get("beta=0.2_seed=1"),
                E2E.fileOfRuns(seeds, ResultFolder.DIGEST).get("beta=0.2_seed=1"), "the reused run gives B's digest");
    }

    /** explain --models-from estimates the reusing runs without training or NLL, and says how many reuse. */
    @Test
    void explainEstimatesTheRunsThatReuseModelsWithoutTraining() {
        E2E.Result full = E2E.cli("explain", specB.toString(), "--no-probe", "--out", tmp.resolve("e").toString());
        E2E.Result reused = E2E.cli("explain", specB.toString(), "--no-probe", "--out", tmp.resolve("e").toString(),
                "--models-from", folderA.toString());
        assertEquals(Main.OK, full.code(), full::toString);
        assertEquals(Main.OK, reused.code(), reused::toString);
        assertTrue(reused.out().contains("--models-from " + folderA + ": 4 of 4 run(s) to run reuse their trained models"), reused::toString);
        for (String id : E2E.RUN_IDS) {
            String[] cells = line(reused.out(), id).trim().split("\\s+"), before = line(full.out(), id).trim().split("\\s+");
            assertEquals("0.0s", cells[1], "no training: " + String.join(" ", cells));
            assertEquals("0.0s", cells[3], "no NLL: " + String.join(" ", cells));
            assertTrue(!before[1].equals("0.0s"), "a full run trains: " + String.join(" ", before));
        }
    }

    private static String line(String text, String runId) {
        return text.lines().filter(l -> l.startsWith(runId + " ")).findFirst().orElseThrow(() -> new AssertionError(runId + " in " + text));
    }

    @Test
    void aMissingOldFolderOrTheOutputFolderItselfIsBadInputNamingThePath() {
        Path missing = tmp.resolve("no-such-folder");
        E2E.Result r = E2E.cli("run", specB.toString(), "--out", tmp.resolve("x").toString(), "--quiet", "--no-report",
                "--models-from", missing.toString());
        assertEquals(Main.BAD_INPUT, r.code(), r::toString);
        assertTrue(r.err().contains("--models-from " + missing + ": no such folder; allowed: an earlier results folder"), r::toString);

        r = E2E.cli("run", specA.toString(), "--out", folderA.toString(), "--quiet", "--no-report",
                "--models-from", folderA.toString());
        assertEquals(Main.BAD_INPUT, r.code(), r::toString);
        assertTrue(r.err().contains("--models-from " + folderA + ": is the output folder (--out)"), r::toString);
    }

    @Test
    void modelsTrainedOnOtherDataAreRefusedNamingTheFingerprintFile() throws IOException {
        Path tampered = tmp.resolve("tampered");
        E2E.copyTree(folderA, tampered);
        Path fingerprint = ModelFiles.dir(tampered.resolve(StudyResults.RUNS).resolve("beta=1.0_seed=2")).resolve(ModelFiles.FINGERPRINT);
        Files.writeString(fingerprint, "0".repeat(64) + "\n");
        Path out = tmp.resolve("refused");
        E2E.Result r = E2E.cli("run", specB.toString(), "--out", out.toString(), "--quiet", "--no-report",
                "--models-from", tampered.toString());
        assertEquals(Main.BAD_INPUT, r.code(), r::toString);
        assertTrue(r.err().contains("error: " + fingerprint + ": the models were trained on other data"), r::toString);
        assertEquals(List.of(), E2E.published(out), "refused before any run");
    }

    private static RunResult read(Path folder, String id) {
        return ResultFolder.read(folder.resolve(StudyResults.RUNS).resolve(id));
    }
}

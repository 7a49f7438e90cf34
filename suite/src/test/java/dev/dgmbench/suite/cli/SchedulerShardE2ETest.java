package dev.dgmbench.suite.cli;

import dev.dgmbench.results.ClaimResult;
import dev.dgmbench.results.StudyResults;
import dev.dgmbench.suite.run.E2E;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code --shard auto} through the real CLI in a child JVM whose environment is that of an array job: a Slurm task
 * and a Kubernetes indexed pod each run their share, the folders are merged, and a rerun judges the claims over all
 * runs; bad variables exit 2 naming the variable.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class SchedulerShardE2ETest {
    @TempDir
    Path tmp;

    @Test
    void slurmAndKubernetesShardsMergeIntoTheWholeStudy() throws Exception {
        Path spec = E2E.tinySpec(tmp.resolve("spec"));
        Path one = tmp.resolve("slurm"), two = tmp.resolve("k8s"), merged = tmp.resolve("merged");
        E2E.Result a = dgmbench(Map.of("SLURM_ARRAY_TASK_ID", "0", "SLURM_ARRAY_TASK_COUNT", "2"),
                "run", spec.toString(), "--shard", "auto", "--out", one.toString(), "-q", "--no-report", "--workers", "1");
        assertEquals(Main.OK, a.code(), a::toString);
        E2E.Result b = dgmbench(Map.of("JOB_COMPLETION_INDEX", "1"),
                "run", spec.toString(), "--shard", "auto/2", "--out", two.toString(), "-q", "--no-report", "--workers", "1");
        assertEquals(Main.OK, b.code(), b::toString);
        assertEquals(List.of(E2E.RUN_IDS.get(0), E2E.RUN_IDS.get(2)), E2E.published(one));
        assertEquals(List.of(E2E.RUN_IDS.get(1), E2E.RUN_IDS.get(3)), E2E.published(two));

        Files.createDirectories(merged.resolve(StudyResults.RUNS));
        Files.copy(one.resolve(StudyResults.STUDY), merged.resolve(StudyResults.STUDY));
        for (Path shard : List.of(one, two)) {
            for (String id : E2E.published(shard)) {
                E2E.copyTree(shard.resolve(StudyResults.RUNS).resolve(id), merged.resolve(StudyResults.RUNS).resolve(id));
            }
        }
        E2E.Result r = E2E.run(spec, merged, 1);
        assertTrue(r.out().contains(E2E.CLAIM), r::toString);
        assertEquals(E2E.RUN_IDS, E2E.published(merged));
        // Each run keeps its weights for other tools too (NpzFileTest checks the format itself).
        for (String id : E2E.RUN_IDS) {
            Path model = merged.resolve(StudyResults.RUNS).resolve(id).resolve("model");
            try (var zip = new java.util.zip.ZipFile(model.resolve("vae.npz").toFile())) {
                assertTrue(zip.getEntry("enc1.w.npy") != null && zip.getEntry("dec_out.b.npy") != null, id);
            }
            assertTrue(Files.size(model.resolve("nce.npz")) > 0, id);
        }
        ClaimResult c = StudyResults.read(merged).claims().get(0);
        assertNotEquals(ClaimResult.Verdict.NOT_EVALUATED, c.verdict(), "the merged folder has both groups: " + c.note());
    }

    @Test
    void explainShowsTheSchedulersShareAndBadVariablesExitTwo() throws Exception {
        Path spec = E2E.tinySpec(tmp.resolve("spec"));
        E2E.Result ok = dgmbench(Map.of("SLURM_ARRAY_TASK_ID", "11", "SLURM_ARRAY_TASK_MIN", "10", "SLURM_ARRAY_TASK_MAX", "11"),
                "explain", spec.toString(), "--shard", "auto");
        assertEquals(Main.OK, ok.code(), ok::toString);
        assertTrue(ok.out().contains("this is shard 2/2"), ok::toString);

        E2E.Result bad = dgmbench(Map.of("SLURM_ARRAY_TASK_ID", "one", "SLURM_ARRAY_TASK_COUNT", "2"),
                "explain", spec.toString(), "--shard", "auto");
        assertEquals(Main.BAD_INPUT, bad.code(), bad::toString);
        assertTrue(bad.err().contains("SLURM_ARRAY_TASK_ID='one'") && bad.err().contains("whole number"), bad::toString);

        E2E.Result noCount = dgmbench(Map.of("JOB_COMPLETION_INDEX", "0"), "run", spec.toString(), "--shard", "auto",
                "--out", tmp.resolve("never").toString(), "-q");
        assertEquals(Main.BAD_INPUT, noCount.code(), noCount::toString);
        assertTrue(noCount.err().contains("DGMBENCH_SHARD_COUNT"), noCount::toString);
        assertTrue(!Files.exists(tmp.resolve("never").resolve(StudyResults.RUNS)), "nothing ran");

        E2E.Result none = dgmbench(Map.of(), "explain", spec.toString(), "--shard", "auto");
        assertEquals(Main.BAD_INPUT, none.code(), none::toString);
        assertTrue(none.err().contains("no scheduler variable"), none::toString);
    }

    /** {@code dgmbench args} in a child JVM with this test's class path and {@code env} as the only scheduler variables. */
    static E2E.Result dgmbench(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().keySet().removeIf(k -> k.startsWith("SLURM_") || k.startsWith("DGMBENCH_SHARD")
                || k.equals("JOB_COMPLETION_INDEX"));
        pb.environment().putAll(env);
        Path out = Files.createTempFile("dgmbench-out", ".txt"), err = Files.createTempFile("dgmbench-err", ".txt");
        try {
            Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            assertTrue(p.waitFor(4, TimeUnit.MINUTES), "dgmbench " + String.join(" ", args) + " did not finish");
            return new E2E.Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}

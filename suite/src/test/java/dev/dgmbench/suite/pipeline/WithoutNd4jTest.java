package dev.dgmbench.suite.pipeline;

import dev.dgmbench.results.CanonicalJson;
import dev.dgmbench.results.ResultFolder;
import dev.dgmbench.results.RunResult;
import dev.dgmbench.results.RunStatus;
import dev.dgmbench.suite.run.E2E;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The core needs no ND4J: a whole study (plan, workers, every pipeline step, claims, report) runs with engine
 * {@code java} in JVMs whose class path holds no ND4J, JavaCPP or OpenBLAS jar and not the engine-nd4j module.
 */
class WithoutNd4jTest {
    static final List<String> NATIVE = List.of("nd4j", "bytedeco", "openblas", "engine-nd4j", "javacpp");

    @Test
    void aStudyRunsOnTheJavaEngineWithNoNd4jOnTheClassPath(@TempDir Path dir) throws Exception {
        List<String> kept = new ArrayList<>();
        int dropped = 0;
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (NATIVE.stream().anyMatch(entry::contains)) dropped++;
            else kept.add(entry);
        }
        assertTrue(dropped >= 3, "the test class path should hold ND4J's jars to drop, found " + dropped);
        Path spec = E2E.tinySpec(dir, "tiny-java", s -> s.replace("  latent: 4\n", "  latent: 4\n  engine: java\n"));
        Path out = dir.resolve("out");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "--add-modules", "jdk.incubator.vector", "-cp",
                String.join(File.pathSeparator, kept), "dev.dgmbench.suite.cli.Main", "run", spec.toString(),
                "--out", out.toString(), "--workers", "2", "-q");
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String log = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(240, TimeUnit.SECONDS), "the study did not finish");
        assertEquals(0, p.exitValue(), log);
        assertFalse(log.contains("NoClassDefFoundError") || log.contains("org.nd4j"), log);
        List<Path> runs = ResultFolder.list(out.resolve("runs"));
        assertEquals(4, runs.size(), "runs: " + runs);
        for (Path run : runs) {
            RunResult r = ResultFolder.read(run);
            assertEquals(RunStatus.OK, r.info().status());
            assertEquals("java", r.provenance().get("engine"));
            assertFalse(r.provenance().containsKey("nd4j_version"), "no ND4J took part: " + r.provenance());
            assertTrue(r.metrics().model().get("nll") > 0);
            assertTrue(r.metrics().samplers().get("langevin").containsKey("frechet"));
        }
        assertTrue(Files.exists(out.resolve("claims.json")));
        assertTrue(Files.exists(out.resolve("plan.json")), "workers ran from the resolved plan");
        assertTrue(CanonicalJson.MAPPER.readTree(out.resolve("plan.json").toFile()).get("runs").size() == 4);
        assertTrue(Arrays.stream(log.split("\n")).noneMatch(l -> l.startsWith("error")), log);
    }
}

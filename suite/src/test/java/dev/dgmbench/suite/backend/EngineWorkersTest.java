package dev.dgmbench.suite.backend;

import dev.dgmbench.engine.Engines;

import dev.dgmbench.results.ResultFolder;
import dev.dgmbench.suite.run.E2E;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The cuda engine's workers under ./dgmbench: a class path of their own, without ND4J's side of this one. */
class EngineWorkersTest {
    @TempDir
    Path tmp;

    @Test
    void workersKeepThisClassPathButTheNd4jSideThenTheEnginesEntriesOnce() {
        String m2 = "/home/u/.m2/repository/";
        List<String> parent = List.of("/p/suite/target/classes", m2 + "org/nd4j/nd4j-api/1.0.0-M2.1/nd4j-api-1.0.0-M2.1.jar",
                m2 + "org/bytedeco/javacpp/1.5.7/javacpp-1.5.7.jar", m2 + "info/picocli/picocli/4.7.6/picocli-4.7.6.jar",
                m2 + "dev/dgmbench/dgmbench-engine-nd4j/0.1.0-SNAPSHOT/dgmbench-engine-nd4j-0.1.0-SNAPSHOT.jar",
                m2 + "dev/dgmbench/dgmbench-models/0.1.0-SNAPSHOT/dgmbench-models-0.1.0-SNAPSHOT.jar",
                m2 + "org/deeplearning4j/deeplearning4j-nn/1.0.0-M2.1/deeplearning4j-nn-1.0.0-M2.1.jar");
        List<String> engine = List.of("/p/engine-cuda/target/classes",
                m2 + "dev/dgmbench/dgmbench-models/0.1.0-SNAPSHOT/dgmbench-models-0.1.0-SNAPSHOT.jar",
                m2 + "org/bytedeco/javacpp/1.5.13/javacpp-1.5.13.jar");
        assertEquals(List.of("/p/suite/target/classes", m2 + "info/picocli/picocli/4.7.6/picocli-4.7.6.jar",
                m2 + "dev/dgmbench/dgmbench-models/0.1.0-SNAPSHOT/dgmbench-models-0.1.0-SNAPSHOT.jar",
                "/p/engine-cuda/target/classes", m2 + "org/bytedeco/javacpp/1.5.13/javacpp-1.5.13.jar"),
                EngineWorkers.merge(parent, engine, true));
        List<String> shared = new ArrayList<>(parent);
        shared.addAll(List.of("/p/engine-cuda/target/classes", m2 + "org/bytedeco/javacpp/1.5.13/javacpp-1.5.13.jar"));
        assertEquals(shared, EngineWorkers.merge(parent, engine, false), "an engine that shares ND4J's class path keeps it");
    }

    @Test
    void noNamedClassPathMeansTheWorkersInheritThisOne() {
        assumeTrue(System.getProperty(Engines.classpathProperty("cuda")) == null, "the property is set for this JVM");
        assertFalse(Engines.available().contains("cuda"), "no class path names it");
        assertEquals(Optional.empty(), EngineWorkers.classpath("java"), "an engine this JVM carries");
    }

    /** engine-cuda's classes (built before this module) and its JavaCPP 1.5.13 jars from the local repository. */
    private static List<String> engineCudaClasspath() {
        Path classes = Path.of("..", "engine-cuda", "target", "classes").toAbsolutePath().normalize();
        Path repo = BackendClasspath.defaultRepository();
        String cuda = Backends.JAVACPP_CUDA13_VERSION, javacpp = cuda.substring(cuda.lastIndexOf('-') + 1);
        List<Path> entries = new ArrayList<>(List.of(classes));
        for (String classifier : List.of("", "-linux-x86_64")) {
            entries.add(repo.resolve("org/bytedeco/javacpp/" + javacpp + "/javacpp-" + javacpp + classifier + ".jar"));
            entries.add(repo.resolve("org/bytedeco/cuda/" + cuda + "/cuda-" + cuda + classifier + ".jar"));
        }
        for (Path p : entries) assumeTrue(Files.exists(p), "engine-cuda is not built or a jar is missing: " + p);
        return entries.stream().map(Path::toString).toList();
    }

    @Test
    void theMachineCheckRunsInAWorkerLikeJvmThatCarriesTheEngine() {
        String cp = String.join(File.pathSeparator, EngineWorkers.merge(
                BackendClasspath.split(System.getProperty("java.class.path")), engineCudaClasspath(), true));
        Optional<String> why = EngineWorkers.unavailable("cuda", cp);
        // Here (no GPU) the engine's own check answers, e.g. "no NVIDIA driver ..."; on a GPU machine nothing.
        why.ifPresent(w -> assertFalse(w.contains("not available in this JVM"), "the engine is on that class path: " + w));
        why.ifPresent(w -> assertTrue(w.contains("NVIDIA") || w.contains("CUDA") || w.contains("GPU"), w));
    }

    @Test
    void aCudaStudyRunsInWorkersOfTheEnginesClassPath() throws Exception {
        String engineCp = String.join(File.pathSeparator, engineCudaClasspath());
        Path spec = E2E.tinySpec(tmp.resolve("spec")), out = tmp.resolve("out"), log = tmp.resolve("log.txt");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx512m", "-D" + Engines.classpathProperty("cuda") + "=" + engineCp,
                "-cp", System.getProperty("java.class.path"), "dev.dgmbench.suite.cli.Main", "run", spec.toString(),
                "--backend", "cuda", "--workers", "1", "--concurrent-runs", "2", "--out", out.toString(), "--no-report", "-q");
        // the workers inherit the environment: the engine on its host device, since CI has no GPU
        pb.environment().put("JAVA_TOOL_OPTIONS", "-Ddgmbench.cuda.device=host");
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        Process p = pb.start();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "within 5 minutes");
        assertEquals(0, p.exitValue(), () -> readLog(log));
        for (String id : E2E.RUN_IDS) {
            var provenance = ResultFolder.read(out.resolve("runs").resolve(id)).provenance();
            assertEquals("cuda", provenance.get("engine"), id);
            assertEquals("host", provenance.get("device"), id);
        }
    }

    private static String readLog(Path log) {
        try {
            return Files.readString(log);
        } catch (java.io.IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}

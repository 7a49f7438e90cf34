package dev.dgmbench.suite.backend;

import dev.dgmbench.suite.backend.probe.FakeRunner;
import dev.dgmbench.suite.backend.probe.CommandRunner;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Class path rewriting on fake jar lists and a fake local repository. */
class BackendClasspathTest {

    static final String V = "1.0.0-M2.1";

    @TempDir
    Path repo;

    /** The shape of the default build's class path (models module), rooted in {@link #repo}. */
    List<String> base;

    @BeforeEach
    void setUp() throws IOException {
        base = new ArrayList<>();
        base.add("/work/main/suite/target/classes");
        base.add(jar("org/nd4j/nd4j-native/" + V + "/nd4j-native-" + V + ".jar"));
        base.add(jar("org/nd4j/nd4j-native/" + V + "/nd4j-native-" + V + "-linux-x86_64.jar"));
        base.add(jar("org/bytedeco/javacpp/1.5.7/javacpp-1.5.7.jar"));
        base.add(jar("org/nd4j/nd4j-api/" + V + "/nd4j-api-" + V + ".jar"));
        base.add(jar("org/nd4j/nd4j-native-api/" + V + "/nd4j-native-api-" + V + ".jar"));
        base.add(jar("org/nd4j/nd4j-native-preset/" + V + "/nd4j-native-preset-" + V + ".jar"));
        base.add(jar("org/nd4j/nd4j-native-preset/" + V + "/nd4j-native-preset-" + V + "-linux-x86_64.jar"));
        base.add(jar("org/bytedeco/openblas/0.3.19-1.5.7/openblas-0.3.19-1.5.7.jar"));
        base.add(jar("org/bytedeco/javacpp/1.5.7/javacpp-1.5.7-linux-x86_64.jar"));
        base.add(jar("org/nd4j/nd4j-native/" + V + "/nd4j-native-" + V + "-linux-x86_64-avx2.jar"));
        base.add(jar("org/bytedeco/openblas/0.3.19-1.5.7/openblas-0.3.19-1.5.7-linux-x86_64.jar"));
        base.add(jar("org/slf4j/slf4j-nop/2.0.16/slf4j-nop-2.0.16.jar"));
    }

    /** Creates an empty file in the fake repository and returns its path. */
    String jar(String relative) throws IOException {
        Path p = repo.resolve(relative);
        Files.createDirectories(p.getParent());
        if (!Files.exists(p)) {
            Files.createFile(p);
        }
        return p.toString();
    }

    static List<String> names(List<String> entries) {
        return entries.stream().map(e -> Path.of(e).getFileName().toString()).toList();
    }

    @Test
    void avx512ReplacesGenericAndAvx2Natives() throws IOException {
        String avx512 = jar("org/nd4j/nd4j-native/" + V + "/nd4j-native-" + V + "-linux-x86_64-avx512.jar");
        BackendClasspath.Plan plan = new BackendClasspath(repo).plan(base, Backends.CPU_AVX512);
        assertTrue(plan.ready(), plan.missingMessage());
        List<String> names = names(plan.classpath());
        assertTrue(names.contains("nd4j-native-" + V + "-linux-x86_64-avx512.jar"));
        assertTrue(names.contains("nd4j-native-" + V + ".jar"), "the Java part stays");
        assertFalse(names.contains("nd4j-native-" + V + "-linux-x86_64.jar"), "generic natives must go");
        assertFalse(names.contains("nd4j-native-" + V + "-linux-x86_64-avx2.jar"));
        assertTrue(names.contains("nd4j-native-preset-" + V + "-linux-x86_64.jar"), "the preset is not a backend");
        assertTrue(names.contains("openblas-0.3.19-1.5.7-linux-x86_64.jar"));
        assertEquals("/work/main/suite/target/classes", plan.classpath().get(0), "order of other entries kept");
        assertEquals(base.size() - 1, plan.classpath().size());
        assertEquals(3, plan.removed().size());
        assertTrue(plan.classpath().contains(avx512));
        assertEquals(List.of("-Dorg.bytedeco.javacpp.platform.extension=-avx512"), plan.jvmArgs());
        // inserted where the first removed jar was
        assertEquals("nd4j-native-" + V + "-linux-x86_64-avx512.jar", names.get(1));
        assertEquals(String.join(File.pathSeparator, plan.classpath()), plan.classpathString());
    }

    @Test
    void missingJarComesWithAFetchCommand() {
        BackendClasspath.Plan plan = new BackendClasspath(repo).plan(base, Backends.CPU_ONEDNN_AVX512);
        assertFalse(plan.ready());
        assertEquals(List.of(Backends.CPU_ONEDNN_AVX512.artifact()), plan.missing());
        assertEquals(1, plan.fetches().size());
        assertEquals("mvn -q -B org.apache.maven.plugins:maven-dependency-plugin:3.8.1:get "
                + "-Dartifact=org.nd4j:nd4j-native:1.0.0-M2.1:jar:linux-x86_64-onednn-avx512 -Dtransitive=false "
                + "-Dmaven.repo.local=" + repo, plan.fetches().get(0).commandLine());
        assertTrue(plan.missingMessage().contains("-Dartifact=org.nd4j:nd4j-native:1.0.0-M2.1:jar:"
                + "linux-x86_64-onednn-avx512"), plan.missingMessage());
        // the class path already names where the jar will be
        assertTrue(plan.classpath().contains(Backends.CPU_ONEDNN_AVX512.artifact().pathIn(repo).toString()));
    }

    @Test
    void fetchForTheDefaultRepositoryHasNoRepoOption() {
        BackendFetch f = BackendFetch.of(Backends.CPU_AVX512.artifact(), null);
        assertEquals(List.of("mvn", "-q", "-B", "org.apache.maven.plugins:maven-dependency-plugin:3.8.1:get",
                "-Dartifact=org.nd4j:nd4j-native:1.0.0-M2.1:jar:linux-x86_64-avx512", "-Dtransitive=false"),
                f.command());
        BackendFetch quoted = BackendFetch.of(Backends.CPU.artifact(), Path.of("/my repo"));
        assertTrue(quoted.commandLine().endsWith("'-Dmaven.repo.local=/my repo'"), quoted.commandLine());
    }

    @Test
    void fetchRunsThroughTheRunner() {
        BackendFetch f = BackendFetch.of(Backends.CPU_AVX512.artifact(), null);
        FakeRunner ok = FakeRunner.printing("");
        assertTrue(f.run(ok, Duration.ofMinutes(5)).supported());
        assertEquals(f.command(), ok.calls.get(0));
        Verdict failed = f.run(FakeRunner.of((c, t) -> CommandRunner.Result.failed(1, "",
                "[ERROR] Could not transfer artifact")), Duration.ofMinutes(5));
        assertFalse(failed.supported());
        assertTrue(failed.message().contains("Could not transfer artifact"), failed.message());
        Verdict noMaven = f.run(FakeRunner.notInstalled(), Duration.ofMinutes(5));
        assertFalse(noMaven.supported());
        assertTrue(noMaven.message().contains("Run by hand: mvn"), noMaven.message());
        Verdict slow = f.run(FakeRunner.of((c, t) -> CommandRunner.Result.timeout()), Duration.ofMinutes(5));
        assertTrue(slow.message().contains("did not finish within 300 s"), slow.message());
    }

    @Test
    void genericCpuKeepsOnlyTheGenericNatives() {
        BackendClasspath.Plan plan = new BackendClasspath(repo).plan(base, Backends.CPU);
        assertTrue(plan.ready());
        List<String> names = names(plan.classpath());
        assertTrue(names.contains("nd4j-native-" + V + "-linux-x86_64.jar"));
        assertFalse(names.contains("nd4j-native-" + V + "-linux-x86_64-avx2.jar"));
        assertEquals(List.of(), plan.jvmArgs());
        assertEquals(base.size() - 1, plan.classpath().size());
    }

    @Test
    void sameBackendAsTheBuildLeavesOneCopyOfEachJar() {
        BackendClasspath.Plan plan = new BackendClasspath(repo).plan(base, Backends.CPU_AVX2);
        List<String> names = names(plan.classpath());
        assertEquals(1, names.stream().filter(n -> n.endsWith("-linux-x86_64-avx2.jar")).count());
        assertEquals(1, names.stream().filter(n -> n.equals("nd4j-native-" + V + ".jar")).count());
        assertEquals(List.of("-Dorg.bytedeco.javacpp.platform.extension=-avx2"), plan.jvmArgs());
    }

    @Test
    void cudaReplacesTheWholeCpuBackend() {
        BackendClasspath.Plan plan = new BackendClasspath(repo).plan(base, Backends.CUDA_11_6);
        List<String> names = names(plan.classpath());
        assertTrue(names.stream().noneMatch(n -> n.matches("nd4j-native-\\d.*")), names.toString());
        assertTrue(names.contains("nd4j-cuda-11.6-" + V + "-linux-x86_64.jar"));
        assertTrue(names.contains("nd4j-cuda-11.6-" + V + ".jar"));
        assertTrue(names.contains("nd4j-cuda-11.6-preset-" + V + ".jar"));
        assertTrue(names.contains("cuda-11.6-8.3-1.5.7.jar"));
        assertTrue(names.contains("cuda-11.6-8.3-1.5.7-linux-x86_64.jar"));
        assertFalse(names.contains("cuda-11.6-8.3-1.5.7-linux-x86_64-redist.jar"));
        assertTrue(names.contains("nd4j-api-" + V + ".jar"));
        assertEquals(5, plan.missing().size(), "none of the CUDA jars is in the fake repository");
        assertEquals(5, plan.fetches().size());
        assertEquals(List.of(), plan.jvmArgs());

        BackendClasspath.Plan redist = new BackendClasspath(repo).plan(base, Backends.CUDA_11_6, true);
        assertTrue(names(redist.classpath()).contains("cuda-11.6-8.3-1.5.7-linux-x86_64-redist.jar"));
        assertEquals(6, redist.missing().size());
        // redist is ignored for CPU backends
        assertEquals(base.size() - 1, new BackendClasspath(repo).plan(base, Backends.CPU, true).classpath().size());
    }

    @Test
    void cpuTargetRemovesCudaJarsOfTheBase() throws IOException {
        List<String> cudaBase = new ArrayList<>(List.of("/app/classes",
                "/lib/nd4j-cuda-11.6-" + V + ".jar",
                "/lib/nd4j-cuda-11.6-" + V + "-linux-x86_64.jar",
                "/lib/nd4j-cuda-11.6-" + V + "-linux-x86_64-cudnn.jar",
                "/lib/nd4j-cuda-11.6-preset-" + V + ".jar",
                "/lib/cuda-11.6-8.3-1.5.7.jar",
                "/lib/cuda-11.6-8.3-1.5.7-linux-x86_64.jar",
                "/lib/cuda-platform-11.6-8.3-1.5.7.jar",
                "/lib/nd4j-api-" + V + ".jar"));
        jar("org/nd4j/nd4j-native/" + V + "/nd4j-native-" + V + "-linux-x86_64-avx2.jar");
        BackendClasspath.Plan plan = new BackendClasspath(repo).plan(cudaBase, Backends.CPU_AVX2);
        assertTrue(plan.ready(), plan.missingMessage());
        assertEquals(List.of("classes", "nd4j-native-" + V + "-linux-x86_64-avx2.jar", "nd4j-native-" + V + ".jar",
                "cuda-platform-11.6-8.3-1.5.7.jar", "nd4j-api-" + V + ".jar"), names(plan.classpath()));
        assertEquals(6, plan.removed().size());
    }

    @Test
    void recognisesBackendJarsByName() {
        assertTrue(BackendClasspath.isBackendJar("/r/nd4j-native-1.0.0-M2.1.jar"));
        assertTrue(BackendClasspath.isBackendJar("nd4j-native-1.0.0-M2.1-linux-x86_64-onednn-avx512.jar"));
        assertTrue(BackendClasspath.isBackendJar("nd4j-native-1.0.0-M2.1-macosx-arm64.jar"));
        assertTrue(BackendClasspath.isBackendJar("nd4j-native-1.0.0-beta7-windows-x86_64-avx2.jar"));
        assertTrue(BackendClasspath.isBackendJar("nd4j-cuda-11.6-1.0.0-M2.1-linux-x86_64-cudnn.jar"));
        assertTrue(BackendClasspath.isBackendJar("nd4j-cuda-11.6-preset-1.0.0-M2.1-linux-x86_64.jar"));
        assertTrue(BackendClasspath.isBackendJar("cuda-11.6-8.3-1.5.7-linux-x86_64-redist.jar"));
        assertFalse(BackendClasspath.isBackendJar("nd4j-native-preset-1.0.0-M2.1-linux-x86_64.jar"));
        assertFalse(BackendClasspath.isBackendJar("nd4j-native-api-1.0.0-M2.1.jar"));
        assertFalse(BackendClasspath.isBackendJar("nd4j-native-platform-1.0.0-M2.1.jar"));
        assertFalse(BackendClasspath.isBackendJar("nd4j-api-1.0.0-M2.1.jar"));
        assertFalse(BackendClasspath.isBackendJar("openblas-0.3.19-1.5.7-linux-x86_64.jar"));
        assertFalse(BackendClasspath.isBackendJar("javacpp-1.5.7-linux-x86_64.jar"));
        assertFalse(BackendClasspath.isBackendJar("/work/main/suite/target/classes"));
    }

    @Test
    void findsJarsInTheRepositoryTheBaseCameFrom(@TempDir Path emptyRepo) throws IOException {
        jar("org/nd4j/nd4j-native/" + V + "/nd4j-native-" + V + "-linux-x86_64-avx512.jar");
        BackendClasspath.Plan plan = new BackendClasspath(emptyRepo).plan(base, Backends.CPU_AVX512);
        assertTrue(plan.ready(), plan.missingMessage());
        assertTrue(plan.added().stream().allMatch(a -> a.startsWith(repo.toString())), plan.added().toString());
    }

    @Test
    void reusesAJarOfAFlatLibraryFolder(@TempDir Path lib, @TempDir Path emptyRepo) throws IOException {
        Path javaPart = Files.createFile(lib.resolve("nd4j-native-" + V + ".jar"));
        Path natives = Files.createFile(lib.resolve("nd4j-native-" + V + "-linux-x86_64.jar"));
        List<String> flat = List.of(lib.resolve("app.jar").toString(), javaPart.toString(), natives.toString());
        BackendClasspath.Plan plan = new BackendClasspath(emptyRepo).plan(flat, Backends.CPU);
        assertTrue(plan.ready(), plan.missingMessage());
        assertEquals(List.of(lib.resolve("app.jar").toString(), natives.toString(), javaPart.toString()),
                plan.classpath());
    }

    @Test
    void splitsAClassPathString() {
        String cp = String.join(File.pathSeparator, "a.jar", "", "b/classes", "c.jar");
        assertEquals(List.of("a.jar", "b/classes", "c.jar"), BackendClasspath.split(cp));
        assertEquals(List.of(), BackendClasspath.split(null));
    }

    @Test
    void realRepositoryHasTheProjectDefault() {
        Path real = BackendClasspath.defaultRepository();
        assumeTrue(Files.isDirectory(real.resolve("org/nd4j/nd4j-native/" + V)), "ND4J not in ~/.m2 here");
        List<String> realBase = List.of(
                real.resolve("org/nd4j/nd4j-native/" + V + "/nd4j-native-" + V + ".jar").toString(),
                real.resolve("org/nd4j/nd4j-native/" + V + "/nd4j-native-" + V + "-linux-x86_64.jar").toString());
        BackendClasspath.Plan plan = new BackendClasspath().plan(realBase, Backends.CPU_AVX2);
        assertTrue(plan.ready(), plan.missingMessage());
        if (!plan.ready()) {
            return;
        }
        assertTrue(plan.fetches().stream().allMatch(f -> f.commandLine().indexOf("maven.repo.local") < 0));
    }
}

package dev.dgmbench.suite.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BackendsTest {

    @Test
    void catalogHasTheEightLinuxBackendsInOrder() {
        assertEquals(List.of("cpu", "cpu-avx2", "cpu-avx512", "cpu-onednn", "cpu-onednn-avx2", "cpu-onednn-avx512",
                "cuda-11.6", "cuda"), Backends.names());
        for (Backend b : Backends.all()) {
            if (!b.isNd4j()) {
                // the suite's own cuda engine: JavaCPP's CUDA 13 presets, no ND4J
                assertEquals("org.bytedeco", b.groupId(), b.name());
                assertEquals(Backends.JAVACPP_CUDA13_VERSION, b.version(), b.name());
                assertEquals("cuda", b.name());
                continue;
            }
            assertEquals("1.0.0-M2.1", b.version(), b.name());
            assertEquals("org.nd4j", b.groupId(), b.name());
        }
    }

    @Test
    void onlyNd4jsCudaBuildIsLabelledNeverExecutedOnRealHardware() {
        for (Backend b : Backends.all()) {
            assertEquals(b != Backends.CUDA_11_6, b.executed(), b.name());
            assertEquals(b.executed() ? b.description() : b.description() + " (never executed on real hardware by this project)",
                    b.label(), b.name());
        }
        assertEquals(1, Backends.CUDA_11_6.maxWorkers(), "one GPU");
        assertEquals(Integer.MAX_VALUE, Backends.CPU_AVX2.maxWorkers());
    }

    @Test
    void coordinatesOfCpuBuilds() {
        assertEquals("nd4j-native", Backends.CPU_AVX512.artifactId());
        assertEquals("linux-x86_64-avx512", Backends.CPU_AVX512.classifier());
        assertEquals("org.nd4j:nd4j-native:1.0.0-M2.1:jar:linux-x86_64-avx512",
                Backends.CPU_AVX512.artifact().coordinates());
        assertEquals("linux-x86_64", Backends.CPU.classifier());
        assertEquals("linux-x86_64-onednn-avx2", Backends.CPU_ONEDNN_AVX2.classifier());
        assertEquals(Backend.Kind.CPU, Backends.CPU_ONEDNN.kind());
    }

    @Test
    void cudaCoordinates() {
        Backend cuda = Backends.CUDA_11_6;
        assertEquals(Backend.Kind.CUDA, cuda.kind());
        assertEquals("nd4j-cuda-11.6", cuda.artifactId());
        assertEquals("linux-x86_64", cuda.classifier());
        assertTrue(cuda.artifacts().contains(MavenArtifact.of("org.nd4j", "nd4j-cuda-11.6-preset", "1.0.0-M2.1")));
        assertTrue(cuda.artifacts().contains(MavenArtifact.of("org.bytedeco", "cuda", "11.6-8.3-1.5.7",
                "linux-x86_64")));
        assertTrue(cuda.requiredCpuFlags().isEmpty());
    }

    @Test
    void requiredCpuFlags() {
        assertTrue(Backends.CPU.requiredCpuFlags().isEmpty());
        assertTrue(Backends.CPU_ONEDNN.requiredCpuFlags().isEmpty());
        assertTrue(Backends.CPU_AVX2.requiredCpuFlags().contains("avx2"));
        assertTrue(Backends.CPU_AVX2.requiredCpuFlags().contains("fma"));
        assertTrue(Backends.CPU_AVX512.requiredCpuFlags().contains("avx512f"));
        assertTrue(Backends.CPU_ONEDNN_AVX512.requiredCpuFlags().contains("avx512f"));
        assertTrue(Backends.CPU_ONEDNN_AVX2.requiredCpuFlags().contains("avx2"));
    }

    @Test
    void jvmArgsSetTheJavaCppExtensionForNonGenericCpuBuildsOnly() {
        assertEquals(List.of("-Dorg.bytedeco.javacpp.platform.extension=-avx2"), Backends.CPU_AVX2.jvmArgs());
        assertEquals(List.of("-Dorg.bytedeco.javacpp.platform.extension=-onednn-avx512"),
                Backends.CPU_ONEDNN_AVX512.jvmArgs());
        assertEquals(List.of("-Dorg.bytedeco.javacpp.platform.extension=-onednn"), Backends.CPU_ONEDNN.jvmArgs());
        assertEquals(List.of(), Backends.CPU.jvmArgs());
        assertEquals(List.of(), Backends.CUDA_11_6.jvmArgs());
    }

    @Test
    void byNameFindsIgnoringCaseAndBlanks() {
        assertSame(Backends.CPU_AVX2, Backends.byName("cpu-avx2"));
        assertSame(Backends.CUDA_11_6, Backends.byName("  CUDA-11.6 "));
    }

    @Test
    void byNameErrorListsAllowedNames() {
        dev.dgmbench.results.BadInputException e = assertThrows(dev.dgmbench.results.BadInputException.class, () -> Backends.byName("gpu"));
        assertTrue(e.getMessage().contains("'gpu'"), e.getMessage());
        for (String name : Backends.names()) {
            assertTrue(e.getMessage().contains(name), e.getMessage());
        }
        assertThrows(dev.dgmbench.results.BadInputException.class, () -> Backends.byName(null));
    }

    @Test
    void byCpuClassifierMatchesThePomProperty() {
        assertEquals(Optional.of(Backends.CPU_AVX2), Backends.byCpuClassifier("linux-x86_64-avx2"));
        assertEquals(Optional.empty(), Backends.byCpuClassifier("linux-arm64"));
    }

    @Test
    void mavenArtifactFileNameAndPath() {
        MavenArtifact a = Backends.CPU_AVX2.artifact();
        assertEquals("nd4j-native-1.0.0-M2.1-linux-x86_64-avx2.jar", a.fileName());
        assertEquals(Path.of("/r/org/nd4j/nd4j-native/1.0.0-M2.1/nd4j-native-1.0.0-M2.1-linux-x86_64-avx2.jar"),
                a.pathIn(Path.of("/r")));
        MavenArtifact plain = MavenArtifact.of("org.bytedeco", "cuda", "11.6-8.3-1.5.7");
        assertEquals("cuda-11.6-8.3-1.5.7.jar", plain.fileName());
        assertEquals("org.bytedeco:cuda:11.6-8.3-1.5.7", plain.coordinates());
    }
}

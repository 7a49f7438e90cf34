package dev.dgmbench.suite.backend;

import dev.dgmbench.results.BadInputException;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The catalog of ND4J 1.0.0-M2.1 backends for Linux x86-64.
 *
 * <p>CPU builds differ only in the classifier of the {@code org.nd4j:nd4j-native} native jar; the Java part
 * ({@code nd4j-native} without classifier) and OpenBLAS are shared. The CUDA build replaces both the Java part and
 * the natives, and needs the JavaCPP CUDA presets; the CUDA runtime libraries themselves (libcudart, cuBLAS,
 * cuSOLVER of CUDA 11.6) come either from a CUDA 11.x installation on the machine or from
 * {@link #CUDA_REDIST}.
 */
public final class Backends {

    public static final String ND4J_GROUP = "org.nd4j";
    public static final String ND4J_VERSION = "1.0.0-M2.1";
    public static final String PLATFORM = "linux-x86_64";
    /** Version of the JavaCPP presets for CUDA 11.6 / cuDNN 8.3 that nd4j-cuda-11.6 1.0.0-M2.1 was built against. */
    public static final String JAVACPP_CUDA_VERSION = "11.6-8.3-1.5.7";

    /** Flags the avx2 builds are compiled for (libnd4j: -mavx -mavx2 -mfma -mf16c). */
    public static final Set<String> AVX2_FLAGS = orderedSet("avx", "avx2", "fma", "f16c");
    /**
     * Flags the avx512 builds are compiled for (libnd4j: the avx2 set plus -mavx512f -mavx512vl -mavx512bw
     * -mavx512dq -mavx512cd -mbmi -mbmi2). avx512f comes first so a message about an older CPU names it.
     */
    public static final Set<String> AVX512_FLAGS = orderedSet("avx512f", "avx512cd", "avx512vl", "avx512bw",
            "avx512dq", "avx", "avx2", "fma", "f16c", "bmi1", "bmi2");

    public static final Backend CPU = cpu("cpu", "", Set.of(),
            "generic x86-64 build; runs on any x86-64 CPU");
    public static final Backend CPU_AVX2 = cpu("cpu-avx2", "-avx2", AVX2_FLAGS,
            "AVX2/FMA build (Intel Haswell 2013+, AMD Zen); the project's default");
    public static final Backend CPU_AVX512 = cpu("cpu-avx512", "-avx512", AVX512_FLAGS,
            "AVX-512 build (Intel Skylake-SP 2017+, AMD Zen 4)");
    public static final Backend CPU_ONEDNN = cpu("cpu-onednn", "-onednn", Set.of(),
            "generic build with oneDNN kernels for convolutions, matmul and friends");
    public static final Backend CPU_ONEDNN_AVX2 = cpu("cpu-onednn-avx2", "-onednn-avx2", AVX2_FLAGS,
            "AVX2 build with oneDNN");
    public static final Backend CPU_ONEDNN_AVX512 = cpu("cpu-onednn-avx512", "-onednn-avx512", AVX512_FLAGS,
            "AVX-512 build with oneDNN");

    /**
     * ND4J's CUDA build. Never executed on real hardware by this project ({@link Backend#executed}): its GPU check
     * ({@link CudaCompatibility}) and jar list are written from ND4J's published build, tested against fake
     * {@code nvidia-smi} output only. Kept for GPUs of compute capability 3.7-8.6 (the A100s many labs still have
     * among them), below the 7.5 that the suite's own {@code cuda} engine needs for some of them.
     */
    public static final Backend CUDA_11_6 = new Backend("cuda-11.6", Backend.Kind.CUDA,
            MavenArtifact.of(ND4J_GROUP, "nd4j-cuda-11.6", ND4J_VERSION, PLATFORM),
            List.of(MavenArtifact.of(ND4J_GROUP, "nd4j-cuda-11.6", ND4J_VERSION),
                    MavenArtifact.of(ND4J_GROUP, "nd4j-cuda-11.6-preset", ND4J_VERSION),
                    MavenArtifact.of("org.bytedeco", "cuda", JAVACPP_CUDA_VERSION),
                    MavenArtifact.of("org.bytedeco", "cuda", JAVACPP_CUDA_VERSION, PLATFORM)),
            Set.of(), "",
            "NVIDIA GPU, CUDA 11.6; GPUs of compute capability 3.7-8.6 only; not bitwise deterministic", false);

    /** The words that label a backend this project has never executed on real hardware ({@link Backend#executed}). */
    public static final String NEVER_EXECUTED = "(never executed on real hardware by this project)";

    /** Version of the JavaCPP CUDA 13 presets the suite's own cuda engine (module engine-cuda) is built on. */
    public static final String JAVACPP_CUDA13_VERSION = "13.1-9.19-1.5.13";

    /**
     * NVIDIA GPUs through the suite's own {@code cuda} engine (module engine-cuda: cuBLAS products and CUDA C kernels
     * compiled by NVRTC for the GPU found): compute capability 7.5 and newer with a CUDA 13 runtime, Hopper and
     * Blackwell included. That engine declares this backend its own (runs that leave {@code model.engine} at its
     * default run on it) and is the only one that runs here; it needs no ND4J.
     */
    public static final Backend CUDA = new Backend("cuda", Backend.Kind.CUDA,
            MavenArtifact.of("org.bytedeco", "cuda", JAVACPP_CUDA13_VERSION, PLATFORM), List.of(), Set.of(), "",
            "NVIDIA GPU (compute capability 7.5+, CUDA 13 runtime) through the suite's cuda engine; bit-reproducible on one GPU model",
            true);

    /**
     * The CUDA 11.6 runtime libraries packed as a jar (large). Only needed for {@link #CUDA_11_6} on a machine
     * without a CUDA 11.x toolkit; see {@link BackendClasspath#plan(List, Backend, boolean)}.
     */
    public static final MavenArtifact CUDA_REDIST =
            MavenArtifact.of("org.bytedeco", "cuda", JAVACPP_CUDA_VERSION, PLATFORM + "-redist");

    private static final List<Backend> ALL = List.of(CPU, CPU_AVX2, CPU_AVX512, CPU_ONEDNN, CPU_ONEDNN_AVX2,
            CPU_ONEDNN_AVX512, CUDA_11_6, CUDA);

    private Backends() {
    }

    /** Every backend, CPU builds first, in a fixed order. */
    public static List<Backend> all() {
        return ALL;
    }

    /** The names, in the order of {@link #all()}. */
    public static List<String> names() {
        return ALL.stream().map(Backend::name).toList();
    }

    /**
     * The backend of that name (case and surrounding blanks ignored).
     *
     * @throws BadInputException naming the allowed names when there is none (exit 2)
     */
    public static Backend byName(String name) {
        return find(name).orElseThrow(() -> new BadInputException(
                "Unknown backend '" + name + "'. Allowed backends: " + String.join(", ", names()) + "."));
    }

    public static Optional<Backend> find(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String wanted = name.strip().toLowerCase(Locale.ROOT);
        return ALL.stream().filter(b -> b.name().equals(wanted)).findFirst();
    }

    /**
     * The CPU backend whose nd4j-native jar carries that classifier (e.g. {@code linux-x86_64-avx2} -> cpu-avx2), as
     * set by the build's {@code nd4j.classifier} property.
     */
    public static Optional<Backend> byCpuClassifier(String classifier) {
        if (classifier == null) {
            return Optional.empty();
        }
        String wanted = classifier.strip();
        return ALL.stream().filter(Backend::isCpu).filter(b -> b.classifier().equals(wanted)).findFirst();
    }

    private static Backend cpu(String name, String extension, Set<String> flags, String description) {
        return new Backend(name, Backend.Kind.CPU,
                MavenArtifact.of(ND4J_GROUP, "nd4j-native", ND4J_VERSION, PLATFORM + extension),
                List.of(MavenArtifact.of(ND4J_GROUP, "nd4j-native", ND4J_VERSION)), flags, extension, description, true);
    }

    private static Set<String> orderedSet(String... values) {
        return java.util.Collections.unmodifiableSet(new LinkedHashSet<>(List.of(values)));
    }
}

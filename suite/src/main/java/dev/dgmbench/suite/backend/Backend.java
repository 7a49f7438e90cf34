package dev.dgmbench.suite.backend;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One ND4J backend build the suite can run on. The catalog is {@link Backends}.
 *
 * <p>Nothing here touches ND4J: a backend is only a name, the jars that carry it and what the machine must offer.
 *
 * @param name              the name used on the command line and in results, e.g. {@code cpu-avx2}
 * @param kind              CPU or CUDA
 * @param artifact          the native jar that distinguishes this backend (e.g.
 *                          {@code org.nd4j:nd4j-native:1.0.0-M2.1:jar:linux-x86_64-avx2})
 * @param extraArtifacts    the backend's other jars: for CPU builds the Java part of nd4j-native, for CUDA the Java
 *                          part, the presets and the JavaCPP CUDA bindings
 * @param requiredCpuFlags  /proc/cpuinfo flags the native code was compiled for (a CPU without one of them would die
 *                          with an illegal instruction); empty for the generic build
 * @param platformExtension JavaCPP platform extension ({@code -avx2}, {@code -onednn-avx512}, ...), empty when the
 *                          native jar's classifier is the bare platform
 * @param description       one line for listings and docs
 * @param executed          whether this project has executed it on real hardware (cuda-11.6 has not: its checks and
 *                          jar lists are written from ND4J's published builds, never run on a GPU here)
 */
public record Backend(String name, Kind kind, MavenArtifact artifact, List<MavenArtifact> extraArtifacts,
                      Set<String> requiredCpuFlags, String platformExtension, String description, boolean executed) {

    /** The JavaCPP system property that makes the loader look for {@code <platform><extension>} natives first. */
    public static final String PLATFORM_EXTENSION_PROPERTY = "org.bytedeco.javacpp.platform.extension";

    public enum Kind { CPU, CUDA }

    public Backend {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(artifact, "artifact");
        extraArtifacts = List.copyOf(extraArtifacts == null ? List.of() : extraArtifacts);
        requiredCpuFlags = Collections.unmodifiableSet(new LinkedHashSet<>(
                requiredCpuFlags == null ? Set.of() : requiredCpuFlags));
        platformExtension = platformExtension == null ? "" : platformExtension;
        description = description == null ? "" : description;
    }

    public String groupId() {
        return artifact.groupId();
    }

    public String artifactId() {
        return artifact.artifactId();
    }

    public String version() {
        return artifact.version();
    }

    public String classifier() {
        return artifact.classifier();
    }

    public boolean isCpu() {
        return kind == Kind.CPU;
    }

    public boolean isCuda() {
        return kind == Kind.CUDA;
    }

    /** Whether it is one of ND4J's builds (the {@code cuda} backend is the suite's own engine's, without ND4J). */
    public boolean isNd4j() {
        return artifact.groupId().equals(Backends.ND4J_GROUP);
    }

    /** Worker JVMs it can use at most: one on a GPU backend, whose one device a worker fills; else no bound. */
    public int maxWorkers() {
        return isCuda() ? 1 : Integer.MAX_VALUE;
    }

    /** The description, with a warning when this project has never executed it on real hardware. */
    public String label() {
        return executed ? description : description + " " + Backends.NEVER_EXECUTED;
    }

    /** Every jar this backend adds to the shared class path: {@link #artifact()} first, then the extras. */
    public List<MavenArtifact> artifacts() {
        List<MavenArtifact> all = new ArrayList<>(1 + extraArtifacts.size());
        all.add(artifact);
        all.addAll(extraArtifacts);
        return List.copyOf(all);
    }

    /**
     * JVM options the child JVM needs for this backend: for a non-generic CPU build,
     * {@code -Dorg.bytedeco.javacpp.platform.extension=-avx2} (etc.), without which JavaCPP looks only for the
     * bare-platform natives. Empty for the generic CPU build and for CUDA.
     */
    public List<String> jvmArgs() {
        return platformExtension.isEmpty()
                ? List.of()
                : List.of("-D" + PLATFORM_EXTENSION_PROPERTY + "=" + platformExtension);
    }

    @Override
    public String toString() {
        return name;
    }
}

package dev.dgmbench.suite.backend;

import dev.dgmbench.engine.Engines;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Worker JVMs for an engine that this JVM does not carry. Under {@code ./dgmbench} the parent has ND4J on its class
 * path, whose JavaCPP 1.5.7 cannot share a class path with the cuda engine's JavaCPP 1.5.13 and CUDA 13 presets; the
 * launcher names the class path of each engine module the suite does not carry in a system property
 * {@code dgmbench.engine.<module>.classpath} instead ({@link Engines#classpathProperty}). A worker then gets this
 * JVM's class path, without the ND4J side (ND4J, DL4J and JavaCPP jars, engine-nd4j) for an engine that declares a
 * class path of its own ({@link dev.dgmbench.engine.EngineTraits#ownClasspath}), followed by the engine's entries;
 * the machine check runs in such a JVM too ({@link #main}). The GPU bundle carries the engine on its own class path
 * and needs none of this.
 */
public final class EngineWorkers {
    private static final long CHECK_SECONDS = 120;

    private EngineWorkers() {
    }

    /**
     * The class path for workers of {@code engine}: empty when this JVM carries the engine (workers inherit its
     * class path).
     */
    public static Optional<String> classpath(String engine) {
        Optional<String> named = Engines.ownClasspath(engine);
        if (named.isEmpty()) return Optional.empty();
        List<String> merged = merge(BackendClasspath.split(System.getProperty("java.class.path")),
                BackendClasspath.split(named.get()), Engines.traits(engine).ownClasspath());
        return Optional.of(String.join(File.pathSeparator, merged));
    }

    /**
     * This JVM's entries, without the ND4J side when {@code withoutNd4j}, then the engine's (each once, first place
     * kept).
     */
    static List<String> merge(List<String> parent, List<String> engine, boolean withoutNd4j) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (String e : parent) if (!withoutNd4j || !nd4jSide(e)) out.add(e);
        out.addAll(engine);
        return List.copyOf(out);
    }

    /** ND4J, DL4J and JavaCPP (org.bytedeco) jars of a Maven repository, and the engine-nd4j module. */
    static boolean nd4jSide(String entry) {
        String p = entry.replace('\\', '/');
        String name = p.substring(p.lastIndexOf('/') + 1);
        return p.contains("/org/nd4j/") || p.contains("/org/bytedeco/") || p.contains("/org/deeplearning4j/")
                || name.startsWith("dgmbench-engine-nd4j") || p.endsWith("/engine-nd4j/target/classes");
    }

    /**
     * Why {@code engine} cannot run in a JVM of {@code classpath}, or empty when it can: the engine's own machine
     * check (no driver, no runtime, GPU too old, ...), run in such a JVM.
     */
    public static Optional<String> unavailable(String engine, String classpath) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        try {
            Process p = new ProcessBuilder(java, "-cp", classpath, EngineWorkers.class.getName(), engine)
                    .redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(CHECK_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("the machine check of engine " + engine + " did not end within "
                        + CHECK_SECONDS + " s");
            }
            String said = new String(out, StandardCharsets.UTF_8).strip();
            if (p.exitValue() == 0) return Optional.empty();
            if (p.exitValue() == 1) return Optional.of(said);
            throw new IllegalStateException("the machine check of engine " + engine + " failed (exit " + p.exitValue()
                    + "): " + said);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the machine check of engine " + engine + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during the machine check of engine " + engine, e);
        }
    }

    /** The machine check in a worker-like JVM: exit 0 when the engine can run, else 1 with the reason. */
    public static void main(String[] args) {
        Optional<String> why = Engines.unavailable(args[0]);
        why.ifPresent(System.out::println);
        System.exit(why.isPresent() ? 1 : 0);
    }
}

package dev.dgmbench.suite.run;

import dev.dgmbench.models.fused.Kernels;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts worker JVMs. Each worker gets one OpenMP thread, a small heap with the serial collector, and the
 * backend's classpath and flags: measured here as the fastest and the reproducible setting (docs/performance.md),
 * and set by the suite itself so users get it without knowing.
 */
public record WorkerLauncher(String javaBinary, String classpath, List<String> jvmArgs, Map<String, String> env,
                             boolean inheritOutput) {

    /** A worker's young generation, MiB: small, so nearly all of its 1 GiB heap holds a run's large arrays. */
    static final int YOUNG_MB = 32;
    public static final List<String> DEFAULT_JVM_ARGS = List.of("-Xmx1g", "-Xms256m", "-Xmn" + YOUNG_MB + "m", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=4", "--add-modules", "jdk.incubator.vector");
    public static final Map<String, String> DEFAULT_ENV = Map.of("OMP_NUM_THREADS", "1", "OPENBLAS_NUM_THREADS", "1",
            "MKL_NUM_THREADS", "1");

    public static WorkerLauncher forThisJvm(boolean inheritOutput) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> args = new ArrayList<>(DEFAULT_JVM_ARGS);
        args.add("-Ddgmbench.commit=" + System.getProperty("dgmbench.commit", "unknown"));
        // a SIMD width chosen for this JVM (the width-invariance tests) holds for its workers too
        String bits = System.getProperty(Kernels.BITS_PROPERTY);
        if (bits != null) args.add("-D" + Kernels.BITS_PROPERTY + "=" + bits);
        return new WorkerLauncher(java, System.getProperty("java.class.path"), args, DEFAULT_ENV, inheritOutput);
    }

    /**
     * Workers that continue n runs at once (threads): each run keeps the old generation it was sized against (1 GiB:
     * the NLL's decoder blocks, SIR's proposal pool; see ResourceChecks) and a young generation of its own, so the
     * heap is n times a single run's, and a parallel collector, so one thread's garbage does not stop the others
     * for long. The collector changes no result.
     */
    /** The heap one run gets in a worker: its old generation and young generation. */
    public static long runHeapBytes() {
        return (1024L + YOUNG_MB) << 20;
    }

    public WorkerLauncher withConcurrentRuns(int n) {
        if (n <= 1) return this;
        List<String> args = new ArrayList<>();
        for (String a : jvmArgs) {
            if (a.equals("-Xmx1g")) args.add("-Xmx" + n * (1024 + YOUNG_MB) + "m");
            else if (a.equals("-Xmn" + YOUNG_MB + "m")) args.add("-Xmn" + n * YOUNG_MB + "m");
            else if (a.equals("-XX:+UseSerialGC")) args.add("-XX:+UseParallelGC");
            else args.add(a);
        }
        return new WorkerLauncher(javaBinary, classpath, args, env, inheritOutput);
    }

    public WorkerLauncher withClasspath(String cp, List<String> extraJvmArgs) {
        List<String> args = new ArrayList<>(jvmArgs);
        args.addAll(extraJvmArgs);
        return new WorkerLauncher(javaBinary, cp, args, env, inheritOutput);
    }

    public Process start(List<String> mainArgs) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(javaBinary);
        cmd.addAll(jvmArgs);
        cmd.add("-cp");
        cmd.add(classpath);
        cmd.add("dev.dgmbench.suite.cli.Main");
        cmd.addAll(mainArgs);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().putAll(env);
        if (inheritOutput) {
            pb.redirectInput(ProcessBuilder.Redirect.INHERIT);
            pb.redirectOutput(ProcessBuilder.Redirect.INHERIT);
        } else {
            pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        }
        Process p = pb.start();
        forwardErrors(p);
        return p;
    }

    /** The JVM's one-line notice for the Vector API module, which every worker loads on purpose. */
    static final String INCUBATOR_NOTICE = "WARNING: Using incubator modules";

    /** The thread copying each started worker's stderr, until {@link #awaitErrors}. */
    private static final Map<Process, Thread> FORWARDERS = java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

    /**
     * Waits until the ended worker's stderr is copied to ours (its last lines, such as a failure's stack trace or its
     * last finished run, would otherwise be lost when this JVM exits first); at most a few seconds, in case a
     * process the worker started still holds the pipe.
     */
    static void awaitErrors(Process p) throws InterruptedException {
        Thread t = FORWARDERS.remove(p);
        if (t != null) t.join(5_000);
    }

    /** Copies the worker's stderr to ours, without the incubator notice (it would repeat once per worker). */
    private static void forwardErrors(Process p) {
        Thread t = new Thread(() -> {
            try (var in = new java.io.BufferedReader(new java.io.InputStreamReader(p.getErrorStream(),
                    java.nio.charset.StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    if (!line.startsWith(INCUBATOR_NOTICE)) System.err.println(line);
                }
            } catch (IOException e) {
                // the worker is gone; its exit status reports what happened
            }
        }, "worker-stderr");
        t.setDaemon(true);
        FORWARDERS.put(p, t);
        t.start();
    }
}

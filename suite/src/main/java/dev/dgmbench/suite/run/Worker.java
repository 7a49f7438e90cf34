package dev.dgmbench.suite.run;

import dev.dgmbench.metrics.evaluator.EvaluatorNetwork;
import dev.dgmbench.results.ResultFolder;
import dev.dgmbench.results.RunResult;
import dev.dgmbench.suite.backend.Backend;
import dev.dgmbench.suite.backend.Backends;
import dev.dgmbench.suite.backend.CpuInfo;
import dev.dgmbench.suite.backend.ProvenanceProbe;
import dev.dgmbench.suite.plan.PlannedRun;
import dev.dgmbench.suite.plan.Planner;
import dev.dgmbench.suite.plan.StudyPlan;
import dev.dgmbench.suite.spec.StudySpec;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The body of a worker JVM: loads the data once, then executes its share of runs and publishes each result
 * folder atomically. It dies with its parent, so killing the study kills its workers too.
 */
public final class Worker {
    public static final String CACHE = "cache";

    private Worker() {
    }

    public static void watchParent() {
        ProcessHandle.current().parent().ifPresent(p -> p.onExit().thenRun(() -> Runtime.getRuntime().halt(3)));
    }

    public static void prepare(StudySpec spec, Path folder) {
        StudyData data = StudyData.load(spec);
        EvaluatorNetwork ev = RunExecutor.evaluator(spec, data, folder.resolve(CACHE));
        System.err.printf("  evaluator network: test accuracy %.3f%n", ev.testAccuracy());
    }

    public static void run(StudySpec spec, Path folder, String backendName, List<String> runIds, boolean quiet) {
        StudyPlan plan = Planner.plan(spec);
        StudyData data = StudyData.load(spec);
        EvaluatorNetwork ev = RunExecutor.evaluator(spec, data, folder.resolve(CACHE));
        RunExecutor exec = new RunExecutor(spec, data, ev, provenance(backendName), quiet ? RunProgress.QUIET : RunProgress.STDERR);
        Path runs = folder.resolve(dev.dgmbench.results.StudyResults.RUNS);
        for (String id : runIds) {
            PlannedRun run = plan.find(id).orElseThrow(() -> new IllegalArgumentException("no run " + id + " in the plan"));
            long t0 = System.nanoTime();
            RunResult r = exec.execute(run, backendName);
            ResultFolder.commit(runs, r, exec::modelFiles);
            Double nll = r.metrics().model().get("nll");
            if (!quiet) System.err.printf("done %s: %s in %.1f s%s%n", id, r.info().status(), (System.nanoTime() - t0) / 1e9,
                    nll == null ? "" : String.format(" (test NLL %.2f nats, KL %.2f)", nll, r.metrics().model().get("kl")));
        }
    }

    static Map<String, String> provenance(String backendName) {
        Backend backend = Backends.find(backendName).orElse(Backends.CPU_AVX2);
        Map<String, String> p = new TreeMap<>(ProvenanceProbe.system().collect(backend, CpuInfo.read(), null));
        p.put("nd4j_version", Backends.ND4J_VERSION);
        p.put("nd4j_backend", org.nd4j.linalg.factory.Nd4j.getBackend().getClass().getSimpleName());
        p.put("suite_commit", System.getProperty("dgmbench.commit", "unknown"));
        p.put("suite_version", "0.1.0-SNAPSHOT");
        // The fused engine's SIMD width changes its bits (lane-wise sums and SVML variants).
        p.put("simd_vector_bits", ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
                ? Integer.toString(dev.dgmbench.models.fused.Kernels.vectorBits()) : "unavailable");
        try {
            p.put("host", java.net.InetAddress.getLocalHost().getHostName());
        } catch (java.net.UnknownHostException e) {
            p.put("host", "unknown");
        }
        return p;
    }
}

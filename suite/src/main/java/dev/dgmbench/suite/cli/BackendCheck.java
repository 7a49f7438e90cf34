package dev.dgmbench.suite.cli;

import dev.dgmbench.engine.Engines;
import dev.dgmbench.engine.EngineTraits;
import dev.dgmbench.suite.backend.Backend;
import dev.dgmbench.suite.backend.BackendAvailability;
import dev.dgmbench.suite.backend.EngineWorkers;
import dev.dgmbench.suite.backend.probe.CpuInfo;
import dev.dgmbench.suite.backend.probe.GpuProbe;
import dev.dgmbench.suite.backend.probe.MemInfo;
import dev.dgmbench.suite.plan.EngineSupport;
import dev.dgmbench.suite.plan.Planner;
import dev.dgmbench.suite.plan.StudyPlan;
import dev.dgmbench.suite.run.WorkerLauncher;
import dev.dgmbench.suite.spec.StudySpec;

import java.util.List;
import java.util.Optional;

/**
 * Whether a study can run on a backend here, said before anything starts, and how many workers it gets: from the
 * backend (an ND4J build's machine check) and from what the study's engines declare ({@link EngineTraits}).
 */
final class BackendCheck {
    private BackendCheck() {
    }

    /** Why not, in words, or empty: the machine (CPU flags, GPU, driver, runtime) and the spec's engines. */
    static Optional<String> refusal(String source, StudySpec spec, Backend b) {
        if (b.isNd4j()) {
            BackendAvailability avail = BackendAvailability.check(b, CpuInfo.read(), b.isCuda() ? GpuProbe.system() : null);
            if (avail.skipped()) return Optional.of(avail.reason());
        }
        Optional<String> engines = EngineSupport.refusal(source, spec, b.name());
        if (engines.isPresent()) return engines;
        for (String e : EngineSupport.engines(Planner.plan(spec, b.name()))) {
            Optional<String> workers = EngineWorkers.classpath(e);
            Optional<String> why = workers.isPresent() ? EngineWorkers.unavailable(e, workers.get()) : Engines.unavailable(e);
            if (why.isPresent()) return Optional.of("backend " + b.name() + " cannot run here: " + why.get());
        }
        return Optional.empty();
    }

    /**
     * The worker JVMs' class path for the study on backend {@code b}, or null for this JVM's: an engine that this
     * JVM does not carry runs in workers of its own class path ({@link EngineWorkers}).
     */
    static String workerClasspath(StudySpec spec, Backend b) {
        for (String e : EngineSupport.engines(Planner.plan(spec, b.name()))) {
            Optional<String> cp = EngineWorkers.classpath(e);
            if (cp.isPresent()) return cp.get();
        }
        return null;
    }

    /**
     * Worker JVMs: as asked, else one per core, or one where an engine of the study wants one
     * ({@link EngineTraits.Workers#ONE}), and never more than the backend can use ({@link Backend#maxWorkers}).
     */
    static int workers(StudySpec spec, Backend b, Integer asked) {
        if (asked != null) return asked;
        boolean one = traits(spec, b).stream().anyMatch(t -> t.workers() == EngineTraits.Workers.ONE);
        return Math.min(b.maxWorkers(), one ? 1 : Runtime.getRuntime().availableProcessors());
    }

    /**
     * Runs a worker continues at once after training: as asked, else where every engine of the study asks for it
     * ({@link EngineTraits.ConcurrentRuns#CORES_PER_WORKER}: cuda, which trains runs as a group on the GPU), the cores
     * shared among the workers, so the host's part of each run (noise, energies, sample metrics) is not done one run
     * at a time while the GPU waits; elsewhere one, since a worker per core already fills the CPU.
     */
    static int concurrentRuns(StudySpec spec, Backend b, int workers, Integer asked) {
        if (asked != null) return asked;
        if (!traits(spec, b).stream().allMatch(t -> t.concurrentRuns() == EngineTraits.ConcurrentRuns.CORES_PER_WORKER)) return 1;
        return concurrentRuns(Runtime.getRuntime().availableProcessors(), workers, MemInfo.totalBytes());
    }

    private static List<EngineTraits> traits(StudySpec spec, Backend b) {
        StudyPlan plan = Planner.plan(spec, b.name());
        return EngineSupport.traits(plan);
    }

    /**
     * The cores per worker, but no more runs than three quarters of the machine's memory holds at a run's heap
     * each (WorkerLauncher.withConcurrentRuns); at least one. {@code memoryBytes} 0: unknown, no memory bound.
     */
    static int concurrentRuns(int cores, int workers, long memoryBytes) {
        int byCores = Math.max(1, cores / Math.max(1, workers));
        if (memoryBytes <= 0) return byCores;
        long perRun = WorkerLauncher.runHeapBytes();
        long byMemory = memoryBytes * 3 / 4 / perRun / Math.max(1, workers);
        return (int) Math.max(1, Math.min(byCores, byMemory));
    }
}

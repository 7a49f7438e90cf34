package dev.dgmbench.suite.cli;

import dev.dgmbench.engine.Engines;
import dev.dgmbench.suite.backend.Backend;
import dev.dgmbench.suite.backend.BackendAvailability;
import dev.dgmbench.suite.backend.Backends;
import dev.dgmbench.suite.backend.CpuInfo;
import dev.dgmbench.suite.backend.EngineWorkers;
import dev.dgmbench.suite.backend.GpuProbe;
import dev.dgmbench.suite.backend.MemInfo;
import dev.dgmbench.suite.plan.EngineSupport;
import dev.dgmbench.suite.run.WorkerLauncher;
import dev.dgmbench.suite.spec.StudySpec;

import java.util.Optional;

/** Whether a study can run on a backend here, said before anything starts, and how many workers it gets. */
final class BackendCheck {
    private BackendCheck() {
    }

    /** Why not, in words, or empty: the machine (CPU flags, GPU, driver, runtime) and the spec's engines. */
    static Optional<String> refusal(String source, StudySpec spec, Backend b) {
        Optional<String> engine = Backends.engineOf(b);
        if (engine.isPresent()) {
            Optional<String> workers = EngineWorkers.classpath(engine.get());
            Optional<String> why = workers.isPresent() ? EngineWorkers.unavailable(engine.get(), workers.get())
                    : Engines.unavailable(engine.get());
            if (why.isPresent()) return Optional.of("backend " + b.name() + " cannot run here: " + why.get());
        } else {
            BackendAvailability avail = BackendAvailability.check(b, CpuInfo.read(), b.isCuda() ? GpuProbe.system() : null);
            if (avail.skipped()) return Optional.of(avail.reason());
        }
        return EngineSupport.refusal(source, spec, b);
    }

    /**
     * The worker JVMs' class path for backend {@code b}, or null for this JVM's: an engine of the suite's own that
     * this JVM does not carry runs in workers of its own class path ({@link EngineWorkers}).
     */
    static String workerClasspath(Backend b) {
        return Backends.engineOf(b).flatMap(EngineWorkers::classpath).orElse(null);
    }

    /**
     * Worker JVMs: as asked, else one per core; one for a GPU backend, whose worker trains the runs of a latent
     * size together on the one device.
     */
    static int workers(Backend b, Integer asked) {
        if (asked != null) return asked;
        return b.isCuda() ? 1 : Runtime.getRuntime().availableProcessors();
    }

    /**
     * Runs a worker continues at once after training: on a backend whose engine trains runs as a group (cuda),
     * the cores shared among the workers, so the host's part of each run (noise, energies, sample metrics) is not
     * done one run at a time while the GPU waits; elsewhere one, since a worker per core already fills the CPU.
     */
    static int concurrentRuns(Backend b, int workers, Integer asked) {
        if (asked != null) return asked;
        if (Backends.engineOf(b).isEmpty()) return 1;
        return concurrentRuns(Runtime.getRuntime().availableProcessors(), workers, MemInfo.totalBytes());
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

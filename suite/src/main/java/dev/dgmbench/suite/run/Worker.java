package dev.dgmbench.suite.run;

import dev.dgmbench.engine.Engine;
import dev.dgmbench.engine.Engines;
import dev.dgmbench.metrics.evaluator.EvaluatorConfig;
import dev.dgmbench.metrics.evaluator.EvaluatorNetwork;
import dev.dgmbench.results.RunResult;
import dev.dgmbench.results.StudyResults;
import dev.dgmbench.suite.backend.Backend;
import dev.dgmbench.suite.backend.Backends;
import dev.dgmbench.suite.backend.probe.CpuInfo;
import dev.dgmbench.suite.backend.ProvenanceProbe;
import dev.dgmbench.suite.pipeline.RunPipeline;
import dev.dgmbench.suite.pipeline.RunProgress;
import dev.dgmbench.suite.pipeline.RunSettings;
import dev.dgmbench.suite.pipeline.StudyIdentity;
import dev.dgmbench.suite.pipeline.StudyInputs;
import dev.dgmbench.suite.pipeline.SuiteVersion;
import dev.dgmbench.suite.plan.PlannedRun;
import dev.dgmbench.suite.plan.ResolvedRun;
import dev.dgmbench.suite.plan.SpeedCache;
import dev.dgmbench.suite.spec.StudySpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The body of a worker JVM: reads the resolved plan, loads the data once, then executes runs, each published as a
 * result folder the moment it is complete: a share fixed before it started ({@link #run}), or runs taken from the
 * study's {@link RunQueue} one at a time as it becomes free ({@link #take}). It dies with its parent, so killing the
 * study kills its workers too.
 */
public final class Worker {
    /** The output folder's cache, used only when the user's cache folder cannot be made. */
    public static final String CACHE = "cache";

    private Worker() {
    }

    public static void watchParent() {
        ProcessHandle.current().parent().ifPresent(p -> p.onExit().thenRun(() -> Runtime.getRuntime().halt(3)));
    }

    /** Trains (or finds cached) the evaluator network once, before the workers start. */
    public static void prepare(PlanFile plan, Path folder, boolean quiet) {
        PlannedRun first = plan.runs(List.of(plan.runs().get(0).runId())).get(0);
        StudyInputs data = StudyInputs.load(first.config().dataset(), Path.of(plan.specDir()));
        EvaluatorNetwork ev = evaluator(first.config(), data, evaluatorCache(folder));
        if (!quiet) System.err.printf("  evaluator network: test accuracy %.3f%n", ev.testAccuracy());
    }

    /**
     * Where evaluator networks are cached: in the user's cache folder ({@code $DGMBENCH_CACHE}, else
     * {@code ~/.cache/dgmbench}; {@code evaluator/}), keyed by the dataset's fingerprint, the settings and the engine,
     * so a new output folder reuses the network; in the output folder's {@code cache/} when that cannot be made.
     */
    public static Path evaluatorCache(Path folder) {
        Path user = SpeedCache.defaultDir(System.getenv()).resolve("evaluator");
        try {
            Files.createDirectories(user);
            if (Files.isWritable(user)) return user;
        } catch (IOException | SecurityException e) {
            // a read-only home: the output folder then
        }
        return folder.resolve(CACHE);
    }

    public static EvaluatorNetwork evaluator(ResolvedRun c, StudyInputs data, Path cacheDir) {
        StudySpec.Evaluator e = c.metrics().evaluator();
        EvaluatorConfig d = EvaluatorConfig.defaults();
        return EvaluatorNetwork.trainOrLoad(cacheDir, data.splits(),
                new EvaluatorConfig(e.hidden(), e.epochs(), d.patience(), d.learningRate(), d.batchSize(), e.seed()));
    }

    /**
     * Executes the runs {@code runIds} of the plan (a share fixed before the workers start: the only worker, or
     * whole groups for an engine that trains groups); {@code worker} is this worker's number (from 1, recorded as
     * provenance {@value #WORKER}), {@code workers} how many workers share the study (recorded with each result, as
     * load on the machine), {@code concurrentRuns} how many runs this one continues at once.
     */
    public static void run(PlanFile plan, Path folder, String backendName, List<String> runIds, int worker,
                           boolean quiet, int workers, int concurrentRuns) {
        List<PlannedRun> runs = plan.runs(runIds);
        if (runs.isEmpty()) return;
        Setup setup = Setup.of(plan, folder, backendName, runs.get(0), worker, workers, quiet, concurrentRuns);
        // a group-training engine completes its groups from the plan's other runs (RunPipeline.execute)
        List<PlannedRun> planRuns = plan.allRuns();
        Map<String, List<PlannedRun>> byEngine = new LinkedHashMap<>();
        for (PlannedRun r : runs) byEngine.computeIfAbsent(RunSettings.engine(r.config()), k -> new ArrayList<>()).add(r);
        for (Map.Entry<String, List<PlannedRun>> e : byEngine.entrySet()) {
            String name = e.getKey();
            List<PlannedRun> sameEngine = planRuns.stream().filter(r -> RunSettings.engine(r.config()).equals(name)).toList();
            setup.pipeline(name).execute(e.getValue(), sameEngine, plan.reusedModels(), backendName, setup.runsDir(),
                    setup::report);
        }
    }

    /**
     * Takes runs from {@code queue} one at a time, each when this worker (or one of its threads) is free, until no
     * run is left to take, for engines that do not train groups ({@link RunQueue}). A study of several engines is
     * taken engine by engine, in the order their first runs have in the queue, each engine made only when this
     * worker has taken a run of it. Arguments as {@link #run}.
     */
    public static void take(PlanFile plan, Path folder, String backendName, RunQueue queue, int worker, boolean quiet,
                            int workers, int concurrentRuns) {
        List<PlannedRun> order = plan.runs(queue.order());
        if (order.isEmpty()) return;
        Setup setup = Setup.of(plan, folder, backendName, order.get(0), worker, workers, quiet, concurrentRuns);
        Map<String, PlannedRun> byId = new LinkedHashMap<>();
        for (PlannedRun r : order) byId.put(r.runId(), r);
        List<String> engines = order.stream().map(r -> RunSettings.engine(r.config())).distinct().toList();
        for (String name : engines) {
            Predicate<String> ofEngine = id -> RunSettings.engine(byId.get(id).config()).equals(name);
            Optional<String> first = queue.claim(ofEngine);
            if (first.isEmpty()) continue; // the other workers took them all
            AtomicReference<String> pending = new AtomicReference<>(first.get());
            Supplier<Optional<PlannedRun>> next = () -> {
                String id = pending.getAndSet(null);
                return (id != null ? Optional.of(id) : queue.claim(ofEngine)).map(byId::get);
            };
            setup.pipeline(name).execute(next, plan.reusedModels(), backendName, setup.runsDir(), setup::report);
        }
    }

    /** Provenance key: which of the study's worker JVMs ran the run (from 1). Provenance only: no metric depends on it. */
    public static final String WORKER = "worker";

    /** What a worker loads once, whichever runs it does: the data, the evaluator network, its provenance. */
    private record Setup(PlanFile plan, StudyInputs data, EvaluatorNetwork ev, WorkerProvenance system, int worker,
                         Path runsDir, boolean quiet, int concurrentRuns) {
        static Setup of(PlanFile plan, Path folder, String backendName, PlannedRun first, int worker, int workers,
                        boolean quiet, int concurrentRuns) {
            StudyInputs data = StudyInputs.load(first.config().dataset(), Path.of(plan.specDir()));
            EvaluatorNetwork ev = evaluator(first.config(), data, evaluatorCache(folder));
            return new Setup(plan, data, ev, systemProvenance(backendName, workers), worker,
                    folder.resolve(StudyResults.RUNS), quiet, concurrentRuns);
        }

        /** A pipeline on a new instance of the engine {@code name}. */
        RunPipeline pipeline(String name) {
            Engine engine = Engines.create(name);
            Map<String, String> prov = new TreeMap<>(system.withEngine(engine.provenance(), ev.testAccuracy(),
                    data.splits().train().fingerprint()).toMap());
            prov.put(WORKER, Integer.toString(worker));
            return new RunPipeline(new StudyIdentity(plan.study(), plan.specDigest()), data, engine,
                    () -> Engines.create(name), ev, prov, quiet ? RunProgress.QUIET : RunProgress.STDERR, concurrentRuns);
        }

        /** A finished run's line on stderr, unless quiet. */
        void report(RunResult r) {
            if (quiet) return;
            boolean reused = r.provenance().containsKey(RunPipeline.MODELS_FROM);
            Double nll = r.metrics().model().get("nll");
            Double total = r.timings() == null || reused ? null : r.timings().get("total_seconds");
            System.err.printf("done %s: %s%s%s%s%n", r.info().runId(), r.info().status(),
                    reused ? " on reused models" : "",
                    total == null ? "" : String.format(" in %.1f s", total),
                    nll == null ? "" : String.format(" (test NLL %.2f nats, KL %.2f)", nll, r.metrics().model().get("kl")));
        }
    }

    /** What every result of this worker records about the machine and the conditions it ran under. */
    static WorkerProvenance systemProvenance(String backendName, int workers) {
        Backend backend = Backends.find(backendName).orElse(Backends.CPU_AVX2);
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            host = "unknown";
        }
        return WorkerProvenance.system(ProvenanceProbe.system().collect(backend, CpuInfo.read(), null),
                System.getProperty("dgmbench.commit", "unknown"), SuiteVersion.VERSION, workers, host);
    }
}

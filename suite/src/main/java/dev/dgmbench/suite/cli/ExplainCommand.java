package dev.dgmbench.suite.cli;

import dev.dgmbench.engine.Engines;
import dev.dgmbench.engine.VaeShape;
import dev.dgmbench.results.BadInputException;
import dev.dgmbench.results.CanonicalJson;
import dev.dgmbench.results.ResultFolder;
import dev.dgmbench.results.RunMetrics;
import dev.dgmbench.results.StudyResults;
import dev.dgmbench.suite.pipeline.RunSettings;
import dev.dgmbench.suite.plan.CostModel;
import dev.dgmbench.suite.plan.PlannedRun;
import dev.dgmbench.suite.plan.Planner;
import dev.dgmbench.suite.plan.RunSelection;
import dev.dgmbench.suite.plan.ResolvedRun;
import dev.dgmbench.suite.plan.Shard;
import dev.dgmbench.suite.backend.probe.CpuInfo;
import dev.dgmbench.suite.plan.SpeedCache;
import dev.dgmbench.suite.plan.SpeedProbe;
import dev.dgmbench.suite.plan.StoppingForecast;
import dev.dgmbench.suite.plan.StudyPlan;
import dev.dgmbench.suite.plan.WallTime;
import dev.dgmbench.suite.run.DoneRuns;
import dev.dgmbench.suite.run.ModelsFrom;
import dev.dgmbench.suite.run.WorkerLauncher;
import dev.dgmbench.suite.spec.SpecLoader;
import dev.dgmbench.suite.spec.StudySpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "explain", mixinStandardHelpOptions = true,
        description = {"Print the expanded runs (grid x seeds x samplers) and an estimate of their wall time on this"
                + " machine: its speed from a short probe of the spec's model on its engine (measured once per"
                + " machine and model, cached in ~/.cache/dgmbench), the load average now and the worker count."})
class ExplainCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SPEC", description = SpecLoader.SHIPPED_HELP)
    String spec;

    @Option(names = "--shard", paramLabel = "i/n|auto[/n]", description = "explain only share i of n, or the share"
            + " of this array job (auto; see run --help)")
    String shard;

    @Option(names = "--workers", description = "worker JVMs side by side, as for run (default: one per core)")
    Integer workers;

    @Option(names = "--no-probe", description = "skip the speed probe and use the uncalibrated constants (instant,"
            + " but only a rough guess)")
    boolean noProbe;

    @Option(names = "--recalibrate", description = "measure this machine's speed again instead of using the value"
            + " cached in ~/.cache/dgmbench (after a hardware or engine change)")
    boolean recalibrate;

    @Option(names = {"-q", "--quiet"}, description = "print only the estimated wall time")
    boolean quiet;

    @Mixin
    SpecChanges changes = new SpecChanges();

    @Option(names = "--only", paramLabel = "RUN|PATH=VALUE", description = "explain only these runs, as for run")
    List<String> only = new ArrayList<>();

    @Option(names = "--out", description = "the output folder the study would run into (default: the spec's output);"
            + " its finished runs are left out of the estimate, as a rerun resumes them")
    Path out;

    @Option(names = "--models-from", paramLabel = "OLD", description = "as for run: the runs that would reuse OLD's"
            + " trained models are estimated without training, classifier training and NLL")
    Path modelsFrom;

    @Override
    public Integer call() {
        StudySpec s = changes.load(spec, false);
        int cores = Runtime.getRuntime().availableProcessors();
        if (workers != null && workers < 1) {
            throw new BadInputException("--workers " + workers + ": allowed: --workers must be at least 1");
        }
        StudyPlan full = Planner.plan(s);
        Shard sh = Shard.resolve(shard, System.getenv());
        StudyPlan plan = new RunSelection(only).apply(sh.equals(Shard.ALL) ? full : full.shard(sh), full);
        Path folder = out != null ? out.toAbsolutePath().normalize() : s.outputFolder(Path.of("").toAbsolutePath());
        List<PlannedRun> done = DoneRuns.in(folder, plan);
        // Early stopping and steps: auto are forecast from the runs of this study already finished, where there are
        // (their metrics.json only: the rest of a run folder, samples and traces, is megabytes it does not need).
        StoppingForecast stopping = StoppingForecast.observed(done.stream().map(r -> CanonicalJson.read(
                folder.resolve(StudyResults.RUNS).resolve(r.runId()).resolve(ResultFolder.METRICS), RunMetrics.class)).toList());
        if (!done.isEmpty()) {
            if (!quiet) System.out.printf("%d of the %d run(s) are already done in %s and are left out of the estimate%n%n",
                    done.size(), plan.size(), folder);
            plan = new StudyPlan(s, plan.runs().stream().filter(r -> !done.contains(r)).toList(), plan.shard());
        }
        java.util.Set<String> reused = java.util.Set.of();
        if (modelsFrom != null) {
            Path from = modelsFrom.toAbsolutePath().normalize();
            ModelsFrom.requireFolder(from, folder);
            Path specDir = s.specFile() != null ? s.specFile().toAbsolutePath().getParent() : Path.of("").toAbsolutePath();
            ModelsFrom.Choice choice = ModelsFrom.choose(from, plan.runs(), specDir);
            reused = choice.reused().keySet();
            if (!quiet) System.out.println(choice.summary(plan.runs().stream().map(PlannedRun::runId).toList()) + "\n");
        }
        Calibration c = noProbe ? new Calibration(CostModel.DEFAULT, "uncalibrated constants (--no-probe)")
                : calibrate(s, plan);
        // The load average now, less the probe that just ran: other processes will share the cores with the workers.
        double load = noProbe ? 0 : Math.max(0, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage() - 1);
        var machine = new WallTime.Machine(workers == null ? cores : workers, cores, load, c.speed());
        System.out.print(quiet ? plan.estimate(c.cost(), machine, stopping, reused)
                : plan.explain(c.cost(), machine, stopping, reused));
        return Main.OK;
    }

    /** The cost model for this machine and where its speed came from, in words. */
    private record Calibration(CostModel cost, String speed) {
    }

    /**
     * One core's speed for the plan's first run: from the cache of this machine, or measured by the probe in a
     * worker-like JVM and cached.
     */
    private Calibration calibrate(StudySpec s, StudyPlan plan) {
        if (plan.runs().isEmpty()) return new Calibration(CostModel.DEFAULT, "no runs to measure");
        ResolvedRun first = plan.runs().get(0).config();
        String engine = RunSettings.engine(first);
        if (!Engines.available().contains(engine)) {
            return new Calibration(CostModel.DEFAULT, "uncalibrated constants (engine " + engine + " is not on this"
                    + " class path; available: " + String.join(", ", Engines.available()) + ")");
        }
        VaeShape shape = RunSettings.shape(first, CostModel.pixels(s));
        int batch = first.training().batchSize();
        SpeedCache cache = new SpeedCache(SpeedCache.defaultDir(System.getenv()));
        String key = SpeedCache.key(CpuInfo.read().modelName(), engine, shape.pixels() + "x" + shape.levels() + " "
                + shape.hidden() + "/" + shape.latent() + " " + shape.likelihood() + " batch " + batch);
        var cached = recalibrate ? java.util.Optional.<Double>empty() : cache.get(key);
        if (cached.isPresent()) {
            return new Calibration(CostModel.measured(cached.get()), String.format(Locale.ROOT, "%.1f G multiply-adds/s"
                    + " on one core for this model on engine %s, measured earlier on this machine (cached in %s;"
                    + " --recalibrate measures again)", cached.get() / 1e9, engine, SpeedCache.defaultDir(System.getenv())));
        }
        WorkerLauncher wl = WorkerLauncher.forThisJvm(false);
        SpeedProbe.Speed p = SpeedProbe.inWorkerJvm(engine, shape, batch, wl.javaBinary(), wl.classpath(), wl.jvmArgs(), wl.env());
        cache.put(key, p.trainMacsPerSecond());
        return new Calibration(CostModel.measured(p.trainMacsPerSecond()), String.format(Locale.ROOT, "%.1f G"
                + " multiply-adds/s on one core, measured now by %d training steps of the spec's model on engine %s in"
                + " %.1f s", p.trainMacsPerSecond() / 1e9, p.steps(), engine, p.seconds()));
    }
}

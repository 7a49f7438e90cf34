package dev.dgmbench.suite.cli;

import dev.dgmbench.reports.Reports;
import dev.dgmbench.reports.compare.CompareThresholds;
import dev.dgmbench.suite.backend.Backend;
import dev.dgmbench.suite.backend.BackendClasspath;
import dev.dgmbench.suite.backend.BackendFetch;
import dev.dgmbench.suite.backend.Backends;
import dev.dgmbench.suite.backend.probe.CommandRunner;
import dev.dgmbench.suite.plan.Shard;
import dev.dgmbench.suite.run.StudyRunner;
import dev.dgmbench.suite.spec.SpecLoader;
import dev.dgmbench.suite.spec.StudySpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "compare-backends", mixinStandardHelpOptions = true,
        description = "Run the same study on several backends (ND4J CPU builds, cuda), each in its own JVM with its own "
                + "classpath, then write the comparison report (speed ratios, numerical drift). Backends this machine "
                + "cannot run (no AVX-512, no suitable GPU) are skipped with the reason; missing backend jars are "
                + "fetched on demand.")
class CompareBackendsCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SPEC", description = SpecLoader.SHIPPED_HELP)
    String spec;

    @Option(names = "--backends", split = ",", paramLabel = "BACKEND",
            description = "two or more backends, comma-separated, the first is the baseline (default: the spec's backends list)")
    List<String> backends;

    @Option(names = "--out", paramLabel = "DIR", description = "parent folder: one subfolder per backend, and compare/")
    Path out;

    @Option(names = "--workers", paramLabel = "N",
            description = "worker JVMs side by side per backend (default: one per core); use the same count as the baseline's "
                + "for fair timings")
    Integer workers;

    @Option(names = "--max-drift", paramLabel = "FRACTION",
            description = "one relative drift limit for every metric family, e.g. 0.05; default: per family (see 'compare "
                + "--help')")
    Double maxDrift;

    @Option(names = "--max-slowdown", paramLabel = "FACTOR",
            description = "a slowdown factor beyond which a backend's slower timing is a regression (default: none;"
                    + " backends differ in speed by design, so speed differences are reported as findings)")
    Double maxSlowdown;

    @Option(names = "--drift-check", paramLabel = "WHAT", defaultValue = "runs", converter = DriftCheckOption.class,
            description = "runs (default) or conclusions: what counts as a drift regression (see 'compare --help')")
    CompareThresholds.DriftCheck driftCheck;

    @Option(names = {"-q", "--quiet"}, description = "print only the comparison's regressions, warnings and errors")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        StudySpec s = SpecArgument.load(spec, true);
        Path root = out != null ? out.toAbsolutePath() : s.outputFolder(Path.of("").toAbsolutePath()).resolveSibling(s.name() + "-backends");
        List<String> names = backends != null ? backends : s.backends();
        if (names == null || new java.util.LinkedHashSet<>(names).size() < 2) {
            throw new dev.dgmbench.results.BadInputException("compare-backends needs two or more different backends, got "
                    + names + (backends != null ? " from --backends" : " from the spec's backends list")
                    + "; e.g. --backends cpu-avx2,cpu");
        }
        BackendClasspath cp = new BackendClasspath();
        List<Path> folders = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (String name : names) {
            Backend b = Backends.byName(name.equals("cpu") ? "cpu" : name);
            var refused = BackendCheck.refusal(spec, s, b);
            if (refused.isPresent()) {
                System.err.println("skipping " + b.name() + ": " + refused.get());
                continue;
            }
            Path folder = root.resolve(b.name());
            if (!b.isNd4j()) {
                // the backend of an engine of the suite's own (cuda): no ND4J build to swap; its workers get this
                // JVM's class path, or the engine's own where the launcher names one (EngineWorkers)
                if (!quiet) System.out.println("== backend " + b.name() + " -> " + folder);
                int w = BackendCheck.workers(s, b, workers);
                new StudyRunner(System.out).run(s, folder, new StudyRunner.Options(spec, false, w,
                        BackendCheck.concurrentRuns(s, b, w, null), Shard.ALL, b.name(), quiet, List.of(),
                        BackendCheck.workerClasspath(s, b)));
                folders.add(folder);
                labels.add(b.name());
                continue;
            }
            BackendClasspath.Plan plan = cp.plan(BackendClasspath.split(System.getProperty("java.class.path")), b);
            for (BackendFetch f : plan.fetches()) {
                System.err.println("fetching " + f.artifact().coordinates() + " (once)");
                var v = f.run(CommandRunner.system(), Duration.ofMinutes(15));
                if (!v.supported()) throw new IllegalStateException(v.message());
            }
            if (!plan.fetches().isEmpty()) plan = cp.plan(BackendClasspath.split(System.getProperty("java.class.path")), b);
            if (!plan.ready()) throw new IllegalStateException(plan.missingMessage());
            if (!quiet) System.out.println("== backend " + b.name() + " -> " + folder);
            int w = workers == null ? Runtime.getRuntime().availableProcessors() : workers;
            new StudyRunner(System.out).run(s, folder, new StudyRunner.Options(spec, false, w, 1, Shard.ALL, b.name(), quiet,
                    plan.jvmArgs(), plan.classpathString()));
            folders.add(folder);
            labels.add(b.name());
        }
        if (folders.size() < 2) {
            System.err.println("fewer than two backends ran: nothing to compare");
            return Main.BAD_INPUT;
        }
        var summary = Reports.writeComparison(folders, labels, CompareThresholds.defaultsWith(maxDrift, null).withMaxSlowdown(maxSlowdown).withDriftCheck(driftCheck), root.resolve("compare"));
        CompareCommand.print(summary, quiet);
        return summary.exitCode();
    }
}

package dev.dgmbench.suite.cli;

import dev.dgmbench.reports.CompareThresholds;
import dev.dgmbench.reports.Reports;
import dev.dgmbench.suite.backend.Backend;
import dev.dgmbench.suite.backend.BackendAvailability;
import dev.dgmbench.suite.backend.BackendClasspath;
import dev.dgmbench.suite.backend.BackendFetch;
import dev.dgmbench.suite.backend.Backends;
import dev.dgmbench.suite.backend.CommandRunner;
import dev.dgmbench.suite.backend.CpuInfo;
import dev.dgmbench.suite.plan.EngineSupport;
import dev.dgmbench.suite.backend.GpuProbe;
import dev.dgmbench.suite.plan.Shard;
import dev.dgmbench.suite.run.StudyRunner;
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
        description = {"Run the same study on several ND4J backends, each in its own JVM with its own classpath,",
                "then write the comparison report (speed ratios, numerical drift). Backends this machine cannot run",
                "(no AVX-512, no suitable GPU) are skipped with the reason; missing backend jars are fetched on demand."})
class CompareBackendsCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SPEC")
    String spec;

    @Option(names = "--backends", split = ",", description = "default: the spec's backends list")
    List<String> backends;

    @Option(names = "--out", description = "parent folder: one subfolder per backend, and compare/")
    Path out;

    @Option(names = "--workers")
    Integer workers;

    @Option(names = "--max-drift")
    Double maxDrift;

    @Option(names = "--max-slowdown")
    Double maxSlowdown;

    @Option(names = {"-q", "--quiet"})
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        StudySpec s = SpecArgument.load(spec, true);
        Path root = out != null ? out.toAbsolutePath() : s.outputFolder(Path.of("").toAbsolutePath()).resolveSibling(s.name() + "-backends");
        List<String> names = backends != null ? backends : s.backends();
        CpuInfo cpu = CpuInfo.read();
        BackendClasspath cp = new BackendClasspath();
        List<Path> folders = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (String name : names) {
            Backend b = Backends.byName(name.equals("cpu") ? "cpu" : name);
            BackendAvailability a = BackendAvailability.check(b, cpu, b.isCuda() ? GpuProbe.system() : null);
            if (a.skipped()) {
                System.err.println("skipping " + b.name() + ": " + a.reason());
                continue;
            }
            var engine = EngineSupport.refusal(spec, s, b);
            if (engine.isPresent()) {
                System.err.println("skipping " + b.name() + ": " + engine.get());
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
            Path folder = root.resolve(b.name());
            if (!quiet) System.out.println("== backend " + b.name() + " -> " + folder);
            int w = workers == null ? Runtime.getRuntime().availableProcessors() : workers;
            new StudyRunner(System.out).run(s, folder, new StudyRunner.Options(spec, false, w, Shard.ALL, b.name(), quiet,
                    plan.jvmArgs(), plan.classpathString()));
            folders.add(folder);
            labels.add(b.name());
        }
        if (folders.size() < 2) {
            System.err.println("fewer than two backends ran: nothing to compare");
            return Main.BAD_INPUT;
        }
        var summary = Reports.writeComparison(folders, labels, new CompareThresholds(maxDrift, maxSlowdown), root.resolve("compare"));
        summary.files().forEach(f -> System.out.println("wrote " + f));
        summary.regressions().forEach(r -> System.out.println("REGRESSION " + r));
        return summary.exitCode();
    }
}

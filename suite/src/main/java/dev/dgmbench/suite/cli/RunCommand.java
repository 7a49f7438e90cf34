package dev.dgmbench.suite.cli;

import dev.dgmbench.reports.Reports;
import dev.dgmbench.suite.backend.Backend;
import dev.dgmbench.suite.backend.Backends;
import dev.dgmbench.suite.plan.Shard;
import dev.dgmbench.suite.run.ModelsFrom;
import dev.dgmbench.suite.run.OutputLock;
import dev.dgmbench.suite.run.StudyRunner;
import dev.dgmbench.suite.spec.SpecLoader;
import dev.dgmbench.suite.spec.StudySpec;
import dev.dgmbench.suite.plan.Planner;
import dev.dgmbench.suite.plan.RunSelection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run a study: train, measure, sample, judge the claims and write the report. Finished runs are kept: "
                + "a rerun resumes where a killed one stopped (--force redoes them). Exit 0 when the study ran (use "
                + "'verify' to fail on claims), 2 for a bad spec, 3 when a run failed.")
class RunCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SPEC", description = SpecLoader.SHIPPED_HELP)
    String spec;

    @Option(names = "--out", description = "output folder (default: the spec's output, relative to the current folder)")
    Path out;

    @Option(names = "--force", description = "redo runs that are already finished, and replace the runs of another"
            + " spec in the output folder; the replaced runs are kept in its replaced/<time>/ folder")
    boolean force;

    @Mixin
    SpecChanges changes = new SpecChanges();

    @Option(names = "--models-from", paramLabel = "OLD", description = {"reuse the trained models of an earlier results"
            + " folder: a run whose OLD/runs/<id> finished OK with the same settings in every field but samplers is not"
            + " trained again; its VAE and NCE classifier are loaded (refused when trained on other data), the NCE"
            + " normaliser estimated again, and only the samplers and sample metrics run (the same numbers as a full"
            + " run); its model metrics, history and training times are OLD's. The other runs train, and the command"
            + " says why"})
    Path modelsFrom;

    @Option(names = "--only", paramLabel = "RUN|PATH=VALUE", description = {"run only these runs of the study"
            + " (repeatable): a run id, or grid values and seeds joined by commas: --only model.beta=0.2,"
            + " --only model.beta=0.2,seed=2; claims whose runs are not all done are not judged"})
    List<String> only = new ArrayList<>();

    @Option(names = "--workers", description = "worker JVMs side by side (default: one per core)")
    Integer workers;

    @Option(names = "--concurrent-runs", paramLabel = "N", description = "runs each worker continues at once after"
            + " training, each thread with an engine of its own (default on the cuda backend: the cores per worker, as"
            + " many as 3/4 of the memory holds at 1056 MiB of heap each; else 1)")
    Integer concurrentRuns;

    @Option(names = "--shard", paramLabel = "i/n|auto[/n]", description = {"run only share i of n of the runs, e.g. 2/4"
            + " (merge the folders afterwards); auto: the share of this array job, from DGMBENCH_SHARD=i/n,"
            + " JOB_COMPLETION_INDEX (Kubernetes; the count as auto/n or DGMBENCH_SHARD_COUNT) or SLURM_ARRAY_TASK_ID"
            + " (Slurm); see ci/README.md"})
    String shard;

    @Option(names = "--backend", completionCandidates = BackendNames.class,
            description = "backend: ${COMPLETION-CANDIDATES} (ND4J builds; cuda is the GPU engine for CUDA 13; cuda-11.6"
                    + " is ND4J's CUDA build, " + Backends.NEVER_EXECUTED + "; default: the build's, cpu-avx2)")
    String backend = "cpu-avx2";

    /** The backends' names for --help (the option stays a String: Backends.byName says what is allowed). */
    static final class BackendNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Backends.names().iterator();
        }
    }

    @Option(names = {"-q", "--quiet"}, description = "print only the claims table and errors (no progress)")
    boolean quiet;

    @Option(names = "--no-report", description = "skip the HTML/Markdown report")
    boolean noReport;

    @Option(names = "--no-wait", description = "refuse at once (exit 2) when another run uses the output folder,"
            + " instead of waiting for it to end")
    boolean noWait;

    @Option(names = "--store", description = "also record runs in this results store (JDBC URL; or env DGMBENCH_STORE_URL)")
    String store;

    boolean verify() {
        return false;
    }

    @Override
    public Integer call() throws Exception {
        StudySpec s = changes.load(spec, true);
        Path folder = out != null ? out.toAbsolutePath().normalize() : s.outputFolder(Path.of("").toAbsolutePath());
        var bad = RunOptions.problem(workers, concurrentRuns, folder, out != null ? "--out" : spec + ": output");
        if (bad.isPresent()) {
            System.err.println(bad.get());
            return Main.BAD_INPUT;
        }
        Path from = modelsFrom == null ? null : modelsFrom.toAbsolutePath().normalize();
        if (from != null) ModelsFrom.requireFolder(from, folder);
        RunSelection selection = new RunSelection(only);
        var fullPlan = Planner.plan(s);
        selection.apply(fullPlan, fullPlan); // a bad --only is refused before the folder is touched
        Backend b = Backends.byName(backend);
        Optional<String> refused = BackendCheck.refusal(spec, s, b);
        if (refused.isPresent()) {
            System.err.println(refused.get());
            return Main.BAD_INPUT;
        }
        int w = BackendCheck.workers(s, b, workers);
        StudyRunner.Options o = new StudyRunner.Options(spec, force, w, BackendCheck.concurrentRuns(s, b, w, concurrentRuns),
                Shard.resolve(shard, System.getenv()), b.name(), quiet, List.of(), BackendCheck.workerClasspath(s, b),
                selection, changes.overrides().arguments(), from);
        // One run per output folder, held across the study, its report and the push, which all write there.
        Thread interrupted = new Thread(() -> System.err.println("\ninterrupted; rerun the same command to resume"
                + " (finished runs are kept in " + folder + ")"));
        Runtime.getRuntime().addShutdownHook(interrupted);
        try (OutputLock lock = OutputLock.acquire(folder, noWait ? Duration.ZERO : OutputLock.DEFAULT_WAIT, System.err)) {
            return runAndReport(s, folder, o);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(interrupted);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is going down (Ctrl-C): the hook says so
            }
        }
    }

    private int runAndReport(StudySpec s, Path folder, StudyRunner.Options o) throws Exception {
        StudyRunner.Outcome outcome = new StudyRunner(System.out).run(s, folder, o);
        if (!quiet) {
            System.out.printf("%n%s: %d runs (%d run now, %d resumed, %d failed) in %.1f s; results in %s%n%n",
                    s.name(), outcome.planned(), outcome.ran(), outcome.skipped(), outcome.failed(), outcome.seconds(), folder);
        }
        ClaimsTable.print(System.out, outcome.claims());
        // printed even with --quiet, like the claims: they say how far the numbers can be trusted
        for (String w : outcome.sanity()) System.out.println("WARNING (sanity, docs/validity.md): " + w);
        int reportExit = Main.OK;
        if (!noReport) {
            try {
                var summary = Reports.writeStudyReport(folder, folder.resolve("report"), List.of());
                if (!quiet) System.out.println("\nreport: " + summary.files());
            } catch (RuntimeException e) {
                // the runs are done and kept, but a run whose report is missing has not succeeded: say why, exit 2 or 3
                System.err.print("the report could not be written; results are kept in " + folder + ": ");
                reportExit = Main.handle(e, new java.io.PrintWriter(System.err, true));
            }
        }
        String storeUrl = store != null ? store : System.getenv("DGMBENCH_STORE_URL");
        if (storeUrl != null) PushCommand.push(storeUrl, null, folder, quiet);
        if (reportExit != Main.OK) return reportExit;
        if (outcome.failed() > 0) {
            System.err.println(outcome.failed() + " run(s) failed; see the report's failures section (exit 3)");
            return Main.RUN_FAILED;
        }
        if (verify()) return Main.verdictExit(outcome.claims());
        return Main.OK;
    }
}

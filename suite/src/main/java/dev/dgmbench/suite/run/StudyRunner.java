package dev.dgmbench.suite.run;

import dev.dgmbench.results.ClaimResult;
import dev.dgmbench.results.Json;
import dev.dgmbench.results.ResultFolder;
import dev.dgmbench.results.RunInfo;
import dev.dgmbench.results.RunResult;
import dev.dgmbench.results.RunStatus;
import dev.dgmbench.results.StudyInfo;
import dev.dgmbench.results.StudyResults;
import dev.dgmbench.suite.claims.ClaimEvaluator;
import dev.dgmbench.suite.claims.JUnitXml;
import dev.dgmbench.suite.plan.PlannedRun;
import dev.dgmbench.suite.plan.Planner;
import dev.dgmbench.suite.plan.Shard;
import dev.dgmbench.suite.plan.StudyPlan;
import dev.dgmbench.suite.spec.StudySpec;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a study: plans it, skips runs whose result folder is already published (resume), hands the rest to worker
 * JVMs side by side (one per core, each single-threaded), then evaluates the claims over every run in the output
 * folder (so shards merged into one folder are judged together) and writes claims.json and claims-junit.xml.
 */
public final class StudyRunner {

    /**
     * @param specArg  how workers find the spec again: a shipped name or a file path
     * @param workers  worker JVMs side by side (default: one per core, at most one per run)
     */
    public record Options(String specArg, boolean force, int workers, Shard shard, String backend, boolean quiet,
                          List<String> extraJvmArgs, String classpath) {
    }

    public record Outcome(Path folder, int planned, int ran, int skipped, int failed, List<ClaimResult> claims,
                          double seconds) {
    }

    private final PrintStream out;

    public StudyRunner(PrintStream out) {
        this.out = out;
    }

    public Outcome run(StudySpec spec, Path folder, Options o) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        StudyPlan full = Planner.plan(spec);
        StudyPlan plan = full.shard(o.shard());
        Path runs = folder.resolve(StudyResults.RUNS);
        Files.createDirectories(runs);
        StudyResults.writeStudyInfo(folder, new StudyInfo(spec.name(), spec.description(), o.specArg(),
                specText(spec), spec.canonicalDigest(), full.runIds(), "./dgmbench run " + o.specArg()
                + " --out " + folder));
        ResultFolder.sweepTemporaries(runs);
        Path specDir = spec.specFile() != null ? spec.specFile().toAbsolutePath().getParent() : Path.of("").toAbsolutePath();
        PlanFile.of(plan, specDir).write(folder);
        List<String> todo = new ArrayList<>();
        int skipped = 0;
        for (PlannedRun r : plan.runs()) {
            if (!o.force() && finishedWithSameConfig(runs.resolve(r.runId()), r)) skipped++;
            else todo.add(r.runId());
        }
        say(o, String.format("%s: %d runs planned%s, %d already done, %d to run on backend %s",
                spec.name(), plan.size(), o.shard().count() > 1 ? " in shard " + o.shard() : "", skipped, todo.size(), o.backend()));
        if (!todo.isEmpty()) runWorkers(folder, todo, o);
        StudyResults results = StudyResults.read(folder);
        // Claims are judged over the runs of this spec's full plan only (merged shards included; leftovers of an
        // earlier version of the spec in the same folder are not).
        java.util.Set<String> planned = new java.util.HashSet<>(full.runIds());
        List<RunResult> inPlan = results.runs().stream().filter(r -> planned.contains(r.info().runId())).toList();
        int failed = (int) inPlan.stream().filter(r -> r.info().status() == RunStatus.FAILED).count();
        List<ClaimResult> claims = ClaimEvaluator.evaluate(spec.claims(), inPlan);
        StudyResults.writeClaims(folder, claims);
        JUnitXml.write(claims, folder.resolve(StudyResults.JUNIT));
        return new Outcome(folder, plan.size(), todo.size(), skipped, failed, claims, (System.nanoTime() - t0) / 1e9);
    }

    private void runWorkers(Path folder, List<String> todo, Options o) throws IOException, InterruptedException {
        WorkerLauncher launcher = WorkerLauncher.forThisJvm(!o.quiet());
        if (o.classpath() != null) launcher = launcher.withClasspath(o.classpath(), o.extraJvmArgs());
        List<String> common = new ArrayList<>(List.of("worker", "--plan", folder.resolve(PlanFile.FILE).toString(),
                "--out", folder.toString(), "--backend", o.backend()));
        if (o.quiet()) common.add("--quiet");
        // The evaluator network is trained once, before the workers, so they all load the same cached weights.
        say(o, "preparing the evaluator network (trained once per dataset, then cached)");
        waitFor(launcher.start(concat(common, List.of("--prepare"))), "prepare");
        int n = Math.max(1, Math.min(o.workers(), todo.size()));
        List<List<String>> shares = new ArrayList<>();
        for (int i = 0; i < n; i++) shares.add(new ArrayList<>());
        for (int i = 0; i < todo.size(); i++) shares.get(i % n).add(todo.get(i));
        say(o, "running " + todo.size() + " runs in " + n + " worker JVM(s), one OpenMP thread each");
        List<Process> procs = new ArrayList<>();
        common.addAll(List.of("--workers", Integer.toString(n)));
        for (int i = 0; i < n; i++) {
            // Run ids go through a file: a command line has a length limit, a study's run list has none.
            Path list = folder.resolve(".worker-" + (i + 1) + ".runs");
            Files.write(list, shares.get(i));
            procs.add(launcher.start(concat(common, List.of("--runs-file", list.toString()))));
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> procs.forEach(Process::destroy)));
        IOException first = null;
        for (int i = 0; i < procs.size(); i++) {
            try {
                waitFor(procs.get(i), "worker " + (i + 1));
            } catch (IOException e) {
                if (first == null) first = e;
            }
        }
        if (first != null) throw first;
    }

    /** A published run counts as done only if it was made with the same resolved configuration. */
    private static boolean finishedWithSameConfig(Path runDir, PlannedRun planned) {
        if (!Files.exists(runDir.resolve(ResultFolder.DIGEST))) return false;
        try {
            RunInfo info = Json.read(runDir.resolve(ResultFolder.RUN), RunInfo.class);
            return Json.canonical(info.config()).equals(Json.canonical(planned.configMap()));
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static void waitFor(Process p, String what) throws IOException, InterruptedException {
        int rc = p.waitFor();
        if (rc != 0) throw new IOException(what + " exited with code " + rc + " (finished runs are kept; rerun to resume)");
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private static String specText(StudySpec spec) {
        try {
            if (spec.specFile() != null && Files.exists(spec.specFile())) return Files.readString(spec.specFile());
        } catch (IOException ignored) {
            // fall back to the resolved spec
        }
        return spec.toYaml();
    }

    private void say(Options o, String line) {
        if (!o.quiet()) out.println(line);
    }
}

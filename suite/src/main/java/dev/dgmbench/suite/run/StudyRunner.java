package dev.dgmbench.suite.run;

import dev.dgmbench.results.AtomicFiles;
import dev.dgmbench.results.ClaimResult;
import dev.dgmbench.results.ResultFolder;
import dev.dgmbench.results.RunResult;
import dev.dgmbench.results.RunStatus;
import dev.dgmbench.results.Sanity;
import dev.dgmbench.results.StudyInfo;
import dev.dgmbench.results.StudyResults;
import dev.dgmbench.stats.Correction;
import dev.dgmbench.suite.claims.PartialClaims;
import dev.dgmbench.suite.claims.JUnitXml;
import dev.dgmbench.suite.reference.Reproduction;
import dev.dgmbench.suite.plan.CostModel;
import dev.dgmbench.suite.plan.PlannedRun;
import dev.dgmbench.suite.plan.EngineSupport;
import dev.dgmbench.suite.plan.Planner;
import dev.dgmbench.suite.plan.RunSelection;
import dev.dgmbench.suite.plan.Shard;
import dev.dgmbench.suite.plan.StoppingForecast;
import dev.dgmbench.suite.plan.StudyPlan;
import dev.dgmbench.suite.spec.SamplerCatalogue;
import dev.dgmbench.suite.spec.StudySpec;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Runs a study: plans it, skips runs whose result folder is already published and sound (resume; damaged ones are
 * moved aside and redone), hands the rest to worker JVMs side by side (one per core, each single-threaded; each
 * takes the next run when it is free, or, for an engine that trains groups, gets whole groups), then evaluates the
 * claims over every run in the output folder (so shards merged into one folder are judged together) and writes
 * claims.json and claims-junit.xml.
 */
public final class StudyRunner {

    /**
     * @param specArg  how workers find the spec again: a shipped name or a file path
     * @param workers  worker JVMs side by side (default: one per core, at most one per run)
     * @param concurrentRuns runs each worker continues at once after training (threads sharing its engine)
     * @param modelsFrom an earlier results folder whose runs' trained models are reused where only their samplers
     *                   differ ({@link ModelsFrom}); null: every run trains
     */
    public record Options(String specArg, boolean force, int workers, int concurrentRuns, Shard shard, String backend, boolean quiet,
                          List<String> extraJvmArgs, String classpath, RunSelection selection, List<String> changes,
                          Path modelsFrom) {
        public Options(String specArg, boolean force, int workers, int concurrentRuns, Shard shard, String backend,
                       boolean quiet, List<String> extraJvmArgs, String classpath) {
            this(specArg, force, workers, concurrentRuns, shard, backend, quiet, extraJvmArgs, classpath, RunSelection.ALL,
                    List.of(), null);
        }

        /**
         * The command that reruns this study into {@code folder}: the spec, its command-line changes, the selection,
         * the folder of reused models.
         */
        String rerun(Path folder) {
            List<String> words = new ArrayList<>(List.of("./dgmbench", "run", specArg));
            words.addAll(changes);
            for (String only : selection.arguments()) words.addAll(List.of("--only", only));
            if (modelsFrom != null) words.addAll(List.of("--models-from", modelsFrom.toString()));
            words.addAll(List.of("--out", folder.toString()));
            return String.join(" ", words.stream().map(StudyRunner::shellWord).toList());
        }
    }

    /** A word as a POSIX shell reads it back: bare when it is plain, else in single quotes. */
    private static String shellWord(String w) {
        return w.matches("[A-Za-z0-9_./=:,+@%-]+") ? w : "'" + w.replace("'", "'\\''") + "'";
    }

    /** @param sanity one line per sanity check that runs of the study fail (docs/validity.md) */
    public record Outcome(Path folder, int planned, int ran, int skipped, int failed, List<ClaimResult> claims,
                          List<String> sanity, double seconds) {
    }

    private final PrintStream out;

    public StudyRunner(PrintStream out) {
        this.out = out;
    }

    /**
     * Runs the study holding the output folder's lock ({@link OutputLock}; taken again if the caller holds it, else
     * waited for up to {@link OutputLock#DEFAULT_WAIT}), so no other study writes or sweeps the folder meanwhile.
     */
    public Outcome run(StudySpec spec, Path folder, Options o) throws IOException, InterruptedException {
        try (OutputLock lock = OutputLock.acquire(folder, OutputLock.DEFAULT_WAIT, System.err)) {
            return runLocked(spec, folder, o);
        }
    }

    private Outcome runLocked(StudySpec spec, Path folder, Options o) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        // Each run on the engine that runs it on this backend (cuda's own engine on cuda), before anything is resumed.
        StudyPlan full = Planner.plan(spec, o.backend());
        boolean groups = EngineSupport.trainsGroups(full);
        StudyPlan plan = o.selection().apply(full.shard(o.shard(), groups), full);
        Path specDir = spec.specFile() != null ? spec.specFile().toAbsolutePath().getParent() : Path.of("").toAbsolutePath();
        // Before anything is written: models of another folder trained on other data are refused.
        ModelsFrom.Choice reuse = o.modelsFrom() == null ? null : ModelsFrom.choose(o.modelsFrom(), plan.runs(), specDir);
        // Before anything is written: a folder holding another study's runs is refused (or, forced, moved aside).
        FolderOwnership.claim(folder, spec, o.force(), System.err);
        Path runs = folder.resolve(StudyResults.RUNS);
        Files.createDirectories(runs);
        // Leftovers of a killed study: its half-written run folders and files. Safe under the lock only.
        ResultFolder.sweepTemporaries(runs);
        try (Stream<Path> dirs = Files.walk(folder)) {
            // the folder, report/, its figures, ...: run folders have their own sweep above
            for (Path d : dirs.filter(Files::isDirectory).filter(d -> !d.startsWith(runs)).toList()) AtomicFiles.sweep(d);
        }
        for (int i = 1; Files.deleteIfExists(runList(folder, i)); i++) {
            // run lists of a killed study's workers
        }
        // A killed study's run queue, with its claims of runs it never finished: which runs are left is decided from
        // the published run folders below, never from claims.
        RunQueue.clearLeftovers(folder);
        // study.json and plan.json are rewritten before anything reads them, so a torn copy never blocks a rerun.
        StudyResults.writeStudyInfo(folder, new StudyInfo(spec.name(), spec.description(), o.specArg(),
                o.changes().isEmpty() ? specText(spec) : spec.toYaml(), spec.canonicalDigest(), full.runIds(), o.rerun(folder)));
        // The operative spec, every default written out (and the command line's changes applied), beside the results.
        AtomicFiles.writeString(folder.resolve(FolderOwnership.SPEC), "# the operative spec of " + o.rerun(folder)
                + "\n" + spec.toYaml());
        PlanFile planFile = PlanFile.of(plan, specDir);
        (reuse == null ? planFile : planFile.withModelsFrom(reuse.reused())).write(folder);
        Set<String> inShard = new HashSet<>(plan.runIds());
        RunRepair.moveAsideDamaged(runs, full.runIds(), inShard, System.err);
        List<PlannedRun> todo = new ArrayList<>();
        int skipped = 0;
        for (PlannedRun r : plan.runs()) {
            if (!o.force() && RunRepair.finishedWithSameConfig(runs.resolve(r.runId()), r)) skipped++;
            else todo.add(r);
        }
        List<String> redone = todo.stream().map(PlannedRun::runId).filter(id -> Files.exists(runs.resolve(id).resolve(ResultFolder.DIGEST))).toList();
        if (!redone.isEmpty()) {
            Path aside = FolderOwnership.moveAside(folder, redone.stream().map(id -> StudyResults.RUNS + "/" + id).toList());
            System.err.println((o.force() ? "--force: " : "") + redone.size() + " finished run(s) to be done again are kept in " + aside);
        }
        say(o, String.format("%s: %d runs planned%s%s, %d already done, %d to run on backend %s",
                spec.name(), plan.size(), o.shard().count() > 1 ? " in shard " + o.shard() + (groups ? " (whole groups of one shape)" : "") : "",
                o.selection().all() ? "" : " (selected by --only, of " + full.size() + ")", skipped, todo.size(), o.backend()));
        if (reuse != null && !todo.isEmpty()) say(o, reuse.summary(todo.stream().map(PlannedRun::runId).toList()));
        if (!todo.isEmpty()) {
            runWorkers(folder, new StudyPlan(spec, todo, plan.shard()), groups,
                    reuse == null ? Set.of() : reuse.reused().keySet(), o);
        }
        // Claims are judged over the runs of this spec's full plan only (merged shards included; leftovers of an
        // earlier version of the spec in the same folder are not). The old claims.json is not read: it is derived,
        // about to be replaced, and may be what a crash left torn.
        Set<String> planned = new HashSet<>(full.runIds());
        List<RunResult> inPlan = new ArrayList<>();
        for (Path dir : ResultFolder.list(runs)) {
            if (planned.contains(dir.getFileName().toString())) inPlan.add(ResultFolder.read(dir));
        }
        int failed = (int) inPlan.stream().filter(r -> r.info().status() == RunStatus.FAILED).count();
        Map<String, Map<String, Object>> gridPoints = new LinkedHashMap<>();
        for (PlannedRun r : full.runs()) gridPoints.put(r.runId(), r.gridPoint());
        List<ClaimResult> claims = new ArrayList<>(PartialClaims.evaluate(spec.claims(), gridPoints, inPlan,
                Correction.parse(spec.claimsCorrection()), SamplerCatalogue.nceNames()::contains));
        long unjudged = PartialClaims.unjudged(claims);
        if (unjudged > 0) {
            say(o, unjudged + " of " + claims.size() + " claim(s) not judged: their groups' runs are not all done ("
                    + inPlan.size() + " of " + full.size() + " runs of the study are); run the whole study to judge them");
        }
        claims.addAll(Reproduction.evaluate(spec, gridPoints, inPlan));
        StudyResults.writeClaims(folder, claims);
        JUnitXml.write(claims, folder.resolve(StudyResults.JUNIT));
        List<String> sanity = Sanity.summarize("", inPlan, c -> true);
        return new Outcome(folder, plan.size(), todo.size(), skipped, failed, claims, sanity, (System.nanoTime() - t0) / 1e9);
    }

    /**
     * Runs {@code todoPlan}'s runs in worker JVMs. One worker gets them all in plan order; with more, the workers take
     * runs from a {@link RunQueue} as each becomes free, longest expected first ({@link StudyPlan#longestFirst}), so
     * they finish within about one run of each other; {@code wholeGroups} (the backend's engine trains stacked
     * groups, where a member's bits depend on its group) deals each group whole to one worker before they start
     * ({@link WorkerShares}). {@code reused}: runs that reuse earlier models, costed without training.
     */
    private void runWorkers(Path folder, StudyPlan todoPlan, boolean wholeGroups, Set<String> reused, Options o)
            throws IOException, InterruptedException {
        List<PlannedRun> todoRuns = todoPlan.runs();
        List<String> todo = todoPlan.runIds();
        WorkerLauncher launcher = WorkerLauncher.forThisJvm(!o.quiet()).withConcurrentRuns(o.concurrentRuns());
        if (o.classpath() != null) launcher = launcher.withClasspath(o.classpath(), o.extraJvmArgs());
        List<String> common = new ArrayList<>(List.of("worker", "--plan", folder.resolve(PlanFile.FILE).toString(),
                "--out", folder.toString(), "--backend", o.backend()));
        if (o.quiet()) common.add("--quiet");
        // The evaluator network is trained once, before the workers, so they all load the same cached weights.
        say(o, "preparing the evaluator network (trained once per dataset, then cached)");
        waitFor(launcher.start(concat(common, List.of("--prepare"))), "prepare");
        boolean take = !wholeGroups && o.workers() > 1 && todo.size() > 1;
        List<List<String>> shares = take ? List.of() : WorkerShares.split(todoRuns, o.workers(), wholeGroups);
        int n = take ? Math.min(o.workers(), todo.size()) : shares.size();
        say(o, "running " + todo.size() + " runs in " + n + " worker JVM(s)"
                + (wholeGroups ? " (each group of one shape in one worker)" : "")
                + (take ? ", each taking the next run when it is free, longest expected first" : "")
                + ", one OpenMP thread each"
                + (o.concurrentRuns() > 1 ? ", each continuing up to " + o.concurrentRuns() + " runs at once" : ""));
        List<Process> procs = new ArrayList<>();
        common.addAll(List.of("--workers", Integer.toString(n), "--concurrent-runs", Integer.toString(o.concurrentRuns())));
        List<Path> lists = new ArrayList<>();
        RunQueue queue = null;
        if (take) {
            // The plan's cost model, at the reference speed: only the order of the estimates matters.
            queue = RunQueue.create(folder, todoPlan.longestFirst(CostModel.REFERENCE, StoppingForecast.RULE_OF_THUMB,
                    reused).stream().map(PlannedRun::runId).toList());
        }
        for (int i = 0; i < n; i++) {
            List<String> worker = List.of("--worker", Integer.toString(i + 1));
            if (take) {
                procs.add(launcher.start(concat(common, concat(worker, List.of("--queue", queue.dir().toString())))));
                continue;
            }
            // Run ids go through a file: a command line has a length limit, a study's run list has none.
            Path list = runList(folder, i + 1);
            AtomicFiles.writeString(list, String.join("\n", shares.get(i)) + "\n");
            lists.add(list);
            procs.add(launcher.start(concat(common, concat(worker, List.of("--runs-file", list.toString())))));
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> procs.forEach(Process::destroy)));
        StudyProgress progress = StudyProgress.start(folder.resolve(StudyResults.RUNS), todo, o.quiet(), System.err);
        IOException first = null;
        for (int i = 0; i < procs.size(); i++) {
            try {
                waitFor(procs.get(i), "worker " + (i + 1));
            } catch (IOException e) {
                if (first == null) first = e;
            }
        }
        progress.close(); // a last look, so the final count shows
        for (Path list : lists) Files.deleteIfExists(list);
        if (queue != null) queue.delete();
        if (first != null) throw first;
    }

    /** The run ids of worker {@code i} (from 1), one a line. */
    private static Path runList(Path folder, int i) {
        return folder.resolve(".worker-" + i + ".runs");
    }

    private static void waitFor(Process p, String what) throws IOException, InterruptedException {
        int rc = p.waitFor();
        WorkerLauncher.awaitErrors(p);
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

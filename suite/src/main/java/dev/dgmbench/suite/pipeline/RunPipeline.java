package dev.dgmbench.suite.pipeline;

import dev.dgmbench.engine.Engine;
import dev.dgmbench.engine.ImageSet;
import dev.dgmbench.engine.MeteredEngine;
import dev.dgmbench.engine.VaeModel;
import dev.dgmbench.engine.train.EpochStats;
import dev.dgmbench.engine.train.VaeTraining;
import dev.dgmbench.metrics.evaluator.EvaluatorNetwork;
import dev.dgmbench.models.sampling.DecodedImages;
import dev.dgmbench.results.MetricCatalogue;
import dev.dgmbench.results.ResultFolder;
import dev.dgmbench.results.RunResult;
import dev.dgmbench.results.RunStatus;
import dev.dgmbench.suite.plan.PlannedRun;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A run as named steps: {@link TrainVae} -> {@link FitPrior} -> {@link MeasureLikelihood} -> {@link DrawSamples}
 * -> {@link JudgeSamples} -> {@link RecordRun}, each published as a result folder. Runs of one engine that can
 * stack models are trained together, a group per shape; every run then continues on a model of its own, one run
 * after another or {@code concurrentRuns} at a time, each thread with an engine instance of its own (a GPU engine's
 * instance has its own buffers and cuBLAS handle): groups train side by side, and the host's work of one run
 * (noise, energies, sample metrics) overlaps the others', so the GPU is not left waiting. A run computes the same
 * numbers either way, and records its time inside the engine ({@link MeteredEngine}). An engine that does not
 * train groups can also take its runs one at a time as a thread becomes free ({@link #execute(Supplier, Map, String,
 * Path, Consumer)}: the worker JVMs' run queue). Diverged training becomes a FAILED result with its reason.
 */
public final class RunPipeline {
    /** Provenance key: how many runs the worker continued at once (its first that many include JIT warm-up). */
    public static final String CONCURRENT_RUNS = "concurrent_runs";
    /** Provenance key: the earlier run folder whose trained models a run reused, with that run's digest. */
    public static final String MODELS_FROM = "models_from";

    private final StudyIdentity study;
    private final StudyInputs data;
    private final MeteredEngine engine;
    private final Supplier<Engine> moreEngines;
    private final JudgeSamples judge;
    private final Map<String, String> provenance;
    private final RunProgress progress;
    private final int concurrentRuns;
    /** Runs this pipeline has started, over all its calls: the next one's {@code worker_run_index}. */
    private final AtomicInteger started = new AtomicInteger();

    /**
     * @param engine      trains the groups and continues runs when they go one at a time
     * @param moreEngines new instances of the same engine, one per thread when runs continue concurrently
     */
    public RunPipeline(StudyIdentity study, StudyInputs data, Engine engine, Supplier<Engine> moreEngines,
                       EvaluatorNetwork evaluator, Map<String, String> provenance, RunProgress progress, int concurrentRuns) {
        if (concurrentRuns < 1) throw new IllegalArgumentException("concurrentRuns " + concurrentRuns + " < 1");
        this.study = study;
        this.data = data;
        this.engine = MeteredEngine.of(engine);
        this.moreEngines = moreEngines;
        this.judge = new JudgeSamples(evaluator, data);
        this.provenance = new java.util.TreeMap<>(provenance);
        this.provenance.put(CONCURRENT_RUNS, Integer.toString(concurrentRuns));
        this.progress = progress;
        this.concurrentRuns = concurrentRuns;
    }

    /**
     * Executes the runs and publishes each result folder under {@code runsDir} as soon as it is complete;
     * {@code done} hears of each (one at a time). Each group is trained, then its runs continue; with concurrent
     * runs the groups train side by side and a group's runs start as soon as it is done.
     */
    public void execute(List<PlannedRun> runs, String backend, Path runsDir, Consumer<RunResult> done) {
        execute(runs, runs, backend, runsDir, done);
    }

    /**
     * As {@link #execute(List, String, Path, Consumer)}, with an engine that trains groups training each group of
     * {@code runs} whole: with its companions in {@code plan} (runs already done, or another worker's), so that
     * every member trains in the group an uninterrupted study would give it. Only {@code runs} are published.
     */
    public void execute(List<PlannedRun> runs, List<PlannedRun> plan, String backend, Path runsDir, Consumer<RunResult> done) {
        execute(runs, plan, Map.of(), backend, runsDir, done);
    }

    /**
     * As {@link #execute(List, List, String, Path, Consumer)}, with the runs of {@code modelsFrom} (run id -> the
     * folder of an earlier run with the same configuration but for its samplers) not trained: each loads that run's
     * models and continues from its samplers ({@link #reuse}). Such runs leave their groups (of {@code runs} and of
     * {@code plan}); a group whose runs all reuse is not trained.
     */
    public void execute(List<PlannedRun> allRuns, List<PlannedRun> plan, Map<String, Path> modelsFrom, String backend,
                        Path runsDir, Consumer<RunResult> done) {
        long t0 = System.nanoTime();
        List<PlannedRun> reused = allRuns.stream().filter(r -> modelsFrom.containsKey(r.runId())).toList();
        List<PlannedRun> runs = allRuns.stream().filter(r -> !modelsFrom.containsKey(r.runId())).toList();
        List<PlannedRun> trainedInPlan = plan.stream().filter(r -> !modelsFrom.containsKey(r.runId())).toList();
        List<List<PlannedRun>> groups = engine.trainsGroups()
                ? TrainVae.groupsInPlan(runs, trainedInPlan) : runs.stream().map(List::of).toList();
        Set<String> mine = new HashSet<>(runs.stream().map(PlannedRun::runId).toList());
        Consumer<RunResult> published = oneAtATime(done);
        int threads = Math.min(concurrentRuns, allRuns.size());
        if (threads <= 1) {
            for (PlannedRun run : reused) reuse(run, engine, modelsFrom.get(run.runId()), backend, runsDir, published);
            for (List<PlannedRun> group : groups) {
                Map<String, TrainVae.Detached> trained = trainGroup(engine, group, mine, t0);
                for (PlannedRun run : group) {
                    if (mine.contains(run.runId())) finish(run, engine, trained.get(run.runId()), backend, runsDir, published);
                }
            }
            return;
        }
        ThreadLocal<MeteredEngine> own = enginePerThread();
        List<Future<?>> continuations = java.util.Collections.synchronizedList(new ArrayList<>());
        onPool(threads, pool -> {
            for (PlannedRun run : reused) {
                continuations.add(pool.submit(() -> reuse(run, own.get(), modelsFrom.get(run.runId()), backend, runsDir, published)));
            }
            List<Future<?>> trainings = new ArrayList<>();
            for (List<PlannedRun> group : groups) {
                trainings.add(pool.submit(() -> {
                    Map<String, TrainVae.Detached> trained = trainGroup(own.get(), group, mine, t0);
                    for (PlannedRun run : group) {
                        if (!mine.contains(run.runId())) continue;
                        TrainVae.Detached t = trained.get(run.runId());
                        continuations.add(pool.submit(() -> finish(run, own.get(), t, backend, runsDir, published)));
                    }
                }));
            }
            for (Future<?> f : trainings) f.get();
            for (Future<?> f : List.copyOf(continuations)) f.get();
        });
    }

    /**
     * Executes runs as {@code next} hands them out until it has none left, each published under {@code runsDir} as
     * soon as it is complete ({@code done} hears of each, one at a time): one after another, or with concurrent runs
     * on {@code concurrentRuns} threads, each taking the next run when it is free. The runs of {@code modelsFrom}
     * (run id -> an earlier run's folder) reuse that run's models ({@link #reuse}). Only for an engine that does not
     * train groups: its runs are independent, so it needs no companions and a run computes the same numbers whichever
     * worker or thread takes it and after whatever runs (a {@code RunQueue} hands runs out across workers).
     *
     * @param next the next run, empty when none is left; called from this pipeline's threads (so thread-safe)
     * @throws IllegalStateException for an engine that trains groups: its runs go whole to {@link #execute(List,
     *                               List, Map, String, Path, Consumer)}
     */
    public void execute(Supplier<java.util.Optional<PlannedRun>> next, Map<String, Path> modelsFrom, String backend,
                        Path runsDir, Consumer<RunResult> done) {
        if (engine.trainsGroups()) {
            throw new IllegalStateException("an engine that trains groups gets its runs and their groups whole, not one by one");
        }
        Consumer<RunResult> published = oneAtATime(done);
        if (concurrentRuns <= 1) {
            takeRuns(next, () -> engine, modelsFrom, backend, runsDir, published);
            return;
        }
        ThreadLocal<MeteredEngine> own = enginePerThread();
        onPool(concurrentRuns, pool -> {
            List<Future<?>> threads = new ArrayList<>();
            for (int i = 0; i < concurrentRuns; i++) {
                threads.add(pool.submit(() -> takeRuns(next, own::get, modelsFrom, backend, runsDir, published)));
            }
            for (Future<?> f : threads) f.get();
        });
    }

    /** One thread's loop: take a run, do it on this thread's engine (made when it first has a run), repeat. */
    private void takeRuns(Supplier<java.util.Optional<PlannedRun>> next, Supplier<MeteredEngine> engineOfThread,
                          Map<String, Path> modelsFrom, String backend, Path runsDir, Consumer<RunResult> published) {
        for (java.util.Optional<PlannedRun> r = next.get(); r.isPresent(); r = next.get()) {
            PlannedRun run = r.get();
            Path from = modelsFrom.get(run.runId());
            if (from != null) reuse(run, engineOfThread.get(), from, backend, runsDir, published);
            else finish(run, engineOfThread.get(), null, backend, runsDir, published);
        }
    }

    /**
     * Trains a group of more than one run together on {@code engine} and reads each run off the group (its buffers
     * are not for sharing); a single run trains later, in {@link #finish}.
     */
    private Map<String, TrainVae.Detached> trainGroup(MeteredEngine engine, List<PlannedRun> group, Set<String> mine,
                                                     long t0) {
        Map<String, TrainVae.Detached> out = new java.util.HashMap<>();
        if (group.size() > 1) {
            // companions (runs not published here) train silently and are dropped with the group
            TrainVae.trainAll(engine, group, data, r -> mine.contains(r.runId()) ? listener(r.runId(), t0) : (s, m, b) -> { })
                    .forEach((id, t) -> {
                        if (mine.contains(id)) out.put(id, t.detach());
                    });
        }
        return out;
    }

    /**
     * The rest of one run on {@code engine} (training too, unless its group trained it) up to its published result
     * folder.
     */
    private void finish(PlannedRun run, MeteredEngine engine, TrainVae.Detached grouped,
                        String backend, Path runsDir, Consumer<RunResult> done) {
        long r0 = System.nanoTime();
        Map<String, String> prov = runProvenance(started.getAndIncrement());
        TrainVae.Trained t = grouped != null ? grouped.on(engine) : TrainVae.train(engine, run, data, listener(run.runId(), r0));
        double inside = engine.insideSeconds();
        RecordRun record = new RecordRun(run);
        // a group-trained run's wall time starts with its group's training, as a lone run's starts with its own
        long start = grouped == null || t.result() == null ? r0 : r0 - (long) (t.result().seconds() * 1e9);
        RunResult result = continueRun(run, engine, t, record, backend, prov, start, inside);
        ResultFolder.commit(runsDir, result, dir -> record.modelFiles(dir, data.splits().train().fingerprint()));
        done.accept(result);
    }

    /**
     * One run on the models of an earlier run ({@code from}, a published run folder with the same configuration but
     * its samplers): the VAE and NCE classifier loaded from its {@code model/} (refused when trained on other data),
     * the prior's proposal and normaliser computed again as {@link FitPrior} does, then sampled and judged as a
     * trained run is; the model metrics, history and timings up to sampling are the earlier run's ({@link
     * RecordRun#reused}). Published with the models (re-saved, the same bytes) and provenance {@value #MODELS_FROM}.
     */
    private void reuse(PlannedRun run, MeteredEngine engine, Path from, String backend, Path runsDir,
                       Consumer<RunResult> done) {
        Map<String, String> prov = runProvenance(started.getAndIncrement());
        String fingerprint = data.splits().train().fingerprint();
        ModelFiles.requireTrainedOn(from, fingerprint);
        RunResult old = ResultFolder.read(from);
        prov.put(MODELS_FROM, from + " (digest " + old.digest() + ")");
        progress.say(run.runId(), "models from " + from);
        VaeModel vae = engine.vae(RunSettings.shape(run.config(), data.pixels()), ModelFiles.vae(from, run.config(), data.pixels()));
        FitPrior.Fitted prior = null;
        if (run.config().prior().nce().enabled()) {
            progress.say(run.runId(), "NCE normaliser of the reused classifier");
            prior = FitPrior.ofTrained(engine, run, vae, ModelFiles.classifier(from, run.config()), data);
        }
        RecordRun record = new RecordRun(run);
        sample(run, vae, prior, record);
        record.reused(old, vae, prior);
        RunResult result = record.result(RunStatus.OK, null, study, backend, prov, data.splits().test());
        ResultFolder.commit(runsDir, result, dir -> record.modelFiles(dir, fingerprint));
        done.accept(result);
    }

    /** {@code done} called by one thread at a time. */
    private Consumer<RunResult> oneAtATime(Consumer<RunResult> done) {
        return r -> {
            synchronized (this) {
                done.accept(r);
            }
        };
    }

    /** The first thread to ask takes this pipeline's engine, the others a new instance each. */
    private ThreadLocal<MeteredEngine> enginePerThread() {
        java.util.concurrent.atomic.AtomicBoolean taken = new java.util.concurrent.atomic.AtomicBoolean();
        return ThreadLocal.withInitial(() -> taken.compareAndSet(false, true) ? engine : MeteredEngine.of(moreEngines.get()));
    }

    /** Work that submits to a pool and waits for what it submitted. */
    @FunctionalInterface
    private interface PoolWork {
        void run(ExecutorService pool) throws ExecutionException, InterruptedException;
    }

    /** Runs {@code work} on a pool of {@code threads} daemon threads; a task's failure is rethrown as it was. */
    private static void onPool(int threads, PoolWork work) {
        ExecutorService pool = Executors.newFixedThreadPool(threads, daemonThreads());
        try {
            work.run(pool);
        } catch (ExecutionException e) {
            pool.shutdownNow();
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error err) throw err;
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while runs were in progress", e);
        } finally {
            pool.shutdown();
        }
    }

    private static java.util.concurrent.ThreadFactory daemonThreads() {
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "run-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /**
     * Provenance of the index-th run of this worker (in the order runs start): the first {@code concurrent_runs}
     * include the JIT's warm-up, so speed comparisons leave them out; the load average tells how busy the machine was.
     */
    private Map<String, String> runProvenance(int index) {
        Map<String, String> p = new java.util.TreeMap<>(provenance);
        p.put("worker_run_index", Integer.toString(index));
        double load = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        p.put("load_average_start", load < 0 ? "unavailable" : String.format(java.util.Locale.ROOT, "%.2f", load));
        return p;
    }

    private RunResult continueRun(PlannedRun run, MeteredEngine engine, TrainVae.Trained t, RecordRun record, String backend,
                                  Map<String, String> provenance, long t0, double engineSecondsBefore) {
        record.training(t);
        if (t.failure() != null) {
            progress.say(run.runId(), "FAILED: " + t.failure().getMessage());
            return record.result(RunStatus.FAILED, t.failure().getMessage(), study, backend, provenance, data.splits().test());
        }
        FitPrior.Fitted prior = null;
        if (run.config().prior().nce().enabled()) {
            progress.say(run.runId(), "NCE classifier in latent space");
            prior = FitPrior.fit(engine, run, t.vae(), data);
            record.prior(prior);
        }
        progress.say(run.runId(), "importance-weighted NLL, K=" + run.config().metrics().nll().importanceSamples() + " on "
                + data.test().size() + " test images");
        record.likelihood(MeasureLikelihood.measure(run, t.vae(), prior, data));
        sample(run, t.vae(), prior, record);
        record.timing(RecordRun.TOTAL_SECONDS, (System.nanoTime() - t0) / 1e9);
        // the engine's share of this run's time after training: the rest is the host's
        record.timing("engine_seconds", engine.insideSeconds() - engineSecondsBefore);
        return record.result(RunStatus.OK, null, study, backend, provenance, data.splits().test());
    }

    /**
     * The sampling steps: the real and reconstructed images' sets, then every sampler's draws ({@link DrawSamples})
     * judged ({@link JudgeSamples}).
     */
    private void sample(PlannedRun run, VaeModel vae, FitPrior.Fitted prior, RecordRun record) {
        record.sampleSet(MetricCatalogue.REAL_SET, judge.realImages(run));
        ImageSet head = data.test().head(RecordRun.GRID_IMAGES);
        float[] mu = means(vae.encode(head.inputs(), head.size()), head.size(), vae.shape().latent());
        record.sampleSet(MetricCatalogue.RECONSTRUCTION_SET,
                DecodedImages.decode(vae, mu, head.size(), DecodedImages.Mode.MODE, run.seed()).images());
        List<DrawSamples.Drawn> drawn = DrawSamples.draw(run, vae, prior, m -> progress.say(run.runId(), m));
        long j0 = System.nanoTime();
        Map<String, Map<String, Double>> judged = judge.judge(run, drawn);
        record.timing(RecordRun.SAMPLE_METRICS_SECONDS, (System.nanoTime() - j0) / 1e9);
        record.samples(drawn, judged);
    }

    /** The posterior means of [mu | logvar] rows. */
    private static float[] means(float[] posterior, int n, int latent) {
        float[] mu = new float[n * latent];
        for (int r = 0; r < n; r++) System.arraycopy(posterior, r * 2 * latent, mu, r * latent, latent);
        return mu;
    }

    private VaeTraining.EpochListener listener(String runId, long t0) {
        return (EpochStats s, int max, int best) -> {
            if (s.epoch() % 10 != 0 && s.epoch() != 1) return;
            double elapsed = (System.nanoTime() - t0) / 1e9, perEpoch = elapsed / s.epoch();
            progress.say(runId, String.format("epoch %d/%d  train %.2f  val %.2f (RE %.2f, KL %.2f)  best epoch %d  %.2f s/epoch, at most %.0f s left",
                    s.epoch(), max, s.trainLoss(), s.valLoss(), s.valRe(), s.valKl(), best, perEpoch, perEpoch * (max - s.epoch())));
        };
    }

}

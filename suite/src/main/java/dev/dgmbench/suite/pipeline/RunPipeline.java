package dev.dgmbench.suite.pipeline;

import dev.dgmbench.engine.Engine;
import dev.dgmbench.engine.ImageSet;
import dev.dgmbench.engine.SerializedEngine;
import dev.dgmbench.engine.train.EpochStats;
import dev.dgmbench.engine.train.VaeTraining;
import dev.dgmbench.metrics.evaluator.EvaluatorNetwork;
import dev.dgmbench.models.sampling.DecodedImages;
import dev.dgmbench.results.ResultFolder;
import dev.dgmbench.results.RunResult;
import dev.dgmbench.results.RunStatus;
import dev.dgmbench.suite.plan.PlannedRun;
import dev.dgmbench.suite.run.RunProgress;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * A run as named steps: {@link TrainVae} -> {@link FitPrior} -> {@link MeasureLikelihood} -> {@link DrawSamples}
 * -> {@link JudgeSamples} -> {@link RecordRun}, each published as a result folder. Runs of one engine that can
 * stack models are trained together first, then continue one by one, or {@code concurrentRuns} at a time. The
 * engine is shared behind one lock ({@link SerializedEngine}), so its calls stay one at a time while the host's
 * work between them (noise, energies, sample metrics) runs in parallel, and each run records its time inside the
 * engine. A run computes the same numbers either way. Diverged training becomes a FAILED result with its reason.
 */
public final class RunPipeline {
    private final StudyIdentity study;
    private final StudyInputs data;
    private final SerializedEngine engine;
    private final JudgeSamples judge;
    private final Map<String, String> provenance;
    private final RunProgress progress;
    private final int concurrentRuns;

    public RunPipeline(StudyIdentity study, StudyInputs data, Engine engine, EvaluatorNetwork evaluator,
                       Map<String, String> provenance, RunProgress progress, int concurrentRuns) {
        if (concurrentRuns < 1) throw new IllegalArgumentException("concurrentRuns " + concurrentRuns + " < 1");
        this.study = study;
        this.data = data;
        this.engine = SerializedEngine.of(engine);
        this.judge = new JudgeSamples(evaluator, data);
        this.provenance = new java.util.TreeMap<>(provenance);
        this.provenance.put(CONCURRENT_RUNS, Integer.toString(concurrentRuns));
        this.progress = progress;
        this.concurrentRuns = concurrentRuns;
    }

    /** Provenance key: how many runs the worker continued at once (its first that many include JIT warm-up). */
    public static final String CONCURRENT_RUNS = "concurrent_runs";

    /**
     * Executes the runs and publishes each result folder under {@code runsDir} as soon as it is complete;
     * {@code done} hears of each (one at a time).
     */
    public void execute(List<PlannedRun> runs, String backend, Path runsDir, Consumer<RunResult> done) {
        long t0 = System.nanoTime();
        Map<String, TrainVae.Trained> trained = runs.size() > 1 && engine.trainsGroups()
                ? TrainVae.trainAll(engine, runs, data, r -> listener(r.runId(), t0)) : Map.of();
        Consumer<RunResult> published = r -> {
            synchronized (this) {
                done.accept(r);
            }
        };
        if (concurrentRuns == 1 || runs.size() == 1) {
            for (int i = 0; i < runs.size(); i++) finish(runs.get(i), i, trained, backend, runsDir, published);
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(concurrentRuns, runs.size()), daemonThreads());
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < runs.size(); i++) {
                int index = i;
                futures.add(pool.submit(() -> finish(runs.get(index), index, trained, backend, runsDir, published)));
            }
            for (Future<?> f : futures) f.get();
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

    /** The rest of one run (training too, unless its group trained it) up to its published result folder. */
    private void finish(PlannedRun run, int index, Map<String, TrainVae.Trained> trained, String backend, Path runsDir,
                        Consumer<RunResult> done) {
        long r0 = System.nanoTime();
        Map<String, String> prov = runProvenance(index);
        TrainVae.Trained t = trained.get(run.runId());
        if (t == null) t = TrainVae.train(engine, run, data, listener(run.runId(), r0));
        SerializedEngine.Usage used = engine.usage();
        RecordRun record = new RecordRun(run);
        RunResult result = continueRun(run, t, record, backend, prov, r0, used);
        ResultFolder.commit(runsDir, result, dir -> record.modelFiles(dir, data.splits().train().fingerprint()));
        done.accept(result);
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

    private RunResult continueRun(PlannedRun run, TrainVae.Trained t, RecordRun record, String backend,
                                  Map<String, String> provenance, long t0, SerializedEngine.Usage used) {
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
        int[][] real = judge.realImages(run);
        record.sets.put("real", RecordRun.firstImages(real, RecordRun.GRID_IMAGES));
        ImageSet head = data.test().head(RecordRun.GRID_IMAGES);
        float[] mu = means(t.vae().encode(head.inputs(), head.size()), head.size(), t.vae().shape().latent());
        record.sets.put("reconstruction", DecodedImages.decode(t.vae(), mu, head.size(), DecodedImages.Mode.MODE, run.seed()).images());
        List<DrawSamples.Drawn> drawn = DrawSamples.draw(run, t.vae(), prior, m -> progress.say(run.runId(), m));
        long j0 = System.nanoTime();
        Map<String, Map<String, Double>> judged = judge.judge(run, drawn);
        record.timings.put("sample_metrics_seconds", (System.nanoTime() - j0) / 1e9);
        record.samples(drawn, judged);
        record.timings.put("total_seconds", (System.nanoTime() - t0) / 1e9);
        // the engine's share of this run's time after training, and with concurrent runs the time the run waited
        // while the others' engine calls ran
        SerializedEngine.Usage u = engine.usage().since(used);
        record.timings.put("engine_seconds", u.insideSeconds());
        if (concurrentRuns > 1) record.timings.put("engine_wait_seconds", u.waitSeconds());
        return record.result(RunStatus.OK, null, study, backend, provenance, data.splits().test());
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

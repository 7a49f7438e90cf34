package dev.dgmbench.suite.pipeline;

import dev.dgmbench.engine.VaeModel;
import dev.dgmbench.engine.train.TrainingResult;
import dev.dgmbench.metrics.likelihood.NllEstimate;
import dev.dgmbench.models.data.ImageDataset;
import dev.dgmbench.results.Digests;
import dev.dgmbench.results.EpochRecord;
import dev.dgmbench.results.Metric;
import dev.dgmbench.results.MetricCatalogue;
import dev.dgmbench.results.RunInfo;
import dev.dgmbench.results.RunMetrics;
import dev.dgmbench.results.RunResult;
import dev.dgmbench.results.RunStatus;
import dev.dgmbench.results.SampleSets;
import dev.dgmbench.suite.plan.PlannedRun;
import dev.dgmbench.suite.plan.RunArithmetic;
import dev.dgmbench.suite.spec.SamplerCatalogue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Step 6: everything a run measured, gathered as it happens and turned into a {@link RunResult} (metrics,
 * history, timings, traces, sample grids, provenance, digest), and the trained models written into its folder.
 */
public final class RecordRun {
    /** Images kept per set for the report's sample grids. */
    public static final int GRID_IMAGES = 64;
    static final String TOTAL_SECONDS = "total_seconds", SAMPLE_METRICS_SECONDS = "sample_metrics_seconds";

    private final PlannedRun run;
    private final String started = Instant.now().toString();
    private final Map<String, Double> model = new TreeMap<>(), timings = new TreeMap<>();
    private final Map<String, double[]> traces = new TreeMap<>();
    private final Map<String, Map<String, Double>> samplers = new TreeMap<>();
    private final Map<String, int[][]> sets = new LinkedHashMap<>();
    private List<EpochRecord> history = List.of();
    private TrainVae.Trained trained;
    private FitPrior.Fitted prior;
    /** The classifier's epochs as the run whose models this one reuses recorded them (null if it did not). */
    private String reusedNceEpochs;

    public RecordRun(PlannedRun run) {
        this.run = run;
    }

    void training(TrainVae.Trained t) {
        trained = t;
        history = t.history();
        if (t.result() == null) return;
        timing("train_seconds", t.result().seconds());
        timing("epoch_seconds", t.result().seconds() / t.result().history().size());
        TrainingResult.Phases phases = t.result().phases();
        timing("train_draw_seconds", phases.drawSeconds());
        timing("train_fit_seconds", phases.fitSeconds());
        timing("train_measure_seconds", phases.measureSeconds());
        model("epochs", (double) t.result().history().size());
        model("best_epoch", (double) t.result().bestEpoch());
    }

    void prior(FitPrior.Fitted p) {
        prior = p;
        model("nce_accuracy", p.training().accuracy());
        model("nce_loss", p.training().loss());
        timing("nce_seconds", p.training().seconds());
        timing("normaliser_seconds", p.normaliserSeconds());
        model("nce_log_z", p.prior().logZ());
        model("nce_log_z_se", p.prior().logZStdError());
        model("nce_log_z_ess", p.prior().ess());
    }

    void likelihood(MeasureLikelihood.Measured m) {
        model("re", m.elbo().re());
        model("kl", m.elbo().kl());
        model("kl_mc", m.elbo().klMc());
        model("loss", m.elbo().loss());
        model("elbo", m.elbo().elbo());
        timing("nll_seconds", m.nllSeconds());
        NllEstimate standard = m.nll().get(0);
        model("nll", standard.nll());
        model("nll_se", standard.stdError());
        model("bpd", standard.bitsPerDim());
        if (m.nll().size() > 1) {
            model("nll_nce", m.nll().get(1).nll());
            model("nll_nce_se", m.nll().get(1).stdError());
        }
    }

    void samples(List<DrawSamples.Drawn> drawn, Map<String, Map<String, Double>> judged) {
        judged.forEach((sampler, metrics) -> {
            Map<String, Double> m = new TreeMap<>();
            metrics.forEach((name, v) -> m.put(catalogued(Metric.Scope.SAMPLER, name), v));
            samplers.put(sampler, m);
        });
        for (DrawSamples.Drawn d : drawn) {
            timing(d.sampler() + "_seconds", d.seconds());
            Double rate = d.output().diagnostics().get("steps_per_second");
            if (rate != null) timing(d.sampler() + "_steps_per_second", rate);
            d.output().traces().forEach((key, v) -> traces.put(d.sampler() + "_" + key, v));
            sampleSet(d.sampler(), d.images().images());
        }
    }

    /**
     * A run that reuses the models of an earlier run {@code old} (the same configuration but for its samplers): its
     * model metrics, training history and the timings of every step before sampling are {@code old}'s, as recorded;
     * the samplers' metrics, sample sets, traces and timings are this run's (recorded before this call), and its
     * {@code total_seconds} is {@code old}'s with the old sampling time replaced by this run's.
     */
    void reused(RunResult old, VaeModel vae, FitPrior.Fitted p) {
        trained = new TrainVae.Trained(vae, null, null);
        prior = p;
        reusedNceEpochs = old.provenance() == null ? null : old.provenance().get(RunArithmetic.NCE_EPOCHS);
        history = old.history() == null ? List.of() : old.history();
        model.putAll(old.metrics().model());
        Map<String, Double> before = old.timings() == null ? Map.of() : old.timings();
        double oldSampling = 0, newSampling = 0;
        for (Map.Entry<String, Double> t : before.entrySet()) {
            if (!samplingTiming(t.getKey())) timings.putIfAbsent(t.getKey(), t.getValue());
            else if (t.getKey().endsWith("_seconds")) oldSampling += t.getValue();
        }
        for (Map.Entry<String, Double> t : timings.entrySet()) {
            if (samplingTiming(t.getKey()) && t.getKey().endsWith("_seconds")) newSampling += t.getValue();
        }
        Double total = before.get(TOTAL_SECONDS);
        if (total != null) timings.put(TOTAL_SECONDS, total - oldSampling + newSampling);
    }

    /** A timing of the sampling steps: a sampler's seconds or rate, or the sample metrics' seconds. */
    static boolean samplingTiming(String name) {
        if (name.equals(SAMPLE_METRICS_SECONDS)) return true;
        for (String s : SamplerCatalogue.names()) {
            if (name.equals(s + "_seconds") || name.equals(s + "_steps_per_second")) return true;
        }
        return false;
    }

    /** The images of a set for the report's sample grids: the first {@link #GRID_IMAGES}. */
    void sampleSet(String set, int[][] images) {
        if (!MetricCatalogue.SAMPLE_SETS.contains(set) && !samplers.containsKey(set)) {
            throw new IllegalStateException("sample set " + set + " is neither a sampler's nor in"
                    + " MetricCatalogue.SAMPLE_SETS " + MetricCatalogue.SAMPLE_SETS);
        }
        sets.put(set, firstImages(images, GRID_IMAGES));
    }

    /** A model metric, by its name in the {@link MetricCatalogue}. */
    void model(String name, double value) {
        model.put(catalogued(Metric.Scope.MODEL, name), value);
    }

    /** A timing, by its name in the {@link MetricCatalogue} or named by its unit ({@code _seconds}, {@code _per_second}). */
    void timing(String name, double value) {
        timings.put(catalogued(Metric.Scope.TIMING, name), value);
    }

    /** The name, if the catalogue knows it in this scope: a key written here is one every reader can interpret. */
    private static String catalogued(Metric.Scope scope, String name) {
        if (MetricCatalogue.find(scope, name).isEmpty()) {
            throw new IllegalStateException("metric " + name + " is not in the MetricCatalogue (" + scope
                    + "); declare it there: " + MetricCatalogue.names(scope));
        }
        return name;
    }

    RunResult result(RunStatus status, String failure, StudyIdentity study, String backend,
                     Map<String, String> provenance, ImageDataset test) {
        RunInfo info = new RunInfo(run.runId(), study.name(), study.specDigest(), new LinkedHashMap<>(run.gridPoint()),
                run.seed(), backend, status, failure, run.configMap(), started, Instant.now().toString());
        RunMetrics metrics = status == RunStatus.OK ? new RunMetrics(model, samplers) : new RunMetrics(new TreeMap<>(), new TreeMap<>());
        SampleSets samples = new SampleSets(test.width(), test.height(), test.levels(), sets);
        TreeMap<String, String> how = new TreeMap<>(provenance);
        // the adaptive schedule's length and the classifier's epochs differ run by run; they are provenance, not
        // metrics (digests stay metrics), and RunArithmetic counts the work by them
        if (prior != null) how.put(RunArithmetic.NORMALISER_TEMPERATURES, Integer.toString(prior.temperatures()));
        if (prior != null && prior.training() != null) how.put(RunArithmetic.NCE_EPOCHS, Integer.toString(prior.training().epochs()));
        else if (reusedNceEpochs != null) how.put(RunArithmetic.NCE_EPOCHS, reusedNceEpochs);
        return new RunResult(info, metrics, history, timings, how, samples, traces, Digests.ofMetrics(metrics));
    }

    /** Writes the trained models into {@code model/} of the run's folder (nothing for a failed run). */
    void modelFiles(Path runDir, String datasetFingerprint) throws IOException {
        if (trained == null || trained.vae() == null) return;
        ModelFiles.save(runDir, trained.vae(), prior == null ? null : prior.classifier(), datasetFingerprint);
    }

    static int[][] firstImages(int[][] images, int n) {
        int[][] out = new int[Math.min(n, images.length)][];
        System.arraycopy(images, 0, out, 0, out.length);
        return out;
    }
}

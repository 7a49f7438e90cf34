package dev.dgmbench.suite.run;

import dev.dgmbench.metrics.evaluator.EvaluatorConfig;
import dev.dgmbench.metrics.evaluator.EvaluatorNetwork;
import dev.dgmbench.metrics.likelihood.ElboTerms;
import dev.dgmbench.metrics.likelihood.ImportanceWeightedNll;
import dev.dgmbench.metrics.likelihood.NllEstimate;
import dev.dgmbench.metrics.quality.SampleQuality;
import dev.dgmbench.metrics.quality.SampleQualityConfig;
import dev.dgmbench.models.nn.Engine;
import dev.dgmbench.models.prior.GradientMode;
import dev.dgmbench.models.prior.LatentPrior;
import dev.dgmbench.models.prior.NceClassifier;
import dev.dgmbench.models.prior.NceConfig;
import dev.dgmbench.models.prior.NcePrior;
import dev.dgmbench.models.prior.NceTrainingResult;
import dev.dgmbench.models.prior.StandardNormal;
import dev.dgmbench.models.sampling.DecodedImages;
import dev.dgmbench.models.sampling.Energy;
import dev.dgmbench.models.sampling.LangevinSampler;
import dev.dgmbench.models.sampling.LatentSampler;
import dev.dgmbench.models.sampling.MalaSampler;
import dev.dgmbench.models.sampling.PriorSampler;
import dev.dgmbench.models.sampling.SamplerOutput;
import dev.dgmbench.models.sampling.SirSampler;
import dev.dgmbench.models.vae.BetaVae;
import dev.dgmbench.models.vae.DivergedException;
import dev.dgmbench.models.vae.EpochStats;
import dev.dgmbench.models.vae.Likelihood;
import dev.dgmbench.models.vae.TrainConfig;
import dev.dgmbench.models.vae.TrainingResult;
import dev.dgmbench.models.vae.VaeConfig;
import dev.dgmbench.models.vae.VaeTrainer;
import dev.dgmbench.results.EpochRecord;
import dev.dgmbench.results.RunInfo;
import dev.dgmbench.results.RunMetrics;
import dev.dgmbench.results.RunResult;
import dev.dgmbench.results.RunStatus;
import dev.dgmbench.results.SampleSets;
import dev.dgmbench.suite.plan.PlannedRun;
import dev.dgmbench.suite.plan.ResolvedRun;
import dev.dgmbench.suite.spec.StudySpec;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One run, start to finish: train the beta-VAE, measure it on the test split (ELBO terms, importance-weighted NLL),
 * train the NCE classifier, draw from every enabled sampler, judge the samples, and return a {@link RunResult}.
 * The model files are written by {@link #modelFiles}. Diverged training becomes a FAILED result with its reason.
 */
public final class RunExecutor {
    /** Images kept per set for the report's sample grids. */
    public static final int GRID_IMAGES = 64;
    static final int ELBO_DRAWS = 10, NORMALISER_DRAWS = 20_000;

    private final StudySpec spec;
    private final StudyData data;
    private final EvaluatorNetwork evaluator;
    private final Map<String, String> provenance;
    private final RunProgress progress;
    private BetaVae lastVae;
    private NceClassifier lastNce;

    public RunExecutor(StudySpec spec, StudyData data, EvaluatorNetwork evaluator, Map<String, String> provenance,
                       RunProgress progress) {
        this.spec = spec;
        this.data = data;
        this.evaluator = evaluator;
        this.provenance = provenance;
        this.progress = progress;
    }

    public static EvaluatorNetwork evaluator(StudySpec spec, StudyData data, Path cacheDir) {
        StudySpec.Evaluator e = spec.metrics().evaluator();
        EvaluatorConfig d = EvaluatorConfig.defaults();
        return EvaluatorNetwork.trainOrLoad(cacheDir, data.splits(),
                new EvaluatorConfig(e.hidden(), e.epochs(), d.patience(), d.learningRate(), d.batchSize(), e.seed()));
    }

    public RunResult execute(PlannedRun run, String backend) {
        String started = Instant.now().toString();
        ResolvedRun c = run.config();
        long seed = run.seed();
        Map<String, Double> timings = new TreeMap<>();
        Map<String, double[]> traces = new TreeMap<>();
        List<EpochRecord> history = new ArrayList<>();
        Map<String, Double> model = new TreeMap<>();
        Map<String, Map<String, Double>> samplerMetrics = new TreeMap<>();
        Map<String, int[][]> sets = new LinkedHashMap<>();
        try {
            long t0 = System.nanoTime();
            VaeConfig vc = new VaeConfig(data.splits().train().pixelsPerImage(), c.dataset().levels(), c.model().hidden(),
                    c.model().latent(), c.model().likelihood() == StudySpec.Likelihood.BERNOULLI ? Likelihood.BERNOULLI : Likelihood.CATEGORICAL,
                    c.model().beta());
            Engine engine = c.model().engine() == StudySpec.Engine.SAMEDIFF ? Engine.SAMEDIFF : Engine.FUSED;
            TrainConfig tc = new TrainConfig(c.training().optimizer() == StudySpec.Optimizer.ADAMAX
                    ? TrainConfig.Optimizer.ADAMAX : TrainConfig.Optimizer.ADAM, c.training().learningRate(),
                    c.training().batchSize(), c.training().maxEpochs(), c.training().patience(), engine);
            BetaVae vae = BetaVae.create(vc, seed);
            lastVae = vae;
            TrainingResult tr = new VaeTrainer(tc, seed).train(vae, data.train(), data.validation(),
                    (s, max, best) -> epochProgress(run.runId(), s, max, best, t0));
            for (EpochStats s : tr.history()) {
                history.add(new EpochRecord(s.epoch(), s.trainLoss(), s.trainRe(), s.trainKl(), s.valLoss(), s.valRe(), s.valKl(), s.seconds()));
            }
            timings.put("train_seconds", tr.seconds());
            timings.put("epoch_seconds", tr.seconds() / tr.history().size());
            model.put("epochs", (double) tr.history().size());
            model.put("best_epoch", (double) tr.bestEpoch());

            ElboTerms elbo = ElboTerms.evaluate(vae, data.test(), ELBO_DRAWS, seed);
            model.put("re", elbo.re());
            model.put("kl", elbo.kl());
            model.put("kl_mc", elbo.klMc());
            model.put("loss", elbo.loss());
            model.put("elbo", elbo.elbo());
            int k = c.metrics().nll().importanceSamples();
            NceClassifier nce = null;
            NcePrior ncePrior = null;
            StudySpec.Nce ncfg = c.prior().nce();
            if (ncfg.enabled()) {
                progress.say(run.runId(), "NCE classifier in latent space");
                nce = NceClassifier.create(new NceConfig(vc.latent(), ncfg.hidden(), ncfg.learningRate(), ncfg.batchSize(),
                        ncfg.maxEpochs(), ncfg.patience(), engine), seed);
                lastNce = nce;
                NceTrainingResult nr = nce.train(vae.encode(data.train().inputs()), vae.encode(data.validation().inputs()), seed);
                model.put("nce_accuracy", nr.accuracy());
                model.put("nce_loss", nr.loss());
                timings.put("nce_seconds", nr.seconds());
                ncePrior = NcePrior.estimate(nce, NORMALISER_DRAWS, seed);
                model.put("nce_log_z", ncePrior.logZ());
                model.put("nce_log_z_se", ncePrior.logZStdError());
            }
            // Both priors are scored on the same importance samples: one decoder pass, and a paired comparison.
            List<LatentPrior> priors = ncePrior == null ? List.of(StandardNormal.INSTANCE) : List.of(StandardNormal.INSTANCE, ncePrior);
            progress.say(run.runId(), "importance-weighted NLL, K=" + k + " on " + data.test().size() + " test images, "
                    + priors.size() + " prior(s)");
            long n0 = System.nanoTime();
            List<NllEstimate> nll = ImportanceWeightedNll.estimate(vae, data.test(), priors, k,
                    ImportanceWeightedNll.defaultChunk(k), seed, engine);
            timings.put("nll_seconds", (System.nanoTime() - n0) / 1e9);
            model.put("nll", nll.get(0).nll());
            model.put("nll_se", nll.get(0).stdError());
            model.put("bpd", nll.get(0).bitsPerDim());
            if (nll.size() > 1) {
                model.put("nll_nce", nll.get(1).nll());
                model.put("nll_nce_se", nll.get(1).stdError());
            }

            int[][] real = firstImages(data.splits().test().images(), c.metrics().sampleQuality().realSamples());
            sets.put("real", firstImages(real, GRID_IMAGES));
            INDArray head = data.test().inputs().get(NDArrayIndex.interval(0, Math.min(GRID_IMAGES, data.test().size())), NDArrayIndex.all());
            sets.put("reconstruction", DecodedImages.decode(vae, vae.encode(head)[0], DecodedImages.Mode.MODE, seed).images());
            StudySpec.Samplers sc = c.samplers();
            DecodedImages.Mode mode = sc.decode() == StudySpec.Decode.SAMPLE ? DecodedImages.Mode.SAMPLE : DecodedImages.Mode.MODE;
            SampleQualityConfig qc = new SampleQualityConfig(c.metrics().sampleQuality().kidSubsets(),
                    c.metrics().sampleQuality().kidSubsetSize(), c.metrics().sampleQuality().precisionRecallK(),
                    c.metrics().sampleQuality().densityCoverageK());
            double[][] realFeatures = evaluator.features(real);   // once per run, shared by every sampler
            for (LatentSampler sampler : samplers(sc, vc.latent(), nce, engine)) {
                progress.say(run.runId(), "sampler " + sampler.name() + ": " + sc.samples() + " samples");
                long s0 = System.nanoTime();
                SamplerOutput out = sampler.sample(sc.samples(), seed);
                double sampleSeconds = (System.nanoTime() - s0) / 1e9;
                DecodedImages img = DecodedImages.decode(vae, out.z(), mode, seed);
                Map<String, Double> m = new TreeMap<>(SampleQuality.evaluate(evaluator, realFeatures, img.images(), img.probabilities(),
                        data.splits().test().width(), data.splits().test().height(), vc.levels(), qc, seed));
                out.diagnostics().forEach((key, v) -> {
                    if (key.equals("steps_per_second")) timings.put(sampler.name() + "_steps_per_second", v);
                    else m.put(key, v);
                });
                timings.put(sampler.name() + "_seconds", sampleSeconds);
                samplerMetrics.put(sampler.name(), m);
                out.traces().forEach((key, v) -> traces.put(sampler.name() + "_" + key, v));
                sets.put(sampler.name(), firstImages(img.images(), GRID_IMAGES));
            }
            timings.put("total_seconds", (System.nanoTime() - t0) / 1e9);
            return result(run, backend, RunStatus.OK, null, started, model, samplerMetrics, history, timings, traces, sets);
        } catch (DivergedException e) {
            progress.say(run.runId(), "FAILED: " + e.getMessage());
            lastVae = null;
            lastNce = null;
            return result(run, backend, RunStatus.FAILED, e.getMessage(), started, new TreeMap<>(), new TreeMap<>(),
                    history, timings, traces, sets);
        }
    }

    /** Writes the trained models of the last executed run into {@code model/} of its result folder. */
    public void modelFiles(Path runDir) throws java.io.IOException {
        if (lastVae == null) return;
        Path dir = java.nio.file.Files.createDirectories(runDir.resolve(dev.dgmbench.results.ResultFolder.MODEL_DIR));
        lastVae.save(dir.resolve("vae.bin"));
        if (lastNce != null) lastNce.save(dir.resolve("nce.bin"));
        java.nio.file.Files.writeString(dir.resolve("dataset.fingerprint"), data.splits().train().fingerprint() + "\n");
    }

    private List<LatentSampler> samplers(StudySpec.Samplers sc, int latent, NceClassifier nce, Engine engine) {
        List<LatentSampler> out = new ArrayList<>();
        if (sc.prior() != null) out.add(new PriorSampler(latent));
        if (nce != null) {
            Energy energy = new Energy(nce, engine == Engine.FUSED ? GradientMode.FUSED : GradientMode.DERIVED);
            if (sc.langevin() != null) {
                out.add(new LangevinSampler(energy, latent, sc.langevin().steps(), sc.langevin().stepSize(), sc.langevin().noiseScale()));
            }
            if (sc.mala() != null) out.add(new MalaSampler(energy, latent, sc.mala().steps(), sc.mala().stepSize()));
            if (sc.sir() != null) out.add(new SirSampler(nce, latent, sc.sir().proposals()));
        }
        return out;
    }

    private RunResult result(PlannedRun run, String backend, RunStatus status, String failure, String started,
                             Map<String, Double> model, Map<String, Map<String, Double>> samplers,
                             List<EpochRecord> history, Map<String, Double> timings, Map<String, double[]> traces,
                             Map<String, int[][]> sets) {
        RunInfo info = new RunInfo(run.runId(), spec.name(), spec.canonicalDigest(), new LinkedHashMap<>(run.gridPoint()),
                run.seed(), backend, status, failure, run.configMap(), started, Instant.now().toString());
        Map<String, String> prov = new TreeMap<>(provenance);
        prov.put("dataset_fingerprint", data.splits().train().fingerprint());
        prov.put("evaluator_test_accuracy", Double.toString(evaluator.testAccuracy()));
        SampleSets samples = new SampleSets(data.splits().test().width(), data.splits().test().height(),
                data.splits().test().levels(), sets);
        RunMetrics metrics = new RunMetrics(model, samplers);
        return new RunResult(info, metrics, history, timings, prov, samples, traces, dev.dgmbench.results.Digests.ofMetrics(metrics));
    }

    private void epochProgress(String runId, EpochStats s, int max, int best, long t0) {
        if (s.epoch() % 10 != 0 && s.epoch() != 1) return;
        double elapsed = (System.nanoTime() - t0) / 1e9, perEpoch = elapsed / s.epoch();
        progress.say(runId, String.format("epoch %d/%d  train %.2f  val %.2f (RE %.2f, KL %.2f)  best epoch %d  %.2f s/epoch, at most %.0f s left",
                s.epoch(), max, s.trainLoss(), s.valLoss(), s.valRe(), s.valKl(), best, perEpoch, perEpoch * (max - s.epoch())));
    }

    static int[][] firstImages(int[][] images, int n) {
        int[][] out = new int[Math.min(n, images.length)][];
        System.arraycopy(images, 0, out, 0, out.length);
        return out;
    }
}

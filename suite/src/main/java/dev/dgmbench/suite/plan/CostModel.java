package dev.dgmbench.suite.plan;

import dev.dgmbench.models.data.DigitsDataset;
import dev.dgmbench.models.data.IdxReader;
import dev.dgmbench.models.prior.AggregatePosterior;
import dev.dgmbench.models.prior.AnnealedNormaliser;
import dev.dgmbench.models.prior.SmcNormaliser;
import dev.dgmbench.models.prior.TemperatureSchedule;
import dev.dgmbench.models.prior.NcePrior;
import dev.dgmbench.suite.spec.SamplerCatalogue;
import dev.dgmbench.suite.spec.StudySpec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A deliberately simple estimate of how long a run takes, to plan a study (not to promise a time).
 *
 * <p>Work is counted in multiply-adds (MACs) of the MLPs, per image:
 * <ul>
 * <li>VAE (two hidden layers of width M in encoder and decoder, D pixels, L latents, K output levels per pixel,
 *     K = 1 for Bernoulli): encoder {@code D*M + M*M + M*2L}, decoder {@code L*M + M*M + M*D*K}.</li>
 * <li>Training epoch: {@code 3 * (encoder + decoder)} per training image (forward and backward) plus
 *     {@code encoder + decoder} per validation image, for as many epochs as the {@link StoppingForecast} expects
 *     (at most {@code max_epochs}).</li>
 * <li>NCE prior (L -> h1 -> ... -> 1, Q MACs): codes of the training images against as many N(0, I) draws,
 *     {@code 2 * train} examples per epoch, {@code 3Q} each, for the forecast's epochs.</li>
 * <li>NLL: per test image one encoder pass and K importance samples of a decoder pass.</li>
 * <li>Samplers: the {@link SamplerCatalogue.Work} of their descriptor: per sample, {@code steps} steps of
 *     {@code classifierPassesPerStepAndSample * Q} (prior: none; Langevin: {@code burn_in + steps} of {@code 3Q}; MALA:
 *     {@code burn_in + steps} of {@code 4Q}; {@code steps: auto} as long as the forecast expects), plus {@code classifierPasses * Q} in all (SIR: one pool of
 *     {@code proposals} codes); then a decoder pass each.</li>
 * <li>Sample metrics: the evaluator's forward pass per sample and a fixed {@code metricSecondsPerSampler}.</li>
 * <li>The evaluator classifier (D -> h -> h -> 10) is trained once per study: {@code epochs * train * 3E}.</li>
 * </ul>
 * <li>The aggregate posterior's density (NCE normaliser: {@code 20,000} draws; SIR with {@code proposal:
 *     aggregate-posterior}: its pool): per code, one Gaussian term of {@code latent} dimensions and an {@code exp} for
 *     each of at most 1,024 training images, scalar work counted at {@code scalarOpsPerSecond} ({@code latent +}
 *     {@link #EXP_OPS} operations a term).</li>
 * Seconds are work divided by a throughput, plus fixed overheads. {@link #measured} takes the products' throughput
 * from {@link SpeedProbe}, which trains the spec's own model shape (so small models, whose products run slower per
 * multiply-add, get their own speed), and scales the fixed costs (start-up, JIT warm-up, metrics, writing) and the
 * scalar rate by it, so they slow down with the machine and its load too. The constants were fitted to
 * {@code timings.json} of {@code seed-digits} and {@code quick} on this project's 2-core machine (docs/performance.md).
 *
 * @param trainMacsPerSecond     effective throughput of training (forward + backward + update)
 * @param inferenceMacsPerSecond effective throughput of forward passes (NLL, sampling, metrics)
 * @param scalarOpsPerSecond     scalar arithmetic outside the products (the aggregate posterior's density)
 * @param epochOverheadSeconds   fixed cost per epoch (shuffling, validation bookkeeping)
 * @param stepOverheadSeconds    fixed cost per sampler step (kernel launches, small-array overhead)
 * @param metricSecondsPerSampler fixed cost of the sample-quality metrics per sampler
 * @param runOverheadSeconds     fixed cost per run (start-up, data loading, writing results)
 */
public record CostModel(double trainMacsPerSecond, double inferenceMacsPerSecond, double scalarOpsPerSecond,
                        double epochOverheadSeconds, double stepOverheadSeconds, double metricSecondsPerSampler,
                        double runOverheadSeconds) {

    /** Uncalibrated guesses for ND4J on two CPU cores with batches of 64 (used when the probe cannot run). */
    public static final CostModel DEFAULT = new CostModel(2.0e9, 3.0e9, 0.1e9, 0.05, 0.002, 0.5, 5.0);

    /**
     * At a probe of {@link #PROBE_REFERENCE} (an idle AMD EPYC core, engine fused). Fitted to seed-digits' timings
     * at 0237873 (probe 27.5 G; per run: epochs of 1.56 G MACs in 0.083 s, of which 0.021 s measures the training
     * loss; K = 1000 NLL of 160 G MACs in 7.0 s; sample metrics 0.3 s per sampler; 1.4 s beyond the phases), and the
     * scalar rate to its SIR (20,000 codes x 1,000 images x 50 latents in about 1 s) against quick's (500,000 codes x
     * 1,000 x 16 in about 8 s on an idle core).
     */
    public static final CostModel REFERENCE = new CostModel(33e9, 0.85 * 33e9, 1.65e9, 0.022, 0.0002, 0.25, 1.2);
    /** Scalar operations of one {@code exp}, in the aggregate posterior's log-sum-exp (fitted with the rate). */
    static final double EXP_OPS = 6;
    /** Per worker JVM at {@link #REFERENCE} speed: JVM and engine start, data, and the first run's JIT warm-up. */
    static final double WORKER_START_SECONDS = 1.5;

    /**
     * What {@link SpeedProbe} reads on the core of {@link #REFERENCE}: its minibatch steps count only the products'
     * multiply-adds, a whole run also shuffles, validates, evaluates and writes.
     */
    public static final double PROBE_REFERENCE = 33e9;

    /** {@link #REFERENCE} scaled to this machine: {@code probeMacsPerSecond} as {@link SpeedProbe} measured it. */
    public static CostModel measured(double probeMacsPerSecond) {
        if (!(probeMacsPerSecond > 0) || Double.isInfinite(probeMacsPerSecond)) {
            throw new IllegalArgumentException("throughput must be a positive number, got " + probeMacsPerSecond);
        }
        double slower = PROBE_REFERENCE / probeMacsPerSecond;
        CostModel r = REFERENCE;
        return new CostModel(r.trainMacsPerSecond / slower, r.inferenceMacsPerSecond / slower,
                r.scalarOpsPerSecond / slower,
                r.epochOverheadSeconds * slower, r.stepOverheadSeconds * slower, r.metricSecondsPerSampler * slower,
                r.runOverheadSeconds * slower);
    }

    /** How much slower than {@link #REFERENCE} this model's machine is (1 = as fast). */
    double slowdown() {
        return REFERENCE.trainMacsPerSecond / trainMacsPerSecond;
    }

    /** Multiply-adds of one forward pass of encoder and decoder for one image. */
    public static double vaeForwardMacs(int pixels, int outputsPerPixel, int hidden, int latent) {
        return encoderMacs(pixels, hidden, latent) + decoderMacs(pixels, outputsPerPixel, hidden, latent);
    }

    /** Multiply-adds of the encoder for one image: D -> M -> M -> (mu, log-variance). */
    static double encoderMacs(int pixels, int hidden, int latent) {
        double d = pixels, h = hidden;
        return d * h + h * h + h * 2.0 * latent;
    }

    /** Multiply-adds of the decoder for one code: L -> M -> M -> D x K. */
    static double decoderMacs(int pixels, int outputsPerPixel, int hidden, int latent) {
        double d = pixels, h = hidden;
        return latent * h + h * h + h * d * outputsPerPixel;
    }

    /** Outputs per pixel of the decoder: its grey levels, or 1 for Bernoulli pixels. */
    static int outputsPerPixel(ResolvedRun r) {
        return r.model().likelihood() == StudySpec.Likelihood.BERNOULLI ? 1 : r.dataset().levels();
    }

    /**
     * Multiply-adds of one training epoch per image of one forward pass: fit (forward and backward, 3 passes) on the
     * training split, then measured on the validation split and on as many training images.
     */
    static double trainingEpochPasses(StudySpec.Split split) {
        return 3.0 * split.train() + Math.min(split.train(), split.validation()) + split.validation();
    }

    /** Multiply-adds of one forward pass of the NCE classifier (L -> h1 -> ... -> 1) for one code. */
    static double classifierMacs(StudySpec.Nce nce, int latent) {
        double q = 0, prev = latent;
        for (int w : nce.hidden()) {
            q += prev * w;
            prev = w;
        }
        return q + prev;
    }

    /** Multiply-adds of the evaluator network's features for one image (D -> h -> h -> classes). */
    static double evaluatorMacs(int pixels, int hidden) {
        return pixels * (double) hidden + (double) hidden * hidden + (double) hidden * CLASSES;
    }

    /** Pixels per image assumed for IDX data when the file header cannot be read. */
    public static final int IDX_PIXELS_FALLBACK = 28 * 28;
    /** Classes of the evaluator (digits and Fashion-MNIST both have 10). */
    public static final int CLASSES = DigitsDataset.CLASSES;
    /**
     * A study estimated to take longer than this gets a warning from explain, validate and run: past it a typo
     * ({@code max_epochs: 2000000000}) is likelier than a plan.
     */
    public static final double WARN_HOURS = 48;

    /** Estimated seconds of one run, by phase: train, nce, nll, one entry per sampler, metrics, overhead, total. */
    public record RunCost(Map<String, Double> seconds) {
        public double total() {
            return seconds.get("total");
        }
    }

    /** The run's cost with early stopping forecast by the rule of thumb. */
    public RunCost estimate(StudySpec spec, PlannedRun run) {
        return estimate(run.config(), pixels(spec), StoppingForecast.RULE_OF_THUMB);
    }

    public RunCost estimate(ResolvedRun r, int pixels, StoppingForecast stopping) {
        return estimate(r, pixels, stopping, false);
    }

    /**
     * With {@code modelsReused} (a run of {@code run --models-from}): no training, no classifier training and no NLL;
     * the codes of the training split are encoded and the normaliser estimated again, then the samplers run.
     */
    public RunCost estimate(ResolvedRun r, int pixels, StoppingForecast stopping, boolean modelsReused) {
        Map<String, Double> s = new LinkedHashMap<>();
        StudySpec.Model m = r.model();
        StudySpec.Split split = r.dataset().split();
        double enc = encoderMacs(pixels, m.hidden(), m.latent()), dec = decoderMacs(pixels, outputsPerPixel(r), m.hidden(), m.latent());
        double epochs = Math.max(1, stopping.trainEpochs(r.training()));
        double epochMacs = (enc + dec) * trainingEpochPasses(split);
        s.put("train", modelsReused ? 0.0 : epochs * (epochMacs / trainMacsPerSecond + epochOverheadSeconds));

        StudySpec.Nce nce = r.prior().nce();
        double q = 0;
        if (nce.enabled()) {
            q = classifierMacs(nce, m.latent());
            double nceEpochs = Math.max(1, stopping.nceEpochs(nce));
            s.put("nce", (enc * split.train()) / inferenceMacsPerSecond
                    + (modelsReused ? 0 : nceEpochs * (3 * q * 2 * split.train() / trainMacsPerSecond + epochOverheadSeconds))
                    + switch (nce.normaliserOrDefault()) {
                        case ANNEALED -> AnnealedNormaliser.CHAINS * normaliserPasses(nce) * 3 * q / inferenceMacsPerSecond;
                        case SMC -> SmcNormaliser.REPLICATES * SmcNormaliser.PARTICLES * normaliserPasses(nce) * 3 * q
                                / inferenceMacsPerSecond;
                        case IMPORTANCE -> aggregateDensitySeconds(NcePrior.NORMALISER_DRAWS, split.train(), m.latent());
                    });
        } else {
            s.put("nce", 0.0);
        }

        int kImp = r.metrics().nll().importanceSamples();
        s.put("nll", modelsReused ? 0.0 : split.test() * (enc + kImp * dec) / inferenceMacsPerSecond);

        StudySpec.Samplers sm = r.samplers();
        double n = sm.samples();
        double decode = n * dec / inferenceMacsPerSecond;
        double metrics = 0;
        double eval = evaluatorMacs(pixels, r.metrics().evaluator().hidden());
        for (Map.Entry<String, Record> e : sm.settings().entrySet()) {
            SamplerCatalogue.Work w = SamplerCatalogue.of(e.getKey()).work(e.getValue());
            double steps = w.steps() + (w.autoMaxSteps() > 0 ? stopping.autoSteps(e.getKey(), w.autoMaxSteps()) : 0);
            double sec = decode;
            sec += steps * (n * w.classifierPassesPerStepAndSample() * q / inferenceMacsPerSecond + stepOverheadSeconds);
            sec += w.classifierPasses() * q / inferenceMacsPerSecond;
            sec += aggregateDensitySeconds(w.aggregateDensities(), split.train(), m.latent());
            s.put(e.getKey(), sec);
            metrics += n * eval / inferenceMacsPerSecond + metricSecondsPerSampler;
        }
        s.put("metrics", metrics);
        s.put("overhead", runOverheadSeconds);
        double total = 0;
        for (double v : s.values()) total += v;
        s.put("total", total);
        return new RunCost(s);
    }

    /** Seconds to evaluate the aggregate posterior of {@code images} training images at {@code codes} codes. */
    double aggregateDensitySeconds(double codes, int images, double latent) {
        return codes * Math.min(images, AggregatePosterior.MAX_COMPONENTS) * (latent + EXP_OPS) / scalarOpsPerSecond;
    }

    /** Seconds to train the evaluator classifier, once per study. */
    public double evaluatorSeconds(StudySpec spec) {
        StudySpec.Evaluator e = spec.metrics().evaluator();
        double eval = pixels(spec) * (double) e.hidden() + (double) e.hidden() * e.hidden() + e.hidden() * CLASSES;
        return e.epochs() * (3 * eval * spec.dataset().split().train() / trainMacsPerSecond + epochOverheadSeconds);
    }

    /** Pixels per image: 64 for digits, rows x cols from the IDX header (or 784 when it cannot be read). */
    public static int pixels(StudySpec spec) {
        if (spec.dataset().name() == StudySpec.DatasetName.DIGITS) return DigitsDataset.SIDE * DigitsDataset.SIDE;
        try {
            IdxReader.Header h = IdxReader.readHeader(spec.resolvePath(spec.dataset().idx().trainImages()), true);
            return h.rows() * h.cols();
        } catch (RuntimeException e) {
            return IDX_PIXELS_FALLBACK; // explain works without the data; validate and run have checked the files
        }
    }

    /**
     * A warning when the study's upper bound ({@link StoppingForecast#UPPER_BOUND}) passes {@link #WARN_HOURS}, naming
     * the fields that cost most; empty otherwise.
     */
    public Optional<String> warning(StudySpec spec, List<PlannedRun> runs) {
        int pixels = pixels(spec);
        double seconds = evaluatorSeconds(spec);
        Map<String, Double> byPhase = new LinkedHashMap<>();
        for (PlannedRun r : runs) {
            RunCost c = estimate(r.config(), pixels, StoppingForecast.UPPER_BOUND);
            seconds += c.total();
            c.seconds().forEach((k, v) -> { if (!k.equals("total")) byPhase.merge(k, v, Double::sum); });
        }
        if (seconds <= WARN_HOURS * 3600) return Optional.empty();
        String worst = byPhase.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse("train");
        return Optional.of(String.format(Locale.ROOT, "warning: %s: the study is estimated at"
                + " %,.0f h (more than %.0f h), most of it in %s; check %s", spec.name(), seconds / 3600, WARN_HOURS,
                worst, fieldsOf(worst)));
    }

    private static final Map<String, String> FIELDS_OF_PHASE = Map.of(
            "train", "training.max_epochs, the split and model.hidden",
            "nce", "prior.nce.max_epochs and prior.nce.hidden",
            "nll", "metrics.nll.importance_samples",
            "metrics", "samplers.samples");

    /** The spec fields a phase (or a sampler) grows with. */
    private static String fieldsOf(String phase) {
        String f = FIELDS_OF_PHASE.get(phase);
        if (f != null) return f;
        return SamplerCatalogue.find(phase).map(SamplerCatalogue.Sampler::costFields).orElse("the sizes of the spec");
    }

    /** Phases reported by {@link #estimate}, in order, without the samplers. */
    public static final List<String> PHASES = List.of("train", "nce", "nll", "metrics", "overhead", "total");

    /**
     * Classifier passes per particle of a tempering normaliser: one per temperature on the fixed schedule; the
     * adaptive one's temperatures are forecast at {@value #ADAPTIVE_TEMPERATURES} (the shipped studies walked 12-47
     * on digits, 32-80 on Fashion), each with its MALA steps.
     */
    static double normaliserPasses(StudySpec.Nce nce) {
        if (nce.temperatures() != null) return nce.temperatures();
        return nce.normaliserOrDefault() == StudySpec.Normaliser.ANNEALED ? AnnealedNormaliser.TEMPERATURES
                : ADAPTIVE_TEMPERATURES * (double) TemperatureSchedule.DEFAULT.moves();
    }

    /** The forecast length of the adaptive schedule. */
    static final int ADAPTIVE_TEMPERATURES = 40;
}

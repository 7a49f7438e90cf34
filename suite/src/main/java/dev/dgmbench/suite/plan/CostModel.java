package dev.dgmbench.suite.plan;

import dev.dgmbench.models.data.DigitsDataset;
import dev.dgmbench.models.data.IdxReader;
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
 *     {@code encoder + decoder} per validation image; epochs = {@code max_epochs * epochFraction} (1.0: the upper
 *     bound; early stopping usually ends sooner).</li>
 * <li>NCE prior (L -> h1 -> ... -> 1, Q MACs): codes of the training images against as many N(0, I) draws,
 *     {@code 2 * train} examples per epoch, {@code 3Q} each, for {@code max_epochs * epochFraction} epochs.</li>
 * <li>NLL: per test image one encoder pass and K importance samples of a decoder pass.</li>
 * <li>Samplers, per sample: prior: one decoder pass; Langevin: {@code (burn_in + steps) * 3Q}; MALA: {@code (burn_in + steps) * 4Q};
 *     SIR: one pool of {@code proposals} codes ({@code proposals * Q} in all); then a decoder pass each.</li>
 * <li>Sample metrics: the evaluator's forward pass per sample and a fixed {@code metricSecondsPerSampler}.</li>
 * <li>The evaluator classifier (D -> h -> h -> 10) is trained once per study: {@code epochs * train * 3E}.</li>
 * </ul>
 * Seconds are MACs divided by a throughput, plus fixed overheads. {@link #measured} scales {@link #REFERENCE} (fitted
 * to {@code timings.json} of {@code quick}) to this machine's throughput as {@link SpeedProbe} measures it, so
 * the fixed costs (start-up, JIT warm-up, metrics, writing) slow down with the machine and its load too.
 *
 * @param trainMacsPerSecond     effective throughput of training (forward + backward + update)
 * @param inferenceMacsPerSecond effective throughput of forward passes (NLL, sampling, metrics)
 * @param epochFraction          share of max_epochs expected before early stopping (1.0 = upper bound)
 * @param epochOverheadSeconds   fixed cost per epoch (shuffling, validation bookkeeping)
 * @param stepOverheadSeconds    fixed cost per sampler step (kernel launches, small-array overhead)
 * @param metricSecondsPerSampler fixed cost of the sample-quality metrics per sampler
 * @param runOverheadSeconds     fixed cost per run (start-up, data loading, writing results)
 */
public record CostModel(double trainMacsPerSecond, double inferenceMacsPerSecond, double epochFraction,
                        double epochOverheadSeconds, double stepOverheadSeconds, double metricSecondsPerSampler,
                        double runOverheadSeconds) {

    /** Uncalibrated guesses for ND4J on two CPU cores with batches of 64 (used when the probe cannot run). */
    public static final CostModel DEFAULT = new CostModel(2.0e9, 3.0e9, 1.0, 0.05, 0.002, 0.5, 5.0);

    /**
     * Fitted to {@code quick} on an idle AMD EPYC core, engine fused: epochs of 625 M MACs in 0.05 s, the NLL
     * at about the same rate, about 1.4 s per run beyond the phases (sample metrics, writing the folder).
     */
    public static final CostModel REFERENCE = new CostModel(12.5e9, 12.5e9, 1.0, 0.005, 0.0002, 0.15, 0.8);
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
        return new CostModel(r.trainMacsPerSecond / slower, r.inferenceMacsPerSecond / slower, r.epochFraction,
                r.epochOverheadSeconds * slower, r.stepOverheadSeconds * slower, r.metricSecondsPerSampler * slower,
                r.runOverheadSeconds * slower);
    }

    /** How much slower than {@link #REFERENCE} this model's machine is (1 = as fast). */
    double slowdown() {
        return REFERENCE.trainMacsPerSecond / trainMacsPerSecond;
    }

    /** Multiply-adds of one forward pass of encoder and decoder for one image. */
    public static double vaeForwardMacs(int pixels, int outputsPerPixel, int hidden, int latent) {
        double d = pixels, h = hidden, l = latent;
        return d * h + h * h + h * 2 * l + l * h + h * h + h * d * outputsPerPixel;
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

    public RunCost estimate(StudySpec spec, PlannedRun run) {
        return estimate(run.config(), pixels(spec));
    }

    public RunCost estimate(ResolvedRun r, int pixels) {
        Map<String, Double> s = new LinkedHashMap<>();
        StudySpec.Model m = r.model();
        StudySpec.Split split = r.dataset().split();
        double d = pixels, h = m.hidden(), l = m.latent();
        int k = m.likelihood() == StudySpec.Likelihood.BERNOULLI ? 1 : r.dataset().levels();
        double enc = d * h + h * h + h * 2 * l, dec = vaeForwardMacs(pixels, k, m.hidden(), m.latent()) - enc;
        double epochs = Math.max(1, r.training().maxEpochs() * epochFraction);
        double epochMacs = 3 * (enc + dec) * split.train() + (enc + dec) * split.validation();
        s.put("train", epochs * (epochMacs / trainMacsPerSecond + epochOverheadSeconds));

        StudySpec.Nce nce = r.prior().nce();
        double q = 0;
        if (nce.enabled()) {
            double prev = l;
            for (int w : nce.hidden()) {
                q += prev * w;
                prev = w;
            }
            q += prev;
            double nceEpochs = Math.max(1, nce.maxEpochs() * epochFraction);
            s.put("nce", (enc * split.train()) / inferenceMacsPerSecond
                    + nceEpochs * (3 * q * 2 * split.train() / trainMacsPerSecond + epochOverheadSeconds));
        } else {
            s.put("nce", 0.0);
        }

        int kImp = r.metrics().nll().importanceSamples();
        s.put("nll", split.test() * (enc + kImp * dec) / inferenceMacsPerSecond);

        StudySpec.Samplers sm = r.samplers();
        double n = sm.samples();
        double decode = n * dec / inferenceMacsPerSecond;
        double metrics = 0;
        double eval = d * r.metrics().evaluator().hidden() + Math.pow(r.metrics().evaluator().hidden(), 2)
                + r.metrics().evaluator().hidden() * CLASSES;
        for (String name : sm.enabled()) {
            double sec = decode;
            switch (name) {
                case "langevin" -> sec += (sm.langevin().burnIn() + sm.langevin().length().maxSteps()) * (n * 3 * q / inferenceMacsPerSecond + stepOverheadSeconds);
                case "mala" -> sec += (sm.mala().burnIn() + sm.mala().length().maxSteps()) * (n * 4 * q / inferenceMacsPerSecond + stepOverheadSeconds);
                case "sir" -> sec += sm.sir().proposals() * q / inferenceMacsPerSecond;
                default -> {
                }
            }
            s.put(name, sec);
            metrics += n * eval / inferenceMacsPerSecond + metricSecondsPerSampler;
        }
        s.put("metrics", metrics);
        s.put("overhead", runOverheadSeconds);
        double total = 0;
        for (double v : s.values()) total += v;
        s.put("total", total);
        return new RunCost(s);
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
     * A warning when the study's estimate (upper bound: {@code max_epochs} epochs) passes {@link #WARN_HOURS}, naming
     * the fields that cost most; empty otherwise.
     */
    public Optional<String> warning(StudySpec spec, List<PlannedRun> runs) {
        int pixels = pixels(spec);
        double seconds = evaluatorSeconds(spec);
        Map<String, Double> byPhase = new LinkedHashMap<>();
        for (PlannedRun r : runs) {
            RunCost c = estimate(r.config(), pixels);
            seconds += c.total();
            c.seconds().forEach((k, v) -> { if (!k.equals("total")) byPhase.merge(k, v, Double::sum); });
        }
        if (seconds <= WARN_HOURS * 3600) return Optional.empty();
        String worst = byPhase.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse("train");
        return Optional.of(String.format(Locale.ROOT, "warning: %s: the study is estimated at"
                + " %,.0f h (more than %.0f h), most of it in %s; check %s", spec.name(), seconds / 3600, WARN_HOURS,
                worst, FIELDS_OF_PHASE.getOrDefault(worst, "the sizes of the spec")));
    }

    private static final Map<String, String> FIELDS_OF_PHASE = Map.of(
            "train", "training.max_epochs, the split and model.hidden",
            "nce", "prior.nce.max_epochs and prior.nce.hidden",
            "nll", "metrics.nll.importance_samples",
            "langevin", "samplers.langevin.burn_in, steps and samplers.samples",
            "mala", "samplers.mala.burn_in, steps and samplers.samples",
            "sir", "samplers.sir.proposals",
            "prior", "samplers.samples",
            "metrics", "samplers.samples");

    /** Phases reported by {@link #estimate}, in order, without the samplers. */
    public static final List<String> PHASES = List.of("train", "nce", "nll", "metrics", "overhead", "total");
}

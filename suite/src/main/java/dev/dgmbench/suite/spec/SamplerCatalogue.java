package dev.dgmbench.suite.spec;

import dev.dgmbench.engine.RatioClassifier;
import dev.dgmbench.models.prior.LatentProposal;
import dev.dgmbench.models.prior.NceFit;
import dev.dgmbench.models.sampling.ChainLength;
import dev.dgmbench.models.sampling.Energy;
import dev.dgmbench.models.sampling.LangevinSampler;
import dev.dgmbench.models.sampling.LatentSampler;
import dev.dgmbench.models.sampling.MalaSampler;
import dev.dgmbench.models.sampling.PriorSampler;
import dev.dgmbench.models.sampling.SirSampler;
import dev.dgmbench.models.sampling.StepAdaptation;
import dev.dgmbench.models.sampling.Tempering;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import static dev.dgmbench.suite.spec.Schema.enumf;
import static dev.dgmbench.suite.spec.Schema.intf;
import static dev.dgmbench.suite.spec.Schema.numf;
import static dev.dgmbench.suite.spec.Schema.section;

/**
 * Every sampler the suite runs, one {@link Sampler} descriptor each, in display order: its name (the spec key under
 * {@code samplers}, the scope of its metrics), whether it needs the NCE prior, its settings (a record and its schema
 * section), the work it costs and how it is built. The schema, the cross-checks, the claims, the cost model and the
 * pipeline read this list, so adding a sampler is its {@link LatentSampler} in {@code models} and a descriptor here.
 * The result format, below the suite, keeps the display order of the first four in {@code MetricCatalogue.SAMPLERS}
 * (readers of result folders list other samplers after them); {@code SamplerCatalogueTest} checks that it begins
 * {@link #ALL}, so a new sampler goes at the end of {@link #ALL}.
 */
public final class SamplerCatalogue {
    private SamplerCatalogue() {
    }

    /**
     * What a sampler costs per run, counted by the cost model in its own throughputs.
     *
     * @param steps        steps every run takes (burn-in, and a fixed {@code steps})
     * @param autoMaxSteps the cap of {@code steps: auto}, whose stop the cost model forecasts; 0 for a fixed length
     * @param aggregateDensities codes whose aggregate-posterior density is evaluated (SIR's pool from it)
     */
    public record Work(double steps, double autoMaxSteps, double classifierPassesPerStepAndSample,
                       double classifierPasses, double aggregateDensities) {
        /** Nothing beyond decoding the samples. */
        static final Work NONE = new Work(0, 0, 0, 0, 0);

        static Work chain(int burnIn, ChainLength length, double classifierPassesPerStepAndSample) {
            return length.auto() ? new Work(burnIn, length.maxSteps(), classifierPassesPerStepAndSample, 0, 0)
                    : new Work(burnIn + length.steps(), 0, classifierPassesPerStepAndSample, 0, 0);
        }
    }

    @FunctionalInterface
    interface Factory<S> {
        /**
         * The sampler for these settings; {@code nce} is what fitting the NCE prior left (classifier, aggregate-
         * posterior proposal, SMC particles), null without the NCE prior.
         */
        LatentSampler create(S settings, int latent, NceFit nce);
    }

    @FunctionalInterface
    interface Cost<S> {
        Work work(S settings);
    }

    /**
     * One sampler as the suite knows it.
     *
     * @param name          the spec key ({@code samplers.<name>}), {@link LatentSampler#name()} and the metrics scope
     * @param needsNcePrior it draws from the NCE-tilted prior, so {@code prior.nce.enabled} must be true
     * @param settings      its settings record (plain data: {@link StudySpec.Section})
     * @param costFields    the spec fields its cost grows with, for the planner's warning
     */
    public record Sampler<S extends Record & StudySpec.Section>(String name, boolean needsNcePrior, Class<S> settings,
                                                                String costFields, Supplier<Field> schema,
                                                                Cost<S> cost, Factory<S> factory) {
        /** The work of these settings (an instance of {@link #settings}). */
        public Work work(Record s) {
            return cost.work(settings.cast(s));
        }

        /**
         * The sampler for these settings (an instance of {@link #settings}); {@code nce} and {@code aggregate} (the
         * defensive aggregate-posterior proposal fitted with it) null without the NCE prior.
         */
        public LatentSampler create(Record s, int latent, NceFit nce) {
            return factory.create(settings.cast(s), latent, nce);
        }
    }

    /** Plain ancestral sampling from the VAE's N(0, I) prior; no settings. */
    public record Prior() implements StudySpec.Section {
    }

    /**
     * Unadjusted Langevin dynamics on the NCE prior's energy; the update rule is in docs/spec.md.
     *
     * @param steps    steps after burn-in, or {@link ChainLength#AUTO} ({@code steps: auto}) up to {@code maxSteps}
     */
    public record Langevin(int steps, int maxSteps, double stepSize, double noiseScale, int burnIn,
                           double targetAcceptance, Integer replicas) implements StudySpec.Section, Tempered {
        public Langevin {
            replicas = untempered(replicas);
        }

        /** One replica: no tempering. */
        public Langevin(int steps, int maxSteps, double stepSize, double noiseScale, int burnIn, double targetAcceptance) {
            this(steps, maxSteps, stepSize, noiseScale, burnIn, targetAcceptance, null);
        }

        public ChainLength length() {
            return chainLength(steps, maxSteps);
        }
    }

    /** Metropolis-adjusted Langevin on the NCE prior's energy; the proposal and acceptance are in docs/spec.md. */
    public record Mala(int steps, int maxSteps, double stepSize, int burnIn, double targetAcceptance, Integer replicas)
            implements StudySpec.Section, Tempered {
        public Mala {
            replicas = untempered(replicas);
        }

        /** One replica: no tempering. */
        public Mala(int steps, int maxSteps, double stepSize, int burnIn, double targetAcceptance) {
            this(steps, maxSteps, stepSize, burnIn, targetAcceptance, null);
        }

        public ChainLength length() {
            return chainLength(steps, maxSteps);
        }
    }

    /**
     * Sampling-importance-resampling: a pool of {@code proposals} codes from {@code proposal} resampled by their
     * importance weights p e^f / g.
     */
    public record Sir(int proposals, SirProposal proposal) implements StudySpec.Section {
    }

    /**
     * SIR's pool: the SMC normaliser's particles, draws of N(0, I), or of the defensive mixture of the aggregate
     * posterior and N(0, I).
     */
    public enum SirProposal { SMC, PRIOR, AGGREGATE_POSTERIOR }

    /**
     * {@code replicas} as stored: absent (null) for one replica, however it was written, so that a spec saying
     * {@code replicas: 1} and results recorded before tempering existed describe the same runs.
     */
    private static Integer untempered(Integer replicas) {
        return replicas == null || replicas == 1 ? null : replicas;
    }

    /** Settings of a chain sampler that may run tempered replicas ({@code replicas}, absent for one). */
    public interface Tempered {
        Integer replicas();

        default Tempering tempering() {
            return replicas() == null ? Tempering.none() : new Tempering(replicas());
        }
    }

    private static ChainLength chainLength(int steps, int maxSteps) {
        return steps == ChainLength.AUTO ? ChainLength.auto(maxSteps) : ChainLength.fixed(steps);
    }

    private static final String LANGEVIN_RULE = "`z <- z - (step_size^2 / 2) * grad E(z) + step_size * noise_scale * xi`,"
            + " `xi ~ N(0, I)`";
    private static final String MALA_RULE = "proposes `z' = z - (step_size^2 / 2) * grad E(z) + step_size * xi` and"
            + " accepts it with probability `min(1, exp(E(z) - E(z') + log q(z | z') - log q(z' | z)))`, `q` the"
            + " Gaussian proposal (a Metropolis-Hastings correction, so the chain targets the prior exactly)";

    /** Chain length of Langevin and MALA: fixed, or {@code auto} with its cap (models/.../sampling/ChainLength). */
    private static Field steps() {
        return intf("steps").min(1).def(100).grid().keyword(SpecRecords.AUTO, ChainLength.AUTO)
                .doc("steps after burn-in (the diagnostics use these). `auto`: the chains extend in blocks of "
                        + ChainLength.BLOCK + " steps until the convergence checks pass on all the steps after burn-in"
                        + " so far, or `max_steps` is reached; the run records `steps_used` and the diagnostics at the"
                        + " stop; the stop is where the checks first pass, so a borderline pass is likelier than with a"
                        + " length fixed in advance (see [validity.md](validity.md))");
    }

    private static Field maxSteps() {
        return intf("max_steps").min(1).def(5000).grid().doc("cap of `steps: auto` (ignored with a fixed `steps`)");
    }

    /** Burn-in of Langevin and MALA: steps that adapt the step size, then it is frozen (docs/validity.md). */
    private static Field burnIn() {
        return intf("burn_in").min(0).def(0).grid()
                .doc("steps before `steps` during which `log step_size += e_t / (t + 1)^0.6`, `e_t` the step's mean"
                        + " acceptance probability minus `target_acceptance`, divided by `1 - target_acceptance` above it and"
                        + " by `target_acceptance` below it; then the step is frozen and recorded (`step_size_final`)."
                        + " 0: a fixed step. See [validity.md](validity.md)");
    }

    /** Replica exchange of Langevin and MALA (models/.../sampling/Tempering). */
    private static Field replicas() {
        return intf("replicas").range(1, 64).grid().defaults("1")
                .doc("copies of each chain on the ladder of tempered energies `E_b(z) = (z . z) / 2 - b f(z)`,"
                        + " `b_k = (k / (replicas - 1))^2` from 0 (N(0, I)) to 1 (the NCE prior), which swap states"
                        + " with neighbours after every step (replica exchange); each adapts its own step during"
                        + " burn-in, and the sample, step size and diagnostics are those of `b = 1`, with the lowest"
                        + " swap rate recorded as `swap_rate_min`. Costs `replicas` times the classifier passes. 1: no"
                        + " tempering; needed where chains from N(0, I) settle in regions they never leave (see"
                        + " [validity.md](validity.md))");
    }

    private static Field targetAcceptance() {
        return numf("target_acceptance").openInterval(0, 1).def(0.574).grid();
    }

    public static final Sampler<Prior> PRIOR = new Sampler<>("prior", false, Prior.class, "samplers.samples",
            () -> section("prior").optional().defaults("enabled when `samplers` is absent")
                    .doc("plain ancestral sampling from the VAE's N(0, I) prior"),
            s -> Work.NONE, (s, latent, nce) -> new PriorSampler(latent));

    /** Each step: the classifier's forward and backward pass (3 passes' multiply-adds) per chain and replica. */
    public static final Sampler<Langevin> LANGEVIN = new Sampler<>("langevin", true, Langevin.class,
            "samplers.langevin.burn_in, steps and samplers.samples",
            () -> section("langevin", steps(), maxSteps(),
                    numf("step_size").above(0).def(0.1).grid().doc("`step_size` in the update rule above;"
                            + " with a burn-in, the step it starts adapting from"),
                    numf("noise_scale").atLeast(0).def(1.0).grid().doc("scale of the injected noise (1 ="
                            + " proper Langevin, 0 = gradient descent on the energy)"),
                    burnIn(), targetAcceptance().doc("mean Metropolis-Hastings acceptance probability that the"
                            + " move would have under MALA (the acceptance proxy) that the burn-in aims at"), replicas())
                    .optional().doc("unadjusted Langevin dynamics on the NCE prior's energy `E(z)`, started"
                            + " from N(0, I), each step " + LANGEVIN_RULE + "; needs the NCE prior"),
            l -> Work.chain(l.burnIn(), l.length(), 3.0 * l.tempering().replicas()),
            (l, latent, nce) -> new LangevinSampler(new Energy(nce.classifier()), latent, l.length(), l.stepSize(),
                    l.noiseScale(), new StepAdaptation(l.burnIn(), l.targetAcceptance()), l.tempering()));

    /** Each step: as Langevin plus the energy of the proposal (4 passes' multiply-adds) per chain and replica. */
    public static final Sampler<Mala> MALA = new Sampler<>("mala", true, Mala.class,
            "samplers.mala.burn_in, steps and samplers.samples",
            () -> section("mala", steps(), maxSteps(),
                    numf("step_size").above(0).def(0.1).grid().doc("`step_size` in the proposal above; with a"
                            + " burn-in, the step it starts adapting from"),
                    burnIn(), targetAcceptance().doc("acceptance rate the burn-in aims at (0.574 is optimal for"
                            + " MALA in high dimension)"), replicas())
                    .optional().doc("Metropolis-adjusted Langevin on the same energy, started from N(0, I):"
                            + " each step " + MALA_RULE + "; needs the NCE prior"),
            m -> Work.chain(m.burnIn(), m.length(), 4.0 * m.tempering().replicas()),
            (m, latent, nce) -> new MalaSampler(new Energy(nce.classifier()), latent, m.length(), m.stepSize(),
                    new StepAdaptation(m.burnIn(), m.targetAcceptance()), m.tempering()));

    /** One forward pass of the classifier per proposal. */
    public static final Sampler<Sir> SIR = new Sampler<>("sir", true, Sir.class, "samplers.sir.proposals",
            () -> section("sir",
                    intf("proposals").min(1).def(10000).grid().doc("size of the proposal pool of `prior` and"
                            + " `aggregate-posterior` (`smc`'s pool is the normaliser's 1,024 particles)"),
                    enumf("proposal", SirProposal.class).grid()
                            .defaults("`smc` with `prior.nce.normaliser: smc` (the default), else"
                            + " `aggregate-posterior`")
                            .doc("where the pool comes from. `smc` (needs `prior.nce.normaliser: smc`): the SMC"
                            + " normaliser's final particles with their weights, which reach the tilted prior by"
                            + " tempering and cost nothing more; `aggregate-posterior`: the defensive mixture"
                            + " `(1/2) q + (1/2) N(0, I)` of the training images' aggregate posterior `q` (the"
                            + " one the `importance` normaliser uses, see [validity.md](validity.md)), which covers the"
                            + " tilted prior; `prior`: N(0, I), whose weights collapse onto a few draws once the"
                            + " classifier separates the codes from N(0, I)"))
                    .optional().doc("sampling-importance-resampling: one pool of proposals, resampled with"
                            + " importance weights `p(z) e^f(z) / g(z)` from the NCE classifier; needs the NCE"
                            + " prior"),
            s -> switch (s.proposal()) {
                case SMC -> Work.NONE;
                case PRIOR -> new Work(0, 0, 0, s.proposals(), 0);
                case AGGREGATE_POSTERIOR -> new Work(0, 0, 0, s.proposals(), s.proposals());
            },
            (s, latent, nce) -> switch (s.proposal()) {
                case SMC -> new SirSampler(nce.particles());
                case PRIOR -> new SirSampler(nce.classifier(), latent, s.proposals(), LatentProposal.prior(latent));
                case AGGREGATE_POSTERIOR -> new SirSampler(nce.classifier(), latent, s.proposals(), nce.aggregate());
            });

    /** Every sampler, in display order. */
    public static final List<Sampler<?>> ALL = List.of(PRIOR, LANGEVIN, MALA, SIR);

    private static final Map<String, Sampler<?>> BY_NAME = new LinkedHashMap<>();

    static {
        for (Sampler<?> s : ALL) BY_NAME.put(s.name(), s);
    }

    /** Every sampler's name, in display order. */
    public static List<String> names() {
        return List.copyOf(BY_NAME.keySet());
    }

    /** Names of the samplers that need the NCE prior, in display order. */
    public static List<String> nceNames() {
        return ALL.stream().filter(Sampler::needsNcePrior).map(Sampler::name).toList();
    }

    public static Optional<Sampler<?>> find(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    /** The descriptor of a name known to be a sampler's (bound by the schema). */
    public static Sampler<?> of(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException("no sampler " + name + "; known: " + names()));
    }
}

package dev.dgmbench.suite.pipeline;

import dev.dgmbench.engine.Engine;
import dev.dgmbench.engine.ImageSet;
import dev.dgmbench.engine.MlpWeights;
import dev.dgmbench.engine.RatioClassifier;
import dev.dgmbench.engine.VaeModel;
import dev.dgmbench.models.prior.AggregatePosterior;
import dev.dgmbench.models.prior.AnnealedNormaliser;
import dev.dgmbench.models.prior.DefensiveProposal;
import dev.dgmbench.models.prior.LatentProposal;
import dev.dgmbench.models.prior.NceConfig;
import dev.dgmbench.models.prior.NceFit;
import dev.dgmbench.models.prior.SmcNormaliser;
import dev.dgmbench.models.prior.WeightedCodes;
import dev.dgmbench.models.prior.NcePrior;
import dev.dgmbench.models.prior.NceTraining;
import dev.dgmbench.models.prior.NceTrainingResult;
import dev.dgmbench.suite.plan.PlannedRun;
import dev.dgmbench.suite.spec.StudySpec;

import java.util.Arrays;

/**
 * Step 2: fit the NCE prior: a classifier of aggregate-posterior codes (training split) against N(0, I) draws,
 * held out on the validation split's codes, then its normaliser Z: by the SMC sampler (the default; its final
 * particles are SIR's pool), by annealed importance sampling ({@code prior.nce.normaliser: annealed}), or by
 * importance sampling from the defensive mixture of the training split's aggregate posterior and N(0, I)
 * ({@code importance}; that mixture is a proposal SIR may use too).
 */
public final class FitPrior {
    private FitPrior() {
    }

    /**
     * @param training  how the classifier's training went; null for a classifier trained earlier ({@link #ofTrained})
     * @param proposal  the defensive aggregate-posterior mixture of the training split's codes
     * @param particles the SMC normaliser's final weighted particles; null with another normaliser
     * @param normaliserSeconds how long estimating Z took
     * @param temperatures      the temperatures the normaliser walked (0 for importance sampling)
     */
    public record Fitted(RatioClassifier classifier, NcePrior prior, NceTrainingResult training, NceConfig config,
                         LatentProposal proposal, WeightedCodes particles, double normaliserSeconds, int temperatures) {
        /** What the samplers of the tilted prior use. */
        public NceFit forSamplers() {
            return new NceFit(classifier, proposal, particles);
        }
    }

    public static Fitted fit(Engine engine, PlannedRun run, VaeModel vae, StudyInputs data) {
        NceConfig cfg = RunSettings.nce(run.config());
        RatioClassifier c = engine.ratioClassifier(NceTraining.initialWeights(cfg, run.seed(), RunSettings.init(run.config())));
        float[] train = posterior(vae, data.train());
        NceTrainingResult r = NceTraining.train(c, cfg, train, data.train().size(),
                posterior(vae, data.validation()), data.validation().size(), run.seed());
        return normalised(run, vae, c, r, cfg, train, data.train().size());
    }

    /**
     * The prior of a classifier trained earlier (its weights read from a run folder, {@link ModelFiles}): what
     * {@link #fit} gives after training it, the proposal and the normaliser computed again from the same seed; no
     * training record ({@link Fitted#training} is null).
     */
    public static Fitted ofTrained(Engine engine, PlannedRun run, VaeModel vae, MlpWeights classifier, StudyInputs data) {
        return normalised(run, vae, engine.ratioClassifier(classifier), null, RunSettings.nce(run.config()),
                posterior(vae, data.train()), data.train().size());
    }

    /**
     * After the classifier is trained: the defensive aggregate-posterior proposal of the training split's codes
     * {@code train} ([mu | logvar] rows) and the normaliser Z by the spec's estimator, on the run's seed.
     */
    private static Fitted normalised(PlannedRun run, VaeModel vae, RatioClassifier c, NceTrainingResult r, NceConfig cfg,
                                     float[] train, int trainSize) {
        LatentProposal proposal = new DefensiveProposal(
                AggregatePosterior.of(train, trainSize, vae.shape().latent(), run.seed()));
        StudySpec.Nce nce = run.config().prior().nce();
        long t0 = System.nanoTime();
        switch (nce.normaliserOrDefault()) {
            case SMC -> {
                SmcNormaliser.Result smc = SmcNormaliser.estimate(c, SmcNormaliser.REPLICATES, SmcNormaliser.PARTICLES,
                        nce.smcSchedule(), run.seed());
                return new Fitted(c, smc.prior(), r, cfg, proposal, smc.particles(), seconds(t0), smc.temperatures());
            }
            case ANNEALED -> {
                int k = nce.temperatures() == null ? AnnealedNormaliser.TEMPERATURES : nce.temperatures();
                NcePrior prior = AnnealedNormaliser.estimate(c, AnnealedNormaliser.CHAINS, k, run.seed());
                return new Fitted(c, prior, r, cfg, proposal, null, seconds(t0), k);
            }
            default -> {
                NcePrior prior = NcePrior.estimate(c, proposal, NcePrior.NORMALISER_DRAWS, run.seed());
                return new Fitted(c, prior, r, cfg, proposal, null, seconds(t0), 0);
            }
        }
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    /** [mu | logvar] per image (a copy: the engine's buffer is reused by its next call). */
    private static float[] posterior(VaeModel vae, ImageSet set) {
        return Arrays.copyOf(vae.encode(set.inputs(), set.size()), set.size() * 2 * vae.shape().latent());
    }
}

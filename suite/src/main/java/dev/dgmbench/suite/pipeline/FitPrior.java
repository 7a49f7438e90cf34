package dev.dgmbench.suite.pipeline;

import dev.dgmbench.engine.Engine;
import dev.dgmbench.engine.ImageSet;
import dev.dgmbench.engine.RatioClassifier;
import dev.dgmbench.engine.VaeModel;
import dev.dgmbench.models.prior.NceConfig;
import dev.dgmbench.models.prior.NcePrior;
import dev.dgmbench.models.prior.NceTraining;
import dev.dgmbench.models.prior.NceTrainingResult;
import dev.dgmbench.suite.plan.PlannedRun;

import java.util.Arrays;

/**
 * Step 2: fit the NCE prior: a classifier of aggregate-posterior codes (training split) against N(0, I) draws,
 * held out on the validation split's codes, then its normaliser Z by Monte Carlo.
 */
public final class FitPrior {
    /** Prior draws for the Monte Carlo estimate of Z. */
    static final int NORMALISER_DRAWS = 20_000;

    private FitPrior() {
    }

    public record Fitted(RatioClassifier classifier, NcePrior prior, NceTrainingResult training, NceConfig config) {
    }

    public static Fitted fit(Engine engine, PlannedRun run, VaeModel vae, StudyInputs data) {
        NceConfig cfg = RunSettings.nce(run.config());
        RatioClassifier c = engine.ratioClassifier(NceTraining.initialWeights(cfg, run.seed()));
        NceTrainingResult r = NceTraining.train(c, cfg, posterior(vae, data.train()), data.train().size(),
                posterior(vae, data.validation()), data.validation().size(), run.seed());
        return new Fitted(c, NcePrior.estimate(c, NORMALISER_DRAWS, run.seed()), r, cfg);
    }

    /** [mu | logvar] per image (a copy: the engine's buffer is reused by its next call). */
    private static float[] posterior(VaeModel vae, ImageSet set) {
        return Arrays.copyOf(vae.encode(set.inputs(), set.size()), set.size() * 2 * vae.shape().latent());
    }
}

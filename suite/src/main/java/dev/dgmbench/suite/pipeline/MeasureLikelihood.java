package dev.dgmbench.suite.pipeline;

import dev.dgmbench.engine.VaeModel;
import dev.dgmbench.metrics.likelihood.ElboTerms;
import dev.dgmbench.metrics.likelihood.ImportanceWeightedNll;
import dev.dgmbench.metrics.likelihood.NllEstimate;
import dev.dgmbench.models.prior.LatentPrior;
import dev.dgmbench.models.prior.StandardNormal;
import dev.dgmbench.suite.plan.PlannedRun;

import java.util.List;

/**
 * Step 3: the test split's ELBO terms (averaged over a few noise draws) and the importance-weighted NLL under the
 * standard-normal prior and, when fitted, the NCE prior, both scored on the same importance samples.
 */
public final class MeasureLikelihood {
    /** Noise draws per image for the ELBO terms. */
    static final int ELBO_DRAWS = 10;

    private MeasureLikelihood() {
    }

    /** @param nll one estimate per prior: standard normal first, then NCE if fitted */
    public record Measured(ElboTerms elbo, List<NllEstimate> nll, double nllSeconds) {
    }

    public static Measured measure(PlannedRun run, VaeModel vae, FitPrior.Fitted prior, StudyInputs data) {
        ElboTerms elbo = ElboTerms.evaluate(vae, data.test(), ELBO_DRAWS, run.seed());
        List<LatentPrior> priors = prior == null ? List.of(StandardNormal.INSTANCE) : List.of(StandardNormal.INSTANCE, prior.prior());
        int k = run.config().metrics().nll().importanceSamples();
        long t0 = System.nanoTime();
        List<NllEstimate> nll = ImportanceWeightedNll.estimate(vae, data.test(), priors, k, chunk(run), run.seed());
        return new Measured(elbo, nll, (System.nanoTime() - t0) / 1e9);
    }

    /**
     * Test images per decoder pass: the spec's {@code metrics.nll.batch_size}, else about 8192 codes per pass
     * (a 35 MB log-probability block for 64 pixels x 17 levels).
     */
    static int chunk(PlannedRun run) {
        int k = run.config().metrics().nll().importanceSamples(), b = run.config().metrics().nll().batchSize();
        return b > 0 ? b : ImportanceWeightedNll.defaultChunk(k);
    }
}

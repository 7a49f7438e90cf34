package dev.dgmbench.suite.pipeline;

import dev.dgmbench.engine.Init;
import dev.dgmbench.engine.Likelihood;
import dev.dgmbench.engine.OptimizerSpec;
import dev.dgmbench.engine.VaeShape;
import dev.dgmbench.engine.train.TrainConfig;
import dev.dgmbench.models.prior.NceConfig;
import dev.dgmbench.suite.plan.ResolvedRun;
import dev.dgmbench.suite.spec.StudySpec;

/** A run's spec settings translated into the engine's plain-data configurations, in one place. */
public final class RunSettings {
    private RunSettings() {
    }

    public static VaeShape shape(ResolvedRun c, int pixels) {
        return new VaeShape(pixels, c.dataset().levels(), c.model().hidden(), c.model().latent(),
                c.model().likelihood() == StudySpec.Likelihood.BERNOULLI ? Likelihood.BERNOULLI : Likelihood.CATEGORICAL,
                c.model().beta());
    }

    public static TrainConfig training(ResolvedRun c) {
        StudySpec.Training t = c.training();
        OptimizerSpec.Kind kind = t.optimizer() == StudySpec.Optimizer.ADAMAX ? OptimizerSpec.Kind.ADAMAX : OptimizerSpec.Kind.ADAM;
        return new TrainConfig(OptimizerSpec.of(kind, t.learningRate()), t.batchSize(), t.maxEpochs(), t.patience());
    }

    public static NceConfig nce(ResolvedRun c) {
        StudySpec.Nce n = c.prior().nce();
        return new NceConfig(c.model().latent(), n.hidden(), n.learningRate(), n.batchSize(), n.maxEpochs(), n.patience());
    }

    /** How the initial weights of the VAE and the NCE classifier are drawn. */
    public static Init init(ResolvedRun c) {
        return Init.valueOf(c.model().init().name());
    }

    /** The engine's name as {@link dev.dgmbench.engine.Engines} knows it. */
    public static String engine(ResolvedRun c) {
        return c.model().engine();
    }
}

package dev.dgmbench.suite.pipeline;

import dev.dgmbench.engine.RatioClassifier;
import dev.dgmbench.models.fused.FusedEngine;
import dev.dgmbench.models.prior.AggregatePosterior;
import dev.dgmbench.models.prior.DefensiveProposal;
import dev.dgmbench.models.prior.LatentProposal;
import dev.dgmbench.models.prior.NcePrior;
import dev.dgmbench.models.prior.SmcNormaliser;
import dev.dgmbench.models.prior.NceTraining;
import dev.dgmbench.models.sampling.LangevinSampler;
import dev.dgmbench.models.sampling.LatentSampler;
import dev.dgmbench.models.sampling.MalaSampler;
import dev.dgmbench.models.sampling.SirSampler;
import dev.dgmbench.models.sampling.StepAdaptation;
import dev.dgmbench.suite.spec.SamplerCatalogue;
import dev.dgmbench.suite.spec.StudySpec;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The spec's sampler settings reach the samplers, burn-in and target included. */
class DrawSamplesTest {
    @Test
    void burnInAndTargetReachTheSamplers() {
        RatioClassifier c = FusedEngine.java().ratioClassifier(NceTraining.linear(new double[]{1, 0}, 0));
        FitPrior.Fitted fitted = new FitPrior.Fitted(c, NcePrior.estimate(c, 100, 1), null, null, null, null, 0, 0);
        StudySpec.Samplers sc = new StudySpec.Samplers(8, StudySpec.Decode.MODE, java.util.Map.of(
                "mala", new SamplerCatalogue.Mala(30, 5000, 0.07, 20, 0.574),
                "langevin", new SamplerCatalogue.Langevin(40, 5000, 0.05, 1.0, 100, 0.9)));
        List<LatentSampler> s = DrawSamples.samplers(sc, 2, fitted);
        LangevinSampler l = (LangevinSampler) s.get(0);
        MalaSampler m = (MalaSampler) s.get(1);
        assertEquals(new StepAdaptation(100, 0.9), l.adapt());
        assertEquals(40, l.length().steps());
        assertEquals(0.05, l.stepSize());
        assertEquals(new StepAdaptation(20, 0.574), m.adapt());
        assertEquals(0.07, m.stepSize());
        // The run records the diagnostics the claims read: 'converged' among them.
        assertTrue(l.sample(8, 1).diagnostics().containsKey("converged"));
    }

    @Test
    void sirTakesThePoolTheSpecNames() {
        RatioClassifier c = FusedEngine.java().ratioClassifier(NceTraining.linear(new double[]{1, 0}, 0));
        LatentProposal aggregate = new DefensiveProposal(AggregatePosterior.of(new float[]{1, 0, 0, 0}, 1, 2, 1));
        SmcNormaliser.Result smc = SmcNormaliser.estimate(c, 2, 16, 10, 1);
        FitPrior.Fitted fitted = new FitPrior.Fitted(c, smc.prior(), null, null, aggregate, smc.particles(), 0, smc.temperatures());
        for (SamplerCatalogue.SirProposal p : SamplerCatalogue.SirProposal.values()) {
            StudySpec.Samplers sc = new StudySpec.Samplers(8, StudySpec.Decode.MODE,
                    java.util.Map.of("sir", new SamplerCatalogue.Sir(50, p)));
            SirSampler sir = (SirSampler) DrawSamples.samplers(sc, 2, fitted).get(0);
            assertEquals(p == SamplerCatalogue.SirProposal.SMC ? 32 : 50, sir.proposals(), p.toString());
            assertEquals(p.toString().toLowerCase(java.util.Locale.ROOT).replace('_', '-'), sir.source());
        }
    }

    @Test
    void stepsAutoReachesTheSamplersWithItsCap() throws java.io.IOException {
        java.nio.file.Path f = java.nio.file.Files.createTempFile("auto", ".yaml");
        java.nio.file.Files.writeString(f, "name: auto\nsamplers:\n  langevin: {steps: auto, max_steps: 700}\n"
                + "  mala: {steps: auto}\n");
        StudySpec.Samplers sc = dev.dgmbench.suite.spec.SpecLoader.load(f).samplers();
        RatioClassifier c = FusedEngine.java().ratioClassifier(NceTraining.linear(new double[]{1, 0}, 0));
        FitPrior.Fitted fitted = new FitPrior.Fitted(c, NcePrior.estimate(c, 100, 1), null, null, null, null, 0, 0);
        List<LatentSampler> s = DrawSamples.samplers(sc, 2, fitted);
        assertEquals(dev.dgmbench.models.sampling.ChainLength.auto(700), ((LangevinSampler) s.get(0)).length());
        assertEquals(dev.dgmbench.models.sampling.ChainLength.auto(5000), ((MalaSampler) s.get(1)).length());
        assertEquals("auto", sc.toMap().get("langevin") instanceof java.util.Map<?, ?> m ? m.get("steps") : null,
                "resolved configs (run.json, plan.json) say auto");
    }
}

package dev.dgmbench.suite.pipeline;

import dev.dgmbench.engine.VaeModel;
import dev.dgmbench.models.prior.LatentProposal;
import dev.dgmbench.models.sampling.DecodedImages;
import dev.dgmbench.models.sampling.Energy;
import dev.dgmbench.models.sampling.LangevinSampler;
import dev.dgmbench.models.sampling.LatentSampler;
import dev.dgmbench.models.sampling.MalaSampler;
import dev.dgmbench.models.sampling.PriorSampler;
import dev.dgmbench.models.sampling.SamplerOutput;
import dev.dgmbench.models.sampling.SirSampler;
import dev.dgmbench.models.sampling.StepAdaptation;
import dev.dgmbench.suite.plan.PlannedRun;
import dev.dgmbench.suite.spec.StudySpec;

import java.util.ArrayList;
import java.util.List;

/**
 * Step 4: draw latent codes from every enabled sampler (the plain prior; Langevin, MALA and SIR on the NCE-tilted
 * prior when it was fitted) and decode them into images. Each sampler's diagnostics (acceptance, step size after
 * burn-in, energy slope, split-R-hat, ESS, and the {@code converged} verdict) travel with its output into its metrics.
 */
public final class DrawSamples {
    private DrawSamples() {
    }

    /** One sampler's codes, their images and the seconds the sampling took. */
    public record Drawn(String sampler, SamplerOutput output, DecodedImages images, double seconds) {
    }

    public static List<Drawn> draw(PlannedRun run, VaeModel vae, FitPrior.Fitted prior, java.util.function.Consumer<String> progress) {
        StudySpec.Samplers sc = run.config().samplers();
        DecodedImages.Mode mode = sc.decode() == StudySpec.Decode.SAMPLE ? DecodedImages.Mode.SAMPLE : DecodedImages.Mode.MODE;
        List<Drawn> out = new ArrayList<>();
        for (LatentSampler sampler : samplers(sc, vae.shape().latent(), prior)) {
            progress.accept("sampler " + sampler.name() + ": " + sc.samples() + " samples");
            long t0 = System.nanoTime();
            SamplerOutput o = sampler.sample(sc.samples(), run.seed());
            double seconds = (System.nanoTime() - t0) / 1e9;
            out.add(new Drawn(sampler.name(), o, DecodedImages.decode(vae, o.z(), o.n(), mode, run.seed()), seconds));
        }
        return out;
    }

    static List<LatentSampler> samplers(StudySpec.Samplers sc, int latent, FitPrior.Fitted prior) {
        List<LatentSampler> out = new ArrayList<>();
        if (sc.prior() != null) out.add(new PriorSampler(latent));
        if (prior != null) {
            Energy energy = new Energy(prior.classifier());
            StudySpec.Langevin l = sc.langevin();
            if (l != null) {
                out.add(new LangevinSampler(energy, latent, l.length(), l.stepSize(), l.noiseScale(),
                        new StepAdaptation(l.burnIn(), l.targetAcceptance())));
            }
            StudySpec.Mala m = sc.mala();
            if (m != null) {
                out.add(new MalaSampler(energy, latent, m.length(), m.stepSize(), new StepAdaptation(m.burnIn(), m.targetAcceptance())));
            }
            StudySpec.Sir s = sc.sir();
            if (s != null) {
                out.add(new SirSampler(prior.classifier(), latent, s.proposals(),
                        s.proposal() == StudySpec.SirProposal.PRIOR ? LatentProposal.prior(latent) : prior.proposal()));
            }
        }
        return out;
    }
}

package dev.dgmbench.suite.pipeline;

import dev.dgmbench.engine.VaeModel;
import dev.dgmbench.models.sampling.DecodedImages;
import dev.dgmbench.models.sampling.LatentSampler;
import dev.dgmbench.models.sampling.SamplerOutput;
import dev.dgmbench.suite.plan.PlannedRun;
import dev.dgmbench.suite.spec.SamplerCatalogue;
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

    /** The enabled samplers, in catalogue order; those that need the NCE prior only when it was fitted. */
    static List<LatentSampler> samplers(StudySpec.Samplers sc, int latent, FitPrior.Fitted prior) {
        List<LatentSampler> out = new ArrayList<>();
        sc.settings().forEach((name, settings) -> {
            SamplerCatalogue.Sampler<?> s = SamplerCatalogue.of(name);
            if (!s.needsNcePrior()) out.add(s.create(settings, latent, null));
            else if (prior != null) out.add(s.create(settings, latent, prior.forSamplers()));
        });
        return out;
    }
}

package dev.dgmbench.models.sampling;

import dev.dgmbench.engine.Noise;
import dev.dgmbench.engine.Seeds;

import java.util.Map;

/** z ~ N(0, I): the plain beta-VAE baseline; exact draws, so always {@code converged}. */
public record PriorSampler(int latent) implements LatentSampler {
    @Override
    public SamplerOutput sample(int n, long seed) {
        return new SamplerOutput(Noise.normals(Seeds.random(seed, "prior-sampler"), n * latent), n, Map.of("converged", 1.0), Map.of());
    }

    @Override
    public String name() {
        return "prior";
    }
}

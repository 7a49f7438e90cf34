package dev.dgmbench.models.sampling;

import dev.dgmbench.models.nn.Noise;
import dev.dgmbench.models.nn.Seeds;

import java.util.Map;

/** z ~ N(0, I): the plain beta-VAE baseline. */
public record PriorSampler(int latent) implements LatentSampler {
    @Override
    public SamplerOutput sample(int n, long seed) {
        return new SamplerOutput(Noise.normals(Seeds.random(seed, "prior-sampler"), n * latent), n, Map.of(), Map.of());
    }

    @Override
    public String name() {
        return "prior";
    }
}

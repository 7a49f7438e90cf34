package dev.dgmbench.models.sampling;

import java.util.Map;

/**
 * Latent codes from a sampler, z [n, L] row-major, with its diagnostics (e.g. {@code acceptance_rate},
 * {@code ess}, {@code steps_per_second}) and per-step traces (e.g. {@code energy}: mean energy over the chains).
 */
public record SamplerOutput(float[] z, int n, Map<String, Double> diagnostics, Map<String, double[]> traces) {
}

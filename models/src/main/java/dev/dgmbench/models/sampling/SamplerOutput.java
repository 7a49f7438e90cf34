package dev.dgmbench.models.sampling;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;

/**
 * Latent codes from a sampler, with its diagnostics (e.g. {@code acceptance_rate}, {@code ess},
 * {@code steps_per_second}) and per-step traces (e.g. {@code energy}: mean energy over the chains).
 */
public record SamplerOutput(INDArray z, Map<String, Double> diagnostics, Map<String, double[]> traces) {
}

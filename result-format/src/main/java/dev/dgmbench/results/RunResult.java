package dev.dgmbench.results;

import java.util.List;
import java.util.Map;

/**
 * Everything one run leaves behind, apart from the model files.
 *
 * @param timings    seconds and rates, e.g. {@code train_seconds}, {@code epoch_seconds}, {@code nll_seconds},
 *                   {@code langevin_steps_per_second}
 * @param provenance where and how it ran: backend, build, threads, CPU/GPU, OS, Java, library versions, commit
 * @param traces     per-step series such as {@code langevin_energy}; scalars of the samplers live in metrics
 * @param digest     sha-256 of the canonical JSON of {@code metrics} (see {@link Digests})
 */
public record RunResult(RunInfo info, RunMetrics metrics, List<EpochRecord> history, Map<String, Double> timings,
                        Map<String, String> provenance, SampleSets samples, Map<String, double[]> traces,
                        String digest) {
}

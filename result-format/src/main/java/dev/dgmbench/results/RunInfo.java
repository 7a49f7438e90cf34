package dev.dgmbench.results;

import java.util.Map;

/**
 * Identity and outcome of one run: one grid point and one seed of a study.
 *
 * @param runId      stable folder name, derived from the grid point and seed (e.g. {@code beta=0.2_latent=50_seed=1})
 * @param study      the spec's name
 * @param specDigest sha-256 of the canonical resolved spec (without output paths), ties a run to its spec
 * @param gridPoint  the grid values of this run, keyed by spec path (e.g. {@code model.beta -> 0.2})
 * @param seed       the run's seed
 * @param backend    backend name (e.g. {@code cpu-avx2})
 * @param status     OK or FAILED
 * @param failure    why it failed, or null
 * @param config     the fully resolved run configuration (plain data)
 * @param startedAt  ISO-8601 instant
 * @param finishedAt ISO-8601 instant
 */
public record RunInfo(String runId, String study, String specDigest, Map<String, Object> gridPoint, long seed,
                      String backend, RunStatus status, String failure, Map<String, Object> config,
                      String startedAt, String finishedAt) {
}

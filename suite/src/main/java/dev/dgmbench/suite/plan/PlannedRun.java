package dev.dgmbench.suite.plan;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One run of a study: one grid point and one seed.
 *
 * @param runId     stable, filesystem-safe id, e.g. {@code beta=0.2_latent=50_seed=1} (grid values in grid order,
 *                  then the seed); the same grid point and seed give the same id whatever else the spec grids
 * @param gridPoint grid path (e.g. {@code model.beta}) to this run's value, in grid order
 * @param seed      the run's seed
 * @param config    the run's settings with the grid point applied
 */
public record PlannedRun(String runId, Map<String, Object> gridPoint, long seed, ResolvedRun config) {
    public PlannedRun {
        gridPoint = Collections.unmodifiableMap(new LinkedHashMap<>(gridPoint));
    }

    /**
     * What runs must share to train as one stacked group: grey levels, hidden width, latent size, likelihood and
     * batch size (the images are the study's; beta and the optimiser may differ per member).
     */
    public String groupKey() {
        return config.dataset().levels() + "/" + config.model().hidden() + "/" + config.model().latent() + "/"
                + config.model().likelihood() + "/" + config.training().batchSize();
    }

    /** {@code RunInfo.config}: the resolved settings plus the seed. */
    public Map<String, Object> configMap() {
        Map<String, Object> m = config.toMap();
        m.put("seed", seed);
        return m;
    }
}

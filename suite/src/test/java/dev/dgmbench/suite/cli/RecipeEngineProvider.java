package dev.dgmbench.suite.cli;

import dev.dgmbench.engine.Engine;
import dev.dgmbench.engine.EngineProvider;
import dev.dgmbench.engine.EngineTraits;
import dev.dgmbench.models.fused.FusedEngine;
import dev.dgmbench.models.fused.JavaMatMul;

import java.util.List;
import java.util.Map;

/**
 * The "add an engine" recipe of docs/architecture.md, followed once: an engine that exists only in this module's
 * tests, made known by its line in {@code src/test/resources/META-INF/services/dev.dgmbench.engine.EngineProvider}
 * and by nothing else. It declares traits no shipped CPU engine has (stacked groups, one worker, runs side by side)
 * and backend {@code cpu-onednn-avx512} as its own, which no test plans a study on; {@link EngineRecipeTest} checks
 * that the spec, the planner and the launcher's checks treat it as declared.
 */
public final class RecipeEngineProvider implements EngineProvider {
    static final String NAME = "recipe";
    static final String OWN_BACKEND = "cpu-onednn-avx512";

    @Override
    public List<String> names() {
        return List.of(NAME);
    }

    @Override
    public Engine create(String name) {
        return new FusedEngine(NAME, new JavaMatMul(), Map.of());
    }

    @Override
    public EngineTraits traits(String name) {
        return new EngineTraits(true, EngineTraits.Workers.ONE, EngineTraits.ConcurrentRuns.CORES_PER_WORKER, false,
                List.of(OWN_BACKEND), List.of(OWN_BACKEND));
    }
}

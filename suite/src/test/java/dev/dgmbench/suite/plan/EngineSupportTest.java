package dev.dgmbench.suite.plan;

import dev.dgmbench.suite.spec.SpecLoader;
import dev.dgmbench.suite.spec.StudySpec;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Which engines run on which backend, from what the engines on the class path declare. */
class EngineSupportTest {
    static StudySpec quickWith(String engineLine) {
        String text = SpecLoader.shippedText("quick").replace("  beta: 1.0 ", engineLine + "\n  beta: 1.0 ");
        return SpecLoader.parse(text, "quick.yaml", null, false);
    }

    @Test
    void theFusedEngineIsRefusedOnNd4jsCudaBuildWithTheEngineThatRunsThere() {
        StudySpec fused = SpecLoader.loadShipped("quick", false);
        String why = EngineSupport.refusal("specs/quick.yaml", fused, "cuda-11.6").orElseThrow();
        assertTrue(why.startsWith("specs/quick.yaml: model.engine is fused for run beta=0.2_seed=1, but engine fused does"
                + " not run on backend cuda-11.6; set model.engine to one that does (samediff)"), why);
        assertTrue(EngineSupport.refusal("specs/quick.yaml", fused, "cpu-avx2").isEmpty());
    }

    @Test
    void samediffRunsAnywhereAndAGridWithBothEnginesIsRefusedOnCuda116() {
        StudySpec samediff = quickWith("  engine: samediff");
        assertEquals("samediff", samediff.model().engine());
        assertTrue(EngineSupport.refusal("quick.yaml", samediff, "cuda-11.6").isEmpty());
        assertTrue(EngineSupport.refusal("quick.yaml", samediff, "cpu").isEmpty());
        String both = SpecLoader.shippedText("quick").replace("grid:\n", "grid:\n  model.engine: [samediff, fused]\n");
        StudySpec grid = SpecLoader.parse(both, "quick.yaml", null, false);
        assertTrue(EngineSupport.refusal("quick.yaml", grid, "cuda-11.6").orElseThrow().contains("engine fused does not run"));
    }

    @Test
    void aBackendNoEngineHereRunsOnSaysSo() {
        // engine-cuda is not on this module's class path: nothing runs on backend cuda here
        StudySpec quick = SpecLoader.loadShipped("quick", false);
        assertEquals(List.of(), EngineSupport.enginesOn("cuda"));
        String why = EngineSupport.refusal("quick.yaml", quick, "cuda").orElseThrow();
        assertTrue(why.contains("does not run on backend cuda; no engine here does (available: "), why);
        assertEquals(List.of("fused", "java", "samediff"), EngineSupport.enginesOn("cpu-avx2"));
    }

    @Test
    void runIdsAndTheEngineOnABackendWithoutAnEngineOfItsOwnAreTheSpecs() {
        StudySpec quick = quickWith("  engine: java");
        StudyPlan plan = Planner.plan(quick, "cpu-avx2");
        assertEquals(Planner.plan(quick).runIds(), plan.runIds());
        for (PlannedRun r : plan.runs()) assertEquals("java", r.config().model().engine());
        assertFalse(EngineSupport.trainsGroups(plan));
        assertEquals(List.of("java"), EngineSupport.engines(plan));
    }
}

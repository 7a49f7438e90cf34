package dev.dgmbench.suite.plan;

import dev.dgmbench.suite.backend.Backends;
import dev.dgmbench.suite.spec.SpecLoader;
import dev.dgmbench.suite.spec.StudySpec;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class EngineSupportTest {
    static StudySpec quickWith(String engineLine) {
        String text = SpecLoader.shippedText("quick").replace("  beta: 1.0 ", engineLine + "\n  beta: 1.0 ");
        return SpecLoader.parse(text, "quick.yaml", null, false);
    }

    @Test
    void theFusedEngineIsRefusedOnCudaWithTheFieldToSet() {
        StudySpec fused = SpecLoader.loadShipped("quick", false);
        String why = EngineSupport.refusal("specs/quick.yaml", fused, Backends.CUDA_11_6).orElseThrow();
        assertTrue(why.contains("model.engine: samediff") && why.contains("cuda-11.6") && why.startsWith("specs/quick.yaml: model.engine"), why);
        assertTrue(EngineSupport.refusal("specs/quick.yaml", fused, Backends.CPU_AVX2).isEmpty());
    }

    @Test
    void samediffRunsAnywhereAndAGridWithBothEnginesIsRefusedOnCuda() {
        StudySpec samediff = quickWith("  engine: samediff");
        assertEquals(StudySpec.Engine.SAMEDIFF, samediff.model().engine());
        assertTrue(EngineSupport.refusal("quick.yaml", samediff, Backends.CUDA_11_6).isEmpty());
        String both = SpecLoader.shippedText("quick").replace("grid:\n", "grid:\n  model.engine: [samediff, fused]\n");
        StudySpec grid = SpecLoader.parse(both, "quick.yaml", null, false);
        assertTrue(EngineSupport.refusal("quick.yaml", grid, Backends.CUDA_11_6).isPresent());
    }

    @Test
    void theCudaBackendRunsEveryModelOnTheCudaEngine() {
        StudySpec quick = SpecLoader.loadShipped("quick", false);
        assertTrue(EngineSupport.refusal("quick.yaml", quick, Backends.CUDA).isEmpty(), "the default engine is taken over");
        StudyPlan plan = EngineSupport.applyBackend(Planner.plan(quick), Backends.CUDA);
        assertEquals(Planner.plan(quick).runIds(), plan.runIds(), "run ids do not depend on the engine");
        for (PlannedRun r : plan.runs()) {
            assertEquals(StudySpec.Engine.CUDA, r.config().model().engine());
            assertEquals("cuda", ((java.util.Map<?, ?>) r.configMap().get("model")).get("engine"), "recorded in run.json");
        }
        assertSame(Planner.plan(quick).runs().get(0).config().model().engine(),
                EngineSupport.applyBackend(Planner.plan(quick), Backends.CPU_AVX2).runs().get(0).config().model().engine());
        String why = EngineSupport.refusal("quick.yaml", quickWith("  engine: samediff"), Backends.CUDA).orElseThrow();
        assertTrue(why.contains("--backend cuda runs every model on the cuda engine"), why);
        String cpu = EngineSupport.refusal("quick.yaml", quickWith("  engine: cuda"), Backends.CPU_AVX2).orElseThrow();
        assertTrue(cpu.contains("the cuda engine runs with --backend cuda"), cpu);
    }
}

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
}

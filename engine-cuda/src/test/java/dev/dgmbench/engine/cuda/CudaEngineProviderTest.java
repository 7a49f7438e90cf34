package dev.dgmbench.engine.cuda;

import dev.dgmbench.engine.EngineTraits;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** What the cuda engine declares to the suite, against what it does. */
class CudaEngineProviderTest {
    @Test
    void theEngineOfBackendCudaAndOnlyThere() {
        EngineTraits t = new CudaEngineProvider().traits("cuda");
        assertEquals(CudaEngine.onHost().trainsGroups(), t.trainsGroups(), "declared as the engine behaves");
        assertTrue(t.runsOn("cuda") && t.owns("cuda"));
        assertFalse(t.runsOn("cuda-11.6") || t.runsOn("cpu") || t.runsOn("cpu-avx2"));
        assertEquals(EngineTraits.Workers.ONE, t.workers());
        assertEquals(EngineTraits.ConcurrentRuns.CORES_PER_WORKER, t.concurrentRuns());
        assertTrue(t.ownClasspath(), "its JavaCPP 1.5.13 cannot share ND4J's class path");
    }
}

package dev.dgmbench.engine;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Finding engines by name and what they declare; models carries only the java engine. */
class EnginesTest {
    @Test
    void javaIsACpuEngineOnEveryCpuBuild() {
        assertEquals(List.of("java"), Engines.available());
        EngineTraits t = Engines.traits("java");
        assertEquals(EngineTraits.cpu(), t);
        assertFalse(t.trainsGroups());
        assertEquals(t.trainsGroups(), Engines.create("java").trainsGroups(), "declared as the engine behaves");
        for (String b : List.of("cpu", "cpu-avx2", "cpu-onednn-avx512")) assertTrue(t.runsOn(b), b);
        for (String b : List.of("cuda", "cuda-11.6", "gpu-cpu")) assertFalse(t.runsOn(b), b);
        assertFalse(t.owns("cpu"));
        assertEquals(List.of("cpu*", "cuda-11.6"), t.alsoOn("cuda-11.6").backends());
        assertTrue(t.alsoOn("cuda-11.6").runsOn("cuda-11.6"));
    }

    @Test
    void aRunKeepsTheEngineItAsksForUnlessItLeavesTheDefaultOnABackendWithAnEngineOfItsOwn() {
        // no engine on this class path owns a backend: every run keeps its engine
        assertEquals(Engines.DEFAULT, Engines.engineOn(Engines.DEFAULT, "cuda"));
        assertEquals("java", Engines.engineOn("java", "cpu-avx2"));
    }

    @Test
    void anUnknownEngineSaysWhichAreAvailable() {
        Engines.UnknownEngineException e = assertThrows(Engines.UnknownEngineException.class, () -> Engines.create("fusd"));
        assertEquals("engine 'fusd' is not available in this JVM (available: java); its module is not on the class path",
                e.getMessage());
        assertThrows(Engines.UnknownEngineException.class, () -> Engines.traits("fusd"));
        assertEquals(e.getMessage(), Engines.unavailable("fusd").orElseThrow());
        assertEquals(java.util.Optional.empty(), Engines.ownClasspath("java"), "carried by this JVM");
    }
}

package dev.dgmbench.suite.cli;

import dev.dgmbench.engine.Engines;
import dev.dgmbench.suite.backend.Backends;
import dev.dgmbench.suite.backend.probe.MemInfo;
import dev.dgmbench.suite.plan.EngineSupport;
import dev.dgmbench.suite.plan.PlannedRun;
import dev.dgmbench.suite.plan.Planner;
import dev.dgmbench.suite.plan.StudyPlan;
import dev.dgmbench.suite.spec.SpecError;
import dev.dgmbench.suite.spec.SpecException;
import dev.dgmbench.suite.spec.SpecLoader;
import dev.dgmbench.suite.spec.StudySpec;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The "add an engine" recipe, checked: {@link RecipeEngineProvider} is listed in this module's test resources and
 * nowhere else, and the spec, the planner and the launcher's decisions follow what it declares.
 */
class EngineRecipeTest {
    private static final String OWN = RecipeEngineProvider.OWN_BACKEND;

    private static StudySpec quickWith(String engineLine) {
        String text = SpecLoader.shippedText("quick").replace("  beta: 1.0 ", engineLine + "\n  beta: 1.0 ");
        return SpecLoader.parse(text, "quick.yaml", null, false);
    }

    @Test
    void theSpecAcceptsTheNewEngineByName() {
        assertTrue(Engines.available().contains("recipe"), Engines.available().toString());
        assertEquals("recipe", quickWith("  engine: recipe").model().engine());
    }

    @Test
    void anUnknownEngineNamesFileLineFieldAndTheAvailableOnes() {
        SpecException e = assertThrows(SpecException.class, () -> quickWith("  engine: recipes"));
        SpecError err = e.errors().get(0);
        assertEquals(1, e.errors().size(), e.getMessage());
        assertEquals("quick.yaml", err.file());
        assertEquals(17, err.line(), e.getMessage());
        assertEquals("model.engine", err.field(), e.getMessage());
        assertTrue(e.getMessage().contains("allowed: one of: " + String.join(", ", Engines.available())), e.getMessage());
        assertTrue(e.getMessage().contains("recipe"), "the suggestion or the list names the new engine: " + e.getMessage());
        assertEquals(Main.BAD_INPUT, Main.handle(e, new java.io.PrintWriter(java.io.Writer.nullWriter())));
    }

    @Test
    void itRunsOnlyOnTheBackendsItDeclares() {
        StudySpec recipe = quickWith("  engine: recipe");
        String why = EngineSupport.refusal("quick.yaml", recipe, "cpu-avx2").orElseThrow();
        assertTrue(why.contains("engine recipe does not run on backend cpu-avx2; set model.engine to one that does"
                + " (fused, java, samediff)"), why);
        assertTrue(EngineSupport.refusal("quick.yaml", recipe, OWN).isEmpty());
        assertTrue(EngineSupport.enginesOn(OWN).contains("recipe"));
    }

    @Test
    void onItsOwnBackendItRunsTheRunsThatLeaveTheEngineAtItsDefault() {
        StudySpec quick = SpecLoader.loadShipped("quick", false);
        StudyPlan own = Planner.plan(quick, OWN);
        assertEquals(Planner.plan(quick).runIds(), own.runIds(), "run ids do not depend on the engine");
        for (PlannedRun r : own.runs()) {
            assertEquals("recipe", r.config().model().engine());
            assertEquals("recipe", ((java.util.Map<?, ?>) r.configMap().get("model")).get("engine"), "recorded in run.json");
        }
        for (PlannedRun r : Planner.plan(quick, "cpu-avx2").runs()) assertEquals(Engines.DEFAULT, r.config().model().engine());
        // a run that names an engine keeps it (and java does run on this CPU build)
        for (PlannedRun r : Planner.plan(quickWith("  engine: java"), OWN).runs()) assertEquals("java", r.config().model().engine());
    }

    @Test
    void theLauncherPlacesItsRunsAsItDeclares() {
        StudySpec quick = SpecLoader.loadShipped("quick", false);
        var own = Backends.byName(OWN);
        assertTrue(EngineSupport.trainsGroups(Planner.plan(quick, OWN)), "whole groups to one worker");
        assertEquals(1, BackendCheck.workers(quick, own, null), "one worker");
        int cores = Runtime.getRuntime().availableProcessors();
        assertEquals(BackendCheck.concurrentRuns(cores, 1, MemInfo.totalBytes()), BackendCheck.concurrentRuns(quick, own, 1, null));
        assertEquals(5, BackendCheck.workers(quick, own, 5), "an asked count wins");
        // the same study on a CPU build it does not own: fused, a worker per core, one run at a time each
        var avx2 = Backends.CPU_AVX2;
        assertFalse(EngineSupport.trainsGroups(Planner.plan(quick, avx2.name())));
        assertEquals(cores, BackendCheck.workers(quick, avx2, null));
        assertEquals(1, BackendCheck.concurrentRuns(quick, avx2, cores, null));
        assertNull(BackendCheck.workerClasspath(quick, own), "it shares this JVM's class path");
    }
}

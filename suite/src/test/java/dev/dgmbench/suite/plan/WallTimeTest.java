package dev.dgmbench.suite.plan;

import dev.dgmbench.suite.spec.SpecLoader;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The wall-time arithmetic of explain, with the probe's speed injected (the probe itself is timing, so flaky). */
class WallTimeTest {
    private static final CostModel REF = CostModel.measured(CostModel.PROBE_REFERENCE);

    @Test
    void runsAreDealtAsTheStudyRunnerDealsThemAndTheBusiestWorkerDecides() {
        var one = WallTime.of(REF, List.of(10.0, 20.0, 30.0), 5, new WallTime.Machine(1, 4, 0, ""));
        var two = WallTime.of(REF, List.of(10.0, 20.0, 30.0), 5, new WallTime.Machine(2, 4, 0, ""));
        assertEquals(60, one.busiestSeconds(), 1e-9);
        assertEquals(40, two.busiestSeconds(), 1e-9, "worker 1 gets runs 0 and 2");
        assertEquals(2, two.workers());
        assertEquals(one.seconds() - 20, two.seconds(), 1e-9);
        var many = WallTime.of(REF, List.of(10.0, 20.0, 30.0), 5, new WallTime.Machine(16, 4, 0, ""));
        assertEquals(3, many.workers(), "no more workers than runs");
    }

    @Test
    void workersBeyondTheCoresAndOtherLoadShareThem() {
        var fits = WallTime.of(REF, List.of(10.0, 10.0), 0, new WallTime.Machine(2, 2, 0, ""));
        var crowded = WallTime.of(REF, List.of(10.0, 10.0), 0, new WallTime.Machine(2, 1, 0, ""));
        var loaded = WallTime.of(REF, List.of(10.0, 10.0), 0, new WallTime.Machine(2, 2, 2, ""));
        assertEquals(2 * fits.seconds(), crowded.seconds(), 1e-9);
        assertEquals(2 * fits.seconds(), loaded.seconds(), 1e-9);
    }

    @Test
    void aSlowerMachineScalesEveryPhase() {
        var spec = SpecLoader.loadShipped("quick", false);
        var run = Planner.plan(spec).runs().get(0);
        double fast = REF.estimate(spec, run).total(), slow = CostModel.measured(CostModel.PROBE_REFERENCE / 4).estimate(spec, run).total();
        assertEquals(4, slow / fast, 1e-9);
    }

    /**
     * Against a measurement of this machine (2 cores, engine fused): {@code run quick --workers 2} took 47 s of wall
     * time under a load average of 13; the probe read 31-33 G MAC/s on a core then and the load average was 10-11.
     * The estimate from those inputs must lie within a factor 3 of it.
     */
    @Test
    void quickIsEstimatedWithinAFactorThreeOfItsMeasuredTime() {
        StudyPlan plan = Planner.plan(SpecLoader.loadShipped("quick", false));
        double loaded = wall(plan, CostModel.measured(32e9), new WallTime.Machine(2, 2, 10, "test"));
        assertTrue(loaded > 47 / 3.0 && loaded < 47 * 3.0, "estimate " + loaded + " s vs 47 s measured");
    }

    private static double wall(StudyPlan plan, CostModel cost, WallTime.Machine m) {
        List<Double> runs = plan.runs().stream().map(r -> cost.estimate(plan.spec(), r).total()).toList();
        return WallTime.of(cost, runs, cost.evaluatorSeconds(plan.spec()), m).seconds();
    }
}

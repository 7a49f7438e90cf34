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
        // a load average of 6 counts as 6 * LOAD_WEIGHT = 2 more workers: twice the time on 2 cores
        var loaded = WallTime.of(REF, List.of(10.0, 10.0), 0, new WallTime.Machine(2, 2, 6, ""));
        var light = WallTime.of(REF, List.of(10.0, 10.0), 0, new WallTime.Machine(2, 2, 0.6, ""));
        assertEquals(2 * fits.seconds(), crowded.seconds(), 1e-9);
        assertEquals(2 * fits.seconds(), loaded.seconds(), 1e-9);
        assertEquals(1.1 * fits.seconds(), light.seconds(), 1e-9);
    }

    @Test
    void aSlowerMachineScalesEveryPhase() {
        var spec = SpecLoader.loadShipped("quick", false);
        var run = Planner.plan(spec).runs().get(0);
        double fast = REF.estimate(spec, run).total(), slow = CostModel.measured(CostModel.PROBE_REFERENCE / 4).estimate(spec, run).total();
        assertEquals(4, slow / fast, 1e-9);
    }

    /**
     * Against measurements of this machine (2 cores, engine fused, {@code run quick --workers 2}; explain's inputs
     * read just before, in the same sitting): 47 s under a load average of 10-13, probe 31-33 G MAC/s on a core, load
     * read as 10; and on 2026-12-07 with seven builds sharing the machine: 160 s (probe 21.3 G measured then, load
     * 23.9, both caches cold), 144 s (the speed and the evaluator cached, load 27.1) and 120 s (both cold again,
     * probe 17.3 G, load 24.1; it fell to 19 during the run). The estimate must lie within a factor 1.5 of each.
     */
    @Test
    void quickIsEstimatedWithinAFactorOneAndAHalfOfItsMeasuredTime() {
        StudyPlan plan = Planner.plan(SpecLoader.loadShipped("quick", false));
        double[][] sittings = {{32e9, 10, 47}, {21.3e9, 23.9, 160}, {21.3e9, 27.1, 144}, {17.3e9, 24.1, 120}};
        for (double[] s : sittings) {
            double estimate = wall(plan, CostModel.measured(s[0]), new WallTime.Machine(2, 2, s[1], "test"));
            assertTrue(estimate > s[2] / 1.5 && estimate < s[2] * 1.5, "estimate " + estimate + " s vs " + s[2] + " s measured");
        }
    }

    private static double wall(StudyPlan plan, CostModel cost, WallTime.Machine m) {
        List<Double> runs = plan.runs().stream().map(r -> cost.estimate(plan.spec(), r).total()).toList();
        return WallTime.of(cost, runs, cost.evaluatorSeconds(plan.spec()), m).seconds();
    }
}

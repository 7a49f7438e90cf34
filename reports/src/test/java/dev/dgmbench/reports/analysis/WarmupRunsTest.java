package dev.dgmbench.reports.analysis;

import dev.dgmbench.results.RunResult;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which runs a speed comparison treats as JIT warm-up: a worker's first, or its first n when it ran n at once. */
class WarmupRunsTest {
    static RunResult run(String index, String concurrent) {
        Map<String, String> p = new HashMap<>();
        if (index != null) p.put("worker_run_index", index);
        if (concurrent != null) p.put("concurrent_runs", concurrent);
        return new RunResult(null, null, null, null, p, null, null, null);
    }

    @Test
    void aWorkersFirstRunIsWarmUpAndItsLaterOnesAreNot() {
        assertTrue(WarmupRuns.isWarmup(run("0", null)));
        assertFalse(WarmupRuns.isWarmup(run("1", null)));
        assertTrue(WarmupRuns.isWarmup(run("0", "1")));
        assertFalse(WarmupRuns.isWarmup(run("1", "1")));
    }

    @Test
    void withRunsContinuedConcurrentlyEveryRunStartedColdIsWarmUp() {
        for (int i = 0; i < 4; i++) assertTrue(WarmupRuns.isWarmup(run(Integer.toString(i), "4")), "index " + i);
        assertFalse(WarmupRuns.isWarmup(run("4", "4")));
    }

    @Test
    void resultsWithoutTheIndexOrWithGarbageAreNotWarmUp() {
        assertFalse(WarmupRuns.isWarmup(run(null, "4")));
        assertFalse(WarmupRuns.isWarmup(run("x", null)));
        assertFalse(WarmupRuns.isWarmup(new RunResult(null, null, null, null, null, null, null, null)));
    }
}

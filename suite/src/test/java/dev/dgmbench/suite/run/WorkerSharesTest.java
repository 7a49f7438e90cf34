package dev.dgmbench.suite.run;

import dev.dgmbench.suite.plan.PlannedRun;
import dev.dgmbench.suite.plan.Planner;
import dev.dgmbench.suite.spec.SpecLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

class WorkerSharesTest {
    @TempDir
    Path dir;

    /** The tiny spec with latent 3 and 4: 8 runs, two groups of four, interleaved in plan order. */
    private List<PlannedRun> twoGroups() {
        Path spec = E2E.tinySpec(dir, "two-groups.yaml", s -> s.replace("  model.beta: [0.2, 1.0]\n",
                "  model.beta: [0.2, 1.0]\n  model.latent: [3, 4]\n"));
        return Planner.plan(SpecLoader.load(spec)).runs();
    }

    @Test
    void runsGoRoundRobinOneByOne() {
        List<PlannedRun> runs = twoGroups();
        List<String> ids = runs.stream().map(PlannedRun::runId).toList();
        List<List<String>> shares = WorkerShares.split(runs, 3, false);
        assertEquals(List.of(
                List.of(ids.get(0), ids.get(3), ids.get(6)),
                List.of(ids.get(1), ids.get(4), ids.get(7)),
                List.of(ids.get(2), ids.get(5))), shares);
        assertEquals(8, WorkerShares.split(runs, 20, false).size(), "no more workers than runs");
        assertEquals(List.of(ids), WorkerShares.split(runs, 1, false));
    }

    @Test
    void anEngineThatTrainsGroupsGetsWholeGroupsWhateverTheWorkerCount() {
        List<PlannedRun> runs = twoGroups();
        Map<String, Set<String>> groups = runs.stream().collect(Collectors.groupingBy(PlannedRun::groupKey,
                Collectors.mapping(PlannedRun::runId, Collectors.toSet())));
        assertEquals(2, groups.size());
        for (int workers : new int[]{2, 3, 16}) {
            List<List<String>> shares = WorkerShares.split(runs, workers, true);
            assertEquals(2, shares.size(), "one worker per group at most (" + workers + " asked)");
            assertEquals(new HashSet<>(groups.values()), shares.stream().map(HashSet::new).collect(Collectors.toSet()),
                    "each share is one whole group");
        }
        List<List<String>> one = WorkerShares.split(runs, 1, true);
        assertEquals(1, one.size());
        assertEquals(8, one.get(0).size());
    }
}

package dev.dgmbench.suite.pipeline;

import dev.dgmbench.models.fused.FusedEngine;
import dev.dgmbench.results.ResultFolder;
import dev.dgmbench.results.RunResult;
import dev.dgmbench.suite.plan.PlannedRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Runs taken one at a time as a worker becomes free (what worker JVMs do with the study's run queue), in-process:
 * two pipelines, one continuing two runs at once, take the tiny study's eight runs from one queue in reverse plan
 * order, so each run follows other runs than it does in one pipeline doing them all in plan order. Each run is
 * published once, with the same metrics bit for bit: a run's numbers come from its seed, not from its worker or
 * the runs before it.
 */
class TakenRunsTest {

    @Test
    void twoPipelinesTakingRunsFromOneQueuePublishEachOnceWithTheMetricsOfOnePipeline(@TempDir Path dir) throws Exception {
        ConcurrentRunsTest.TwoGroups g = ConcurrentRunsTest.twoGroups(dir);
        List<PlannedRun> plan = g.plan();

        Path aloneDir = dir.resolve("alone/runs");
        Files.createDirectories(aloneDir);
        List<String> aloneDone = Collections.synchronizedList(new ArrayList<>());
        pipeline(g, 1).execute(plan, "cpu", aloneDir, r -> aloneDone.add(r.info().runId()));
        assertEquals(plan.size(), aloneDone.size());

        List<PlannedRun> reversed = new ArrayList<>(plan);
        Collections.reverse(reversed);
        ConcurrentLinkedQueue<PlannedRun> queue = new ConcurrentLinkedQueue<>(reversed);
        Supplier<Optional<PlannedRun>> next = () -> Optional.ofNullable(queue.poll());
        Path takenDir = dir.resolve("taken/runs");
        Files.createDirectories(takenDir);
        List<String> done = Collections.synchronizedList(new ArrayList<>());
        ExecutorService workers = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (int concurrent : new int[]{1, 2}) {
                RunPipeline p = pipeline(g, concurrent);
                fs.add(workers.submit(() -> p.execute(next, Map.of(), "cpu", takenDir, r -> done.add(r.info().runId()))));
            }
            for (Future<?> f : fs) f.get();
        } finally {
            workers.shutdownNow();
        }

        assertEquals(plan.size(), done.size(), "runs published: " + done);
        assertEquals(new HashSet<>(aloneDone), new HashSet<>(done), "each run once");
        Map<String, byte[]> alone = metrics(aloneDir), taken = metrics(takenDir);
        assertEquals(alone.keySet(), taken.keySet());
        for (String id : alone.keySet()) assertArrayEquals(alone.get(id), taken.get(id), id);

        // each pipeline numbers the runs it started 0, 1, 2, ... (the first includes the JIT's warm-up)
        Map<String, Set<Integer>> indices = new TreeMap<>();
        for (Path d : ResultFolder.list(takenDir)) {
            RunResult r = ResultFolder.read(d);
            indices.computeIfAbsent(r.provenance().get(RunPipeline.CONCURRENT_RUNS), k -> new TreeSet<>())
                    .add(Integer.parseInt(r.provenance().get("worker_run_index")));
        }
        for (Set<Integer> started : indices.values()) {
            assertEquals(started.size() - 1, Collections.max(started), "indices of one pipeline: " + indices);
        }
    }

    @Test
    void anEngineThatTrainsGroupsTakesNoRunsOneByOne(@TempDir Path dir) {
        ConcurrentRunsTest.TwoGroups g = ConcurrentRunsTest.twoGroups(dir);
        RunPipeline grouping = new RunPipeline(new StudyIdentity("two-groups", "digest"), g.data(),
                new ConcurrentRunsTest.GroupingEngine(), ConcurrentRunsTest.GroupingEngine::new, g.ev(), Map.of(),
                RunProgress.QUIET, 1);
        assertThrows(IllegalStateException.class, () -> grouping.execute(() -> Optional.of(g.plan().get(0)), Map.of(),
                "cpu", dir.resolve("runs"), r -> { }));
    }

    private static RunPipeline pipeline(ConcurrentRunsTest.TwoGroups g, int concurrent) {
        return new RunPipeline(new StudyIdentity("two-groups", "digest"), g.data(), FusedEngine.java(), FusedEngine::java,
                g.ev(), Map.of(), RunProgress.QUIET, concurrent);
    }

    private static Map<String, byte[]> metrics(Path runsDir) throws java.io.IOException {
        Map<String, byte[]> out = new TreeMap<>();
        for (Path d : ResultFolder.list(runsDir)) out.put(d.getFileName().toString(), Files.readAllBytes(d.resolve(ResultFolder.METRICS)));
        return out;
    }
}

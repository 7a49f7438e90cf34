package dev.dgmbench.suite.pipeline;

import dev.dgmbench.engine.Engine;
import dev.dgmbench.engine.ImageClassifier;
import dev.dgmbench.engine.MlpWeights;
import dev.dgmbench.engine.OptimizerSpec;
import dev.dgmbench.engine.RatioClassifier;
import dev.dgmbench.engine.VaeGroup;
import dev.dgmbench.engine.VaeModel;
import dev.dgmbench.engine.VaeShape;
import dev.dgmbench.engine.VaeWeights;
import dev.dgmbench.metrics.evaluator.EvaluatorNetwork;
import dev.dgmbench.models.fused.FusedEngine;
import dev.dgmbench.results.ResultFolder;
import dev.dgmbench.results.RunResult;
import dev.dgmbench.suite.plan.PlannedRun;
import dev.dgmbench.suite.plan.Planner;
import dev.dgmbench.suite.run.E2E;
import dev.dgmbench.suite.run.Worker;
import dev.dgmbench.suite.spec.SpecLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pipeline of an engine that trains groups (as the GPU engine does), on the CPU: two groups (latent 3 and 4)
 * of two runs each. Run one after another and three at a time, each thread with an engine instance of its own, the
 * runs publish the same metrics bit for bit; the groups are trained as groups, on as many engine instances as
 * threads ask for.
 */
class ConcurrentRunsTest {
    /**
     * The pure-Java engine, whose groups train their members one after another each epoch: the numbers of the
     * members trained alone, through the group path of the pipeline. Counts its instances and groups.
     */
    static final class GroupingEngine implements Engine {
        static final AtomicInteger INSTANCES = new AtomicInteger();
        static final Set<String> GROUP_THREADS = ConcurrentHashMap.newKeySet();
        static final List<Integer> GROUP_SIZES = Collections.synchronizedList(new ArrayList<>());
        private final Engine java = FusedEngine.java();

        GroupingEngine() {
            INSTANCES.incrementAndGet();
        }

        @Override
        public String name() {
            return "java";
        }

        @Override
        public VaeModel vae(VaeShape shape, VaeWeights weights) {
            return java.vae(shape, weights);
        }

        @Override
        public RatioClassifier ratioClassifier(MlpWeights weights) {
            return java.ratioClassifier(weights);
        }

        @Override
        public ImageClassifier imageClassifier(MlpWeights weights) {
            return java.imageClassifier(weights);
        }

        @Override
        public boolean trainsGroups() {
            return true;
        }

        @Override
        public Optional<VaeGroup> vaeGroup(List<VaeShape> shapes, List<VaeWeights> weights) {
            GROUP_THREADS.add(Thread.currentThread().getName());
            GROUP_SIZES.add(shapes.size());
            List<VaeModel> members = new ArrayList<>();
            for (int i = 0; i < shapes.size(); i++) members.add(vae(shapes.get(i), weights.get(i)));
            return Optional.of(new VaeGroup() {
                @Override
                public int size() {
                    return members.size();
                }

                @Override
                public VaeModel member(int i) {
                    return members.get(i);
                }

                @Override
                public void startTraining(OptimizerSpec[] optimizers) {
                    for (int i = 0; i < optimizers.length; i++) members.get(i).startTraining(optimizers[i]);
                }

                @Override
                public void fitEpoch(float[] x, int[][] levels, float[][] eps, int[][] order, int batchSize, boolean[] active) {
                    for (int i = 0; i < members.size(); i++) {
                        if (active[i]) members.get(i).fitEpoch(x, levels, eps[i], order[i], batchSize);
                    }
                }
            });
        }

        @Override
        public Map<String, String> provenance() {
            return java.provenance();
        }
    }

    /** The tiny study with two latent sizes: 8 runs in two groups of four, its data and evaluator network. */
    record TwoGroups(List<PlannedRun> plan, StudyInputs data, EvaluatorNetwork ev) {
    }

    static TwoGroups twoGroups(Path dir) {
        Path specFile = E2E.tinySpec(dir, "two-groups.yaml", s -> s.replace("  model.beta: [0.2, 1.0]\n",
                "  model.beta: [0.2, 1.0]\n  model.latent: [3, 4]\n"));
        List<PlannedRun> plan = Planner.plan(SpecLoader.load(specFile)).runs();
        assertEquals(8, plan.size());
        StudyInputs data = StudyInputs.load(plan.get(0).config().dataset(), dir);
        return new TwoGroups(plan, data, Worker.evaluator(plan.get(0).config(), data, dir.resolve("cache")));
    }

    @Test
    void groupsTrainSideBySideAndRunsContinuedConcurrentlyPublishTheSameMetrics(@TempDir Path dir) throws Exception {
        TwoGroups g = twoGroups(dir);
        List<PlannedRun> runs = g.plan();

        Map<String, byte[]> alone = publish(runs, g.data(), g.ev(), dir.resolve("one"), 1);
        GroupingEngine.GROUP_THREADS.clear();
        int before = GroupingEngine.INSTANCES.get();
        Map<String, byte[]> together = publish(runs, g.data(), g.ev(), dir.resolve("three"), 3);

        assertEquals(alone.keySet(), together.keySet());
        for (String id : alone.keySet()) assertArrayEquals(alone.get(id), together.get(id), id);
        assertEquals(2, GroupingEngine.GROUP_THREADS.size(), "the two groups trained on two threads: " + GroupingEngine.GROUP_THREADS);
        assertTrue(GroupingEngine.GROUP_THREADS.stream().allMatch(t -> t.startsWith("run-")), GroupingEngine.GROUP_THREADS.toString());
        assertEquals(3, GroupingEngine.INSTANCES.get() - before, "one engine instance per thread (the pipeline's own for the first)");
    }

    /**
     * A resumed study (or a worker given part of a group) trains each of its runs in the run's whole group, as the
     * uninterrupted study did, and publishes only its own runs: on a GPU a member's bits depend on its group.
     */
    @Test
    void aResumedRunTrainsInItsWholeGroupAndOnlyItIsPublished(@TempDir Path dir) throws Exception {
        TwoGroups g = twoGroups(dir);
        List<PlannedRun> plan = g.plan();
        GroupingEngine.GROUP_SIZES.clear();
        Map<String, byte[]> whole = publish(plan, plan, g.data(), g.ev(), dir.resolve("whole"), 1);
        assertEquals(List.of(4, 4), GroupingEngine.GROUP_SIZES, "two groups (latent 3 and 4) of four runs");

        PlannedRun left = plan.get(plan.size() - 1);
        GroupingEngine.GROUP_SIZES.clear();
        Map<String, byte[]> resumed = publish(List.of(left), plan, g.data(), g.ev(), dir.resolve("resumed"), 1);
        assertEquals(List.of(4), GroupingEngine.GROUP_SIZES, "the one run left trained in its group of four");
        assertEquals(Set.of(left.runId()), resumed.keySet(), "only the run asked for is published");
        assertArrayEquals(whole.get(left.runId()), resumed.get(left.runId()));

        // without the plan's companions (the old behaviour) it would have trained alone
        GroupingEngine.GROUP_SIZES.clear();
        publish(List.of(left), List.of(left), g.data(), g.ev(), dir.resolve("alone"), 1);
        assertEquals(List.of(), GroupingEngine.GROUP_SIZES, "a lone run is no group");
    }

    /**
     * Runs that reuse earlier runs' models leave their groups: a group whose runs all reuse is not trained, the rest
     * of a group trains without them; every run publishes the metrics of the study trained whole.
     */
    @Test
    void runsThatReuseModelsLeaveTheirGroupsAndAGroupAllReusedIsNotTrained(@TempDir Path dir) throws Exception {
        TwoGroups g = twoGroups(dir);
        List<PlannedRun> plan = g.plan();
        Map<String, byte[]> whole = publish(plan, plan, Map.of(), g.data(), g.ev(), dir.resolve("whole"), 1);

        // every run of the latent-3 group and half of the latent-4 group take the models of the whole study's runs
        Map<String, Path> reused = new TreeMap<>();
        for (PlannedRun r : plan) {
            if (r.config().model().latent() == 3 || r.seed() == 1) reused.put(r.runId(), dir.resolve("whole/runs").resolve(r.runId()));
        }
        assertEquals(6, reused.size());
        GroupingEngine.GROUP_SIZES.clear();
        Map<String, byte[]> again = publish(plan, plan, reused, g.data(), g.ev(), dir.resolve("reused"), 2);
        assertEquals(List.of(2), GroupingEngine.GROUP_SIZES, "only the latent-4 runs that do not reuse train, as a group of two");
        assertEquals(whole.keySet(), again.keySet());
        for (String id : whole.keySet()) assertArrayEquals(whole.get(id), again.get(id), id);
        for (String id : reused.keySet()) {
            RunResult r = ResultFolder.read(dir.resolve("reused/runs").resolve(id));
            assertTrue(r.provenance().get(RunPipeline.MODELS_FROM).startsWith(reused.get(id) + " (digest "), id);
        }
    }

    private static Map<String, byte[]> publish(List<PlannedRun> runs, StudyInputs data, EvaluatorNetwork ev, Path out,
                                               int concurrent) throws Exception {
        return publish(runs, runs, data, ev, out, concurrent);
    }

    private static Map<String, byte[]> publish(List<PlannedRun> runs, List<PlannedRun> plan, StudyInputs data,
                                               EvaluatorNetwork ev, Path out, int concurrent) throws Exception {
        return publish(runs, plan, Map.of(), data, ev, out, concurrent);
    }

    /**
     * Runs the pipeline on {@code runs} of {@code plan} (those of {@code modelsFrom} on earlier runs' models) into
     * {@code out}; metrics.json of each published run by id.
     */
    private static Map<String, byte[]> publish(List<PlannedRun> runs, List<PlannedRun> plan, Map<String, Path> modelsFrom,
                                               StudyInputs data, EvaluatorNetwork ev, Path out, int concurrent) throws Exception {
        Path runsDir = out.resolve("runs");
        Files.createDirectories(runsDir);
        List<String> done = Collections.synchronizedList(new ArrayList<>());
        new RunPipeline(new StudyIdentity("two-groups", "digest"), data, new GroupingEngine(), GroupingEngine::new, ev,
                Map.of(), RunProgress.QUIET, concurrent).execute(runs, plan, modelsFrom, "cpu", runsDir, r -> done.add(r.info().runId()));
        assertEquals(runs.size(), done.size(), "every run published once");
        Map<String, byte[]> metrics = new TreeMap<>();
        for (Path d : ResultFolder.list(runsDir)) {
            RunResult r = ResultFolder.read(d);
            assertEquals(Integer.toString(concurrent), r.provenance().get(RunPipeline.CONCURRENT_RUNS));
            assertTrue(r.timings().get("engine_seconds") > 0, "engine time recorded");
            metrics.put(d.getFileName().toString(), Files.readAllBytes(d.resolve(ResultFolder.METRICS)));
        }
        return metrics;
    }
}

package dev.dgmbench.suite.plan;

import dev.dgmbench.results.BadInputException;
import dev.dgmbench.suite.spec.SpecLoader;
import dev.dgmbench.suite.spec.StudySpec;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlannerTest {

    static StudySpec spec(String yaml) {
        return SpecLoader.parse(yaml, "test.yaml", null, false);
    }

    @Test
    void seedDigitsHasFortyRunsInGridOrder() {
        StudyPlan plan = Planner.plan(SpecLoader.loadShipped("seed-digits", false));
        assertEquals(40, plan.size());
        List<String> ids = plan.runIds();
        assertEquals("beta=0.2_latent=50_seed=1", ids.get(0));
        assertEquals("beta=0.2_latent=50_seed=5", ids.get(4));
        assertEquals("beta=0.2_latent=100_seed=1", ids.get(5));
        assertEquals("beta=1.0_latent=100_seed=5", ids.get(39));
        assertEquals(40, new HashSet<>(ids).size());
        for (String id : ids) assertTrue(id.matches("[A-Za-z0-9._=+-]+"), id);

        PlannedRun r = plan.find("beta=0.8_latent=100_seed=3").orElseThrow();
        assertEquals(Map.of("model.beta", 0.8, "model.latent", 100), r.gridPoint());
        assertEquals(List.of("model.beta", "model.latent"), new ArrayList<>(r.gridPoint().keySet()));
        assertEquals(3L, r.seed());
        assertEquals(0.8, r.config().model().beta());
        assertEquals(100, r.config().model().latent());
        assertEquals(256, r.config().model().hidden());
        assertEquals(3L, r.configMap().get("seed"));
        assertEquals(0.8, ((Map<?, ?>) r.configMap().get("model")).get("beta"));
    }

    @Test
    void quickHasSixRuns() {
        StudyPlan plan = Planner.plan(SpecLoader.loadShipped("quick", false));
        assertEquals(List.of("beta=0.2_seed=1", "beta=0.2_seed=2", "beta=0.2_seed=3",
                "beta=1.0_seed=1", "beta=1.0_seed=2", "beta=1.0_seed=3"), plan.runIds());
    }

    @Test
    void runIdsAreStable() {
        StudyPlan a = Planner.plan(spec("name: a\ngrid: {model.beta: [0.2, 1.0]}\nseeds: [1, 2]\n"));
        StudyPlan b = Planner.plan(spec("name: b\ngrid: {model.beta: [0.2, 0.5, 1.0]}\nseeds: [1, 2, 7]\n"
                + "training: {max_epochs: 3}\n"));
        assertTrue(b.runIds().containsAll(a.runIds()), "adding values and seeds keeps the other ids");
        assertEquals(a.runIds(), Planner.plan(spec("name: a\ngrid: {model.beta: [0.2, 1.0]}\nseeds: [1, 2]\n")).runIds());
        assertEquals("seed=4", Planner.plan(spec("name: c\nseeds: [4]\n")).runIds().get(0));
    }

    @Test
    void runIdNamesAndValues() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("training.learning_rate", 1.0e-4);
        p.put("prior.nce.learning_rate", 0.001);
        p.put("samplers.decode", "sample");
        p.put("model.latent", 16);
        assertEquals("training.learning_rate=0.0001_nce.learning_rate=0.001_decode=sample_latent=16_seed=2",
                Planner.runId(p, 2));
        assertEquals("1.0", Planner.formatValue(1.0));
        assertEquals("0.2", Planner.formatValue(0.2));
        assertEquals("12345678901234567000", Planner.formatValue(1.2345678901234567e19));
    }

    @Test
    void everyGriddableKindApplies() {
        StudyPlan plan = Planner.plan(spec("""
                name: g
                grid:
                  training.learning_rate: [0.01]
                  prior.nce.max_epochs: [7]
                  samplers.langevin.steps: [11]
                  samplers.decode: [sample]
                  model.likelihood: [categorical]
                samplers: {prior: {}, langevin: {}}
                """));
        ResolvedRun r = plan.runs().get(0).config();
        assertEquals(0.01, r.training().learningRate());
        assertEquals(7, r.prior().nce().maxEpochs());
        assertEquals(11, r.samplers().of(dev.dgmbench.suite.spec.SamplerCatalogue.LANGEVIN).steps());
        assertEquals(StudySpec.Decode.SAMPLE, r.samplers().decode());
        assertEquals("learning_rate=0.01_max_epochs=7_steps=11_decode=sample_likelihood=categorical_seed=1",
                plan.runIds().get(0));
    }

    @Test
    void shardsAreDisjointAndCoverThePlan() {
        StudyPlan plan = Planner.plan(SpecLoader.loadShipped("seed-digits", false));
        for (int n = 1; n <= 7; n++) {
            Set<String> union = new HashSet<>();
            int total = 0;
            for (int i = 1; i <= n; i++) {
                StudyPlan s = plan.shard(i, n);
                assertEquals(new Shard(i, n), s.shard());
                assertTrue(Math.abs(s.size() - plan.size() / (double) n) < 1.0, "balanced: " + s.size());
                assertEquals(s.runIds(), plan.shard(Shard.parse(i + "/" + n)).runIds(), "deterministic");
                union.addAll(s.runIds());
                total += s.size();
            }
            assertEquals(plan.size(), total, "disjoint");
            assertEquals(new HashSet<>(plan.runIds()), union, "union is the plan");
        }
        assertThrows(IllegalStateException.class, () -> plan.shard(1, 2).shard(1, 2));
    }

    /**
     * For an engine that trains groups, shards take whole groups (seed-digits: latent 50 and 100, 20 runs each), so
     * a run's group is the same for any shard count; shards beyond the number of groups are empty.
     */
    @Test
    void groupShardsKeepEachGroupWhole() {
        StudyPlan plan = Planner.plan(SpecLoader.loadShipped("seed-digits", false));
        Map<String, Set<String>> groups = new LinkedHashMap<>();
        for (PlannedRun r : plan.runs()) groups.computeIfAbsent(r.groupKey(), k -> new HashSet<>()).add(r.runId());
        assertEquals(2, groups.size());
        assertEquals(List.of(20, 20), groups.values().stream().map(Set::size).toList());
        List<Set<String>> inOrder = new ArrayList<>(groups.values());
        for (int n = 1; n <= 3; n++) {
            Set<String> union = new HashSet<>();
            for (int i = 1; i <= n; i++) {
                Set<String> ids = new HashSet<>(plan.shard(new Shard(i, n), true).runIds());
                Set<String> expected = new HashSet<>();
                for (int j = 0; j < inOrder.size(); j++) if (j % n == i - 1) expected.addAll(inOrder.get(j));
                assertEquals(expected, ids, "shard " + i + "/" + n);
                union.addAll(ids);
            }
            assertEquals(new HashSet<>(plan.runIds()), union, "union is the plan");
        }
        assertEquals(0, plan.shard(new Shard(3, 3), true).size(), "a third shard of two groups is empty");
    }

    @Test
    void shardParsing() {
        assertEquals(new Shard(2, 3), Shard.parse("2/3"));
        assertEquals(new Shard(1, 1), Shard.parse(" 1 / 1 "));
        for (String bad : List.of("0/3", "4/3", "1/0")) {
            BadInputException e = assertThrows(BadInputException.class, () -> Shard.parse(bad));
            assertTrue(e.getMessage().startsWith("--shard: "), e.getMessage());
            assertTrue(e.getMessage().contains("out of range; allowed: i/n with 1 <= i <= n"), e.getMessage());
        }
        for (String bad : List.of("a/b", "3", "1/2/3", "-1/2")) {
            BadInputException e = assertThrows(BadInputException.class, () -> Shard.parse(bad));
            assertTrue(e.getMessage().contains("'" + bad + "' is not of the form i/n"), e.getMessage());
        }
        assertTrue(assertThrows(BadInputException.class, () -> Shard.parse("")).getMessage().contains("empty"));
    }

    @Test
    void explainListsRunsCostsAndClaims() {
        StudyPlan plan = Planner.plan(SpecLoader.loadShipped("seed-digits", false));
        String text = plan.explain();
        assertTrue(text.contains("runs: 8 grid point(s) x 5 seed(s) = 40 run(s)"), text);
        assertTrue(text.contains("samplers per run: prior, langevin, mala, sir (4 x 512 samples)"), text);
        for (String id : plan.runIds()) assertTrue(text.contains(id), id);
        assertTrue(text.contains("estimated total: "), text);
        assertTrue(text.contains("kl-higher-for-higher-beta: kl of [model.beta=1.0] > [model.beta=0.2], per model.latent"), text);
        String shard = plan.shard(2, 4).explain();
        assertTrue(shard.contains("this is shard 2/4 with 10 of them"), shard);
    }

    @Test
    void costGrowsWithTheWork() {
        StudySpec spec = SpecLoader.loadShipped("seed-digits", false);
        StudyPlan plan = Planner.plan(spec);
        CostModel c = CostModel.DEFAULT;
        double small = c.estimate(spec, plan.find("beta=0.2_latent=50_seed=1").orElseThrow()).total();
        double large = c.estimate(spec, plan.find("beta=0.2_latent=100_seed=1").orElseThrow()).total();
        assertTrue(large > small);
        CostModel slower = new CostModel(c.trainMacsPerSecond() / 2, c.inferenceMacsPerSecond() / 2,
                c.scalarOpsPerSecond() / 2, c.epochOverheadSeconds(), c.stepOverheadSeconds(), c.metricSecondsPerSampler(), c.runOverheadSeconds());
        assertTrue(slower.estimate(spec, plan.runs().get(0)).total() > small);
        Map<String, Double> phases = c.estimate(spec, plan.runs().get(0)).seconds();
        assertTrue(phases.keySet().containsAll(List.of("train", "nce", "nll", "prior", "langevin", "mala", "sir", "metrics", "total")));
        assertEquals(64, CostModel.pixels(spec));
        assertEquals(784, CostModel.pixels(SpecLoader.loadShipped("seed-fashion10", false)));
    }

    /**
     * The order worker JVMs take runs in: longest expected first, ties (runs that differ only in what costs nothing,
     * here beta and the seed) in plan order, runs on reused models after those that train; the same order whatever
     * the machine's speed.
     */
    @Test
    void runsAreTakenLongestExpectedFirstTiesInPlanOrder() {
        StudyPlan plan = Planner.plan(SpecLoader.loadShipped("seed-digits", false));
        List<PlannedRun> order = plan.longestFirst(CostModel.REFERENCE, StoppingForecast.RULE_OF_THUMB, Set.of());
        List<PlannedRun> wide = plan.runs().stream().filter(r -> r.config().model().latent() == 100).toList();
        List<PlannedRun> narrow = plan.runs().stream().filter(r -> r.config().model().latent() == 50).toList();
        List<PlannedRun> expected = new ArrayList<>(wide);
        expected.addAll(narrow);
        assertEquals(expected, order, "latent 100 costs more than latent 50");
        assertEquals(order, plan.longestFirst(CostModel.measured(CostModel.PROBE_REFERENCE / 4),
                StoppingForecast.RULE_OF_THUMB, Set.of()), "a slower machine, the same order");
        Set<String> reused = Set.of(wide.get(0).runId());
        List<PlannedRun> withReused = plan.longestFirst(CostModel.REFERENCE, StoppingForecast.RULE_OF_THUMB, reused);
        assertEquals(wide.get(0), withReused.get(withReused.size() - 1), "a run that does not train comes last");
    }

    /** A run that reuses trained models (run --models-from) costs its samplers and the normaliser only. */
    @Test
    void aRunOnReusedModelsCostsItsSamplersOnly() {
        StudySpec spec = SpecLoader.loadShipped("seed-fashion10", false);
        PlannedRun run = Planner.plan(spec).runs().get(0);
        Map<String, Double> full = CostModel.DEFAULT.estimate(run.config(), 784, StoppingForecast.RULE_OF_THUMB, false).seconds();
        Map<String, Double> reused = CostModel.DEFAULT.estimate(run.config(), 784, StoppingForecast.RULE_OF_THUMB, true).seconds();
        assertEquals(0.0, reused.get("train"));
        assertEquals(0.0, reused.get("nll"));
        assertTrue(reused.get("nce") > 0 && reused.get("nce") < full.get("nce"), "the normaliser, not the classifier: " + reused);
        for (String k : List.of("prior", "langevin", "mala", "sir", "metrics", "overhead")) assertEquals(full.get(k), reused.get(k), k);
        double skipped = full.get("train") + full.get("nll") + full.get("nce") - reused.get("nce");
        assertEquals(full.get("total") - skipped, reused.get("total"), 1e-9);
        // the 12 tempered replicas of the shipped spec cost 12 times a chain's classifier passes
        assertTrue(full.get("langevin") > 5 * CostModel.DEFAULT.estimate(untempered(run), 784, StoppingForecast.RULE_OF_THUMB, false)
                .seconds().get("langevin"), "replicas multiply the chains' cost");
    }

    private static dev.dgmbench.suite.plan.ResolvedRun untempered(PlannedRun run) {
        var r = run.config();
        var l = (dev.dgmbench.suite.spec.SamplerCatalogue.Langevin) r.samplers().settings().get("langevin");
        var settings = new java.util.LinkedHashMap<>(r.samplers().settings());
        settings.put("langevin", new dev.dgmbench.suite.spec.SamplerCatalogue.Langevin(l.steps(), l.maxSteps(), l.stepSize(),
                l.noiseScale(), l.burnIn(), l.targetAcceptance()));
        return new dev.dgmbench.suite.plan.ResolvedRun(r.dataset(), r.model(), r.training(), r.prior(),
                new StudySpec.Samplers(r.samplers().samples(), r.samplers().decode(), settings), r.metrics());
    }
}

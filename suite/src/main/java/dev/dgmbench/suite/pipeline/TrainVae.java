package dev.dgmbench.suite.pipeline;

import dev.dgmbench.engine.Engine;
import dev.dgmbench.engine.VaeGroup;
import dev.dgmbench.engine.VaeModel;
import dev.dgmbench.engine.VaeShape;
import dev.dgmbench.engine.VaeWeights;
import dev.dgmbench.engine.train.DivergedException;
import dev.dgmbench.engine.train.EpochStats;
import dev.dgmbench.engine.train.TrainConfig;
import dev.dgmbench.engine.train.TrainingResult;
import dev.dgmbench.engine.train.VaeTraining;
import dev.dgmbench.results.EpochRecord;
import dev.dgmbench.suite.plan.PlannedRun;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Step 1: train the beta-VAE of a run (or of several runs at once, stacked, where the engine can), with early
 * stopping; weights start from the run seed's {@code vae-init} stream on every engine, drawn by the run's
 * {@code model.init}.
 */
public final class TrainVae {
    private TrainVae() {
    }

    /** A trained model, or why training failed (NaN loss): the run is then recorded as FAILED. */
    public record Trained(VaeModel vae, TrainingResult result, DivergedException failure) {
        /** Its weights read off the engine (a group's member leaves the group here), to continue on any engine. */
        public Detached detach() {
            return new Detached(vae == null ? null : vae.shape(), vae == null ? null : vae.weights(), result, failure);
        }

        public List<EpochRecord> history() {
            List<EpochRecord> out = new ArrayList<>();
            if (result == null) return out;
            for (EpochStats s : result.history()) {
                out.add(new EpochRecord(s.epoch(), s.trainLoss(), s.trainRe(), s.trainKl(), s.valLoss(), s.valRe(), s.valKl(), s.seconds()));
            }
            return out;
        }
    }

    /** A trained run off its engine: canonical weights (none if training failed) and how training went. */
    public record Detached(VaeShape shape, VaeWeights weights, TrainingResult result, DivergedException failure) {
        /** The run as a model of its own on {@code engine}, with exactly these weights. */
        public Trained on(Engine engine) {
            return new Trained(weights == null ? null : engine.vae(shape, weights), result, failure);
        }
    }

    public static Trained train(Engine engine, PlannedRun run, StudyInputs data, VaeTraining.EpochListener listener) {
        VaeShape shape = RunSettings.shape(run.config(), data.pixels());
        VaeModel vae = engine.vae(shape, initialWeights(shape, run));
        try {
            return new Trained(vae, VaeTraining.train(vae, data.train(), data.validation(), RunSettings.training(run.config()),
                    run.seed(), listener), null);
        } catch (DivergedException e) {
            return new Trained(null, null, e);
        }
    }

    /**
     * Trains runs together where the engine stacks them (same shape but beta, same batch size), one at a time
     * otherwise; results by run id, in the order given.
     */
    public static Map<String, Trained> trainAll(Engine engine, List<PlannedRun> runs, StudyInputs data,
                                                java.util.function.Function<PlannedRun, VaeTraining.EpochListener> listeners) {
        Map<String, Trained> out = new LinkedHashMap<>();
        for (List<PlannedRun> group : groups(runs)) {
            Optional<VaeGroup> stacked = group.size() < 2 ? Optional.empty() : engine.vaeGroup(
                    group.stream().map(r -> RunSettings.shape(r.config(), data.pixels())).toList(),
                    group.stream().map(r -> initialWeights(RunSettings.shape(r.config(), data.pixels()), r)).toList());
            if (stacked.isEmpty()) {
                for (PlannedRun r : group) out.put(r.runId(), train(engine, r, data, listeners.apply(r)));
                continue;
            }
            VaeGroup g = stacked.get();
            List<TrainConfig> configs = group.stream().map(r -> RunSettings.training(r.config())).toList();
            long[] seeds = group.stream().mapToLong(PlannedRun::seed).toArray();
            List<VaeTraining.Outcome> outcomes = VaeTraining.trainGroup(g, data.train(), data.validation(), configs, seeds,
                    group.stream().map(listeners).toList());
            for (int i = 0; i < group.size(); i++) {
                VaeTraining.Outcome o = outcomes.get(i);
                out.put(group.get(i).runId(), new Trained(o.failure() == null ? g.member(i) : null, o.result(), o.failure()));
            }
        }
        return out;
    }

    /** The run's initial weights: its {@code model.init} scheme on the seed's {@code vae-init} stream. */
    static VaeWeights initialWeights(VaeShape shape, PlannedRun run) {
        return VaeWeights.initial(shape, run.seed(), RunSettings.init(run.config()));
    }

    /** Runs that can share a stacked group: same shape except beta, same batch size. */
    static List<List<PlannedRun>> groups(List<PlannedRun> runs) {
        Map<String, List<PlannedRun>> by = new LinkedHashMap<>();
        for (PlannedRun r : runs) by.computeIfAbsent(r.groupKey(), k -> new ArrayList<>()).add(r);
        return new ArrayList<>(by.values());
    }

    /**
     * The groups of {@code runs}, each completed with its companions from {@code plan} (the runs of the plan with the
     * same key). On a GPU a member's bits depend on the group it trains in (cuBLAS picks its algorithm by batch
     * count), so a resumed study, or a worker given part of a group, trains the whole group as an uninterrupted
     * study would and publishes only its own runs. A group whose runs are not all in {@code plan} stays as given.
     */
    static List<List<PlannedRun>> groupsInPlan(List<PlannedRun> runs, List<PlannedRun> plan) {
        Map<String, List<PlannedRun>> all = new LinkedHashMap<>();
        for (PlannedRun r : plan) all.computeIfAbsent(r.groupKey(), k -> new ArrayList<>()).add(r);
        List<List<PlannedRun>> out = new ArrayList<>();
        for (List<PlannedRun> mine : groups(runs)) {
            List<PlannedRun> full = all.get(mine.get(0).groupKey());
            boolean covers = full != null && full.containsAll(mine);
            out.add(covers ? full : mine);
        }
        return out;
    }
}

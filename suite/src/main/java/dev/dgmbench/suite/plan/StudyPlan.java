package dev.dgmbench.suite.plan;

import dev.dgmbench.suite.claims.ClaimSpec;
import dev.dgmbench.suite.spec.StudySpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.Optional;

/**
 * The runs of a study (or of one shard of it), in plan order.
 *
 * @param shard which share of the full plan this is ({@link Shard#ALL} for the whole plan)
 */
public record StudyPlan(StudySpec spec, List<PlannedRun> runs, Shard shard) {
    public StudyPlan {
        runs = List.copyOf(runs);
    }

    public List<String> runIds() {
        return runs.stream().map(PlannedRun::runId).toList();
    }

    public int size() {
        return runs.size();
    }

    public Optional<PlannedRun> find(String runId) {
        return runs.stream().filter(r -> r.runId().equals(runId)).findFirst();
    }

    /**
     * Share {@code index} (1-based) of {@code count}: run k of the full plan (0-based) goes to shard
     * {@code (k mod count) + 1}. Deterministic, disjoint, and the shards together are the plan.
     *
     * @throws IllegalArgumentException for an index outside 1..count (message says what is allowed)
     * @throws IllegalStateException    when this plan is already a shard
     */
    public StudyPlan shard(int index, int count) {
        return shard(new Shard(index, count));
    }

    public StudyPlan shard(Shard s) {
        return shard(s, false);
    }

    /**
     * With {@code wholeGroups} (an engine that trains stacked groups), group j of the plan (the runs of one
     * {@link PlannedRun#groupKey}, groups in order of first appearance) goes to shard {@code (j mod count) + 1}:
     * every run then trains in the same group whatever the shard count, which on a GPU keeps its bits. A shard
     * beyond the number of groups is empty.
     */
    public StudyPlan shard(Shard s, boolean wholeGroups) {
        if (!shard.equals(Shard.ALL)) throw new IllegalStateException("plan is already shard " + shard + "; shard the full plan");
        List<PlannedRun> out = new ArrayList<>();
        if (wholeGroups) {
            List<String> keys = runs.stream().map(PlannedRun::groupKey).distinct().toList();
            for (PlannedRun r : runs) if (s.contains(keys.indexOf(r.groupKey()))) out.add(r);
        } else {
            for (int k = 0; k < runs.size(); k++) if (s.contains(k)) out.add(runs.get(k));
        }
        return new StudyPlan(spec, out, s);
    }

    public String explain() {
        return explain(CostModel.DEFAULT, WallTime.Machine.UNCALIBRATED, StoppingForecast.RULE_OF_THUMB);
    }

    /**
     * What will run (grid x seeds x samplers), each run's estimated cost with early stopping as {@code stopping}
     * forecasts it, the wall time on {@code machine} (and its upper bound), and the claims.
     */
    public String explain(CostModel cost, WallTime.Machine machine, StoppingForecast stopping) {
        return explain(cost, machine, stopping, Set.of());
    }

    /** As {@link #explain(CostModel, WallTime.Machine, StoppingForecast)}, the runs {@code reused} reusing trained models. */
    public String explain(CostModel cost, WallTime.Machine machine, StoppingForecast stopping, Set<String> reused) {
        StringBuilder b = new StringBuilder();
        StudySpec.Dataset ds = spec.dataset();
        int pixels = CostModel.pixels(spec);
        b.append("study: ").append(spec.name());
        if (!spec.description().isBlank()) b.append(" - ").append(spec.description().strip());
        b.append('\n');
        b.append("spec digest: ").append(spec.canonicalDigest()).append('\n');
        b.append("dataset: ").append(ds.name().name().toLowerCase(Locale.ROOT)).append(", ").append(pixels)
                .append(" pixels, ").append(ds.levels()).append(" levels, split train ").append(ds.split().train())
                .append(" / validation ").append(ds.split().validation()).append(" / test ").append(ds.split().test())
                .append('\n');
        if (spec.grid().isEmpty()) {
            b.append("grid: none (one grid point)\n");
        } else {
            b.append("grid:\n");
            spec.grid().forEach((k, v) -> b.append("  ").append(k).append(" = ").append(v).append('\n'));
        }
        b.append("seeds: ").append(spec.seeds()).append('\n');
        List<String> samplers = spec.samplers().enabled();
        int total = spec.gridPoints() * spec.seeds().size();
        b.append("runs: ").append(spec.gridPoints()).append(" grid point(s) x ").append(spec.seeds().size())
                .append(" seed(s) = ").append(total).append(" run(s)");
        if (!shard.equals(Shard.ALL)) b.append("; this is shard ").append(shard).append(" with ").append(runs.size()).append(" of them");
        b.append('\n');
        b.append("samplers per run: ").append(samplers.isEmpty() ? "none" : String.join(", ", samplers))
                .append(" (").append(samplers.size()).append(" x ").append(spec.samplers().samples()).append(" samples)\n");
        b.append("backends: ").append(String.join(", ", spec.backends())).append('\n');
        b.append("output: ").append(spec.output()).append("\n\n");

        List<String> cols = new ArrayList<>(List.of("train", "nce", "nll"));
        cols.addAll(samplers);
        cols.addAll(List.of("metrics", "total"));
        int idWidth = Math.max(6, runs.stream().mapToInt(r -> r.runId().length()).max().orElse(6));
        b.append(String.format(Locale.ROOT, "%-" + idWidth + "s", "run"));
        for (String c : cols) b.append(String.format(Locale.ROOT, " %9s", c));
        b.append('\n');
        List<Double> perRun = new ArrayList<>();
        for (PlannedRun r : runs) {
            Map<String, Double> sec = cost.estimate(r.config(), pixels, stopping, reused.contains(r.runId())).seconds();
            b.append(String.format(Locale.ROOT, "%-" + idWidth + "s", r.runId()));
            for (String c : cols) b.append(String.format(Locale.ROOT, " %9s", duration(sec.getOrDefault(c, 0.0))));
            b.append('\n');
            perRun.add(sec.get("total"));
        }
        b.append('\n').append(estimate(cost, perRun, machine, stopping, reused));
        cost.warning(spec, runs).ifPresent(w -> b.append(w).append('\n'));

        if (!spec.claims().isEmpty()) {
            b.append("\nclaims:\n");
            for (ClaimSpec c : spec.claims()) {
                b.append("  ").append(c.id()).append(": ").append(c.metric())
                        .append(" of ").append(label(c.higherSelector())).append(" > ").append(label(c.lowerSelector()));
                if (!c.per().isEmpty()) b.append(", per ").append(String.join(", ", c.per()));
                b.append("; ").append(c.test()).append(", alpha ").append(c.alpha());
                if (c.minEffect() > 0) b.append(", min effect ").append(c.minEffect());
                if (c.expect() != null) b.append("; expect ").append(c.expect().name().toLowerCase(Locale.ROOT));
                b.append('\n');
            }
        }
        return b.toString();
    }

    /** The lines of the wall-time estimate (what {@code explain -q} prints). */
    public String estimate(CostModel cost, WallTime.Machine machine, StoppingForecast stopping) {
        return estimate(cost, machine, stopping, Set.of());
    }

    /** As {@link #estimate(CostModel, WallTime.Machine, StoppingForecast)}, the runs {@code reused} reusing trained models. */
    public String estimate(CostModel cost, WallTime.Machine machine, StoppingForecast stopping, Set<String> reused) {
        return estimate(cost, perRun(cost, stopping, reused), machine, stopping, reused);
    }

    /** The wall time with early stopping forecast by {@code stopping}. */
    public WallTime wallTime(CostModel cost, WallTime.Machine machine, StoppingForecast stopping) {
        return wallTime(cost, machine, stopping, Set.of());
    }

    private WallTime wallTime(CostModel cost, WallTime.Machine machine, StoppingForecast stopping, Set<String> reused) {
        return WallTime.of(cost, perRun(cost, stopping, reused), cost.evaluatorSeconds(spec), machine, wholeGroups());
    }

    /**
     * Whether the runner gives the workers whole groups rather than letting them take runs as they become free: an
     * engine of the plan trains stacked groups ({@link EngineSupport#trainsGroups}); an engine not on this class path
     * (explain without its jars) counts as not.
     */
    private boolean wholeGroups() {
        try {
            return EngineSupport.trainsGroups(this);
        } catch (dev.dgmbench.engine.Engines.UnknownEngineException e) {
            return false;
        }
    }

    /**
     * The runs in the order worker JVMs take them when they take runs as they become free (the runner's
     * {@code RunQueue}): longest expected first, by this cost model with early stopping forecast by {@code stopping},
     * the runs of {@code reused} costed without training; runs of equal cost (the seeds of a grid point) keep plan
     * order. Longest first, the last runs taken are the short ones, so the workers end within about a short run of
     * each other. Only the order of the estimates matters, and {@link CostModel#measured} scales every phase by one
     * factor, so any machine's cost model gives the same order.
     */
    public List<PlannedRun> longestFirst(CostModel cost, StoppingForecast stopping, Set<String> reused) {
        List<Double> seconds = perRun(cost, stopping, reused);
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) idx.add(i);
        idx.sort((a, b) -> Double.compare(seconds.get(b), seconds.get(a))); // List.sort is stable
        return idx.stream().map(runs::get).toList();
    }

    private List<Double> perRun(CostModel cost, StoppingForecast stopping, Set<String> reused) {
        int pixels = CostModel.pixels(spec);
        return runs.stream().map(r -> cost.estimate(r.config(), pixels, stopping, reused.contains(r.runId())).total()).toList();
    }

    private String estimate(CostModel cost, List<Double> perRun, WallTime.Machine m, StoppingForecast stopping,
                            Set<String> reused) {
        WallTime w = WallTime.of(cost, perRun, cost.evaluatorSeconds(spec), m, wholeGroups());
        WallTime bound = wallTime(cost, m, StoppingForecast.UPPER_BOUND, reused);
        double sum = perRun.stream().mapToDouble(Double::doubleValue).sum();
        return String.format(Locale.ROOT, "estimated total: %s wall time for %d run(s) with %d worker(s) on %d core(s)"
                        + " (%s of runs, at most %s for the busiest worker; start-up and warm-up %s; evaluator %s)%n"
                        + "  %s%s%n"
                        + "  speed: %s%n",
                duration(w.seconds()), runs.size(), w.workers(), m.cores(), duration(sum), duration(w.busiestSeconds()),
                duration(w.startSeconds()), duration(w.evaluatorSeconds()), stopping.source(),
                stopping.upperBound() || bound.seconds() <= w.seconds() * 1.01 ? "" : "; at most "
                        + duration(bound.seconds()) + " if no run stops before its caps",
                m.speed() + (m.otherLoad() >= 0.5
                        ? String.format(Locale.ROOT, "; other load %.1f on %d core(s) counted", m.otherLoad(), m.cores()) : ""));
    }

    private static String label(Map<String, Object> sel) {
        List<String> parts = new ArrayList<>();
        sel.forEach((k, v) -> parts.add(k + "=" + v));
        return "[" + String.join(", ", parts) + "]";
    }

    /** {@code 4.2s}, {@code 3m05s}, {@code 2h07m}. */
    static String duration(double seconds) {
        if (seconds < 60) return String.format(Locale.ROOT, "%.1fs", seconds);
        long s = Math.round(seconds);
        if (s < 3600) return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
    }
}

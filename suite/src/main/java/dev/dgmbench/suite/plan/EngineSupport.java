package dev.dgmbench.suite.plan;

import dev.dgmbench.engine.Engines;
import dev.dgmbench.engine.EngineTraits;
import dev.dgmbench.suite.spec.StudySpec;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a study's engines run on a backend, decided before anything starts from what each engine declares
 * ({@link EngineTraits#backends}); the engine of each run on that backend is {@link Planner#plan(StudySpec, String)}'s.
 */
public final class EngineSupport {
    private EngineSupport() {
    }

    /** Why the study cannot run on this backend as specified, if it cannot; {@code source} names the spec file. */
    public static Optional<String> refusal(String source, StudySpec spec, String backend) {
        StudyPlan plan = Planner.plan(spec, backend);
        List<String> refused = engines(plan).stream().filter(e -> !Engines.traits(e).runsOn(backend)).toList();
        for (PlannedRun run : plan.runs()) {
            String e = run.config().model().engine();
            if (!refused.contains(e)) continue;
            List<String> there = enginesOn(backend);
            return Optional.of(source + ": model.engine is " + e + " for run " + run.runId() + ", but engine " + e
                    + " does not run on backend " + backend + (there.isEmpty()
                    ? "; no engine here does (available: " + String.join(", ", Engines.available()) + ")"
                    : "; set model.engine to one that does (" + String.join(", ", there) + "), or pick a backend"
                    + " that " + e + " runs on"));
        }
        List<String> apart = engines(plan).stream().filter(e -> Engines.ownClasspath(e).isPresent()).toList();
        if (apart.size() > 1 || (apart.size() == 1 && engines(plan).size() > 1)) {
            return Optional.of(source + ": the study's engines " + String.join(", ", engines(plan)) + " cannot share"
                    + " worker JVMs: " + String.join(", ", apart) + " runs on a class path of its own; run them as"
                    + " separate studies");
        }
        return Optional.empty();
    }

    /** The engines that run on the backend of this name, by name. */
    public static List<String> enginesOn(String backend) {
        return Engines.available().stream().filter(e -> Engines.traits(e).runsOn(backend)).toList();
    }

    /** The engines the plan's runs use, each once, in plan order. */
    public static List<String> engines(StudyPlan plan) {
        Set<String> out = new LinkedHashSet<>();
        for (PlannedRun r : plan.runs()) out.add(r.config().model().engine());
        return List.copyOf(out);
    }

    /** What the plan's engines declare, one entry per engine. */
    public static List<EngineTraits> traits(StudyPlan plan) {
        List<EngineTraits> out = new ArrayList<>();
        for (String e : engines(plan)) out.add(Engines.traits(e));
        return out;
    }

    /**
     * Whether the plan's runs train as stacked groups: an engine of the plan does, so the launcher keeps each group
     * in one worker ({@code WorkerShares}).
     */
    public static boolean trainsGroups(StudyPlan plan) {
        return traits(plan).stream().anyMatch(EngineTraits::trainsGroups);
    }
}

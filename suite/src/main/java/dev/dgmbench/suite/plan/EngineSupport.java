package dev.dgmbench.suite.plan;

import dev.dgmbench.suite.backend.Backend;
import dev.dgmbench.suite.backend.Backends;
import dev.dgmbench.suite.spec.StudySpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which engines a backend can run, decided before anything starts.
 * <ul>
 *   <li>{@code cuda} (the suite's own GPU engine) runs every model of the study on engine {@code cuda}: the spec's
 *       {@code model.engine} must be left at its default or say {@code cuda}.</li>
 *   <li>{@code cuda-11.6} (ND4J's CUDA build) needs {@code model.engine: samediff}: the fused engine keeps
 *       activations on the JVM heap and copies them around every product, which ND4J's device buffers do not
 *       allow without synchronisation it does not do.</li>
 *   <li>CPU builds run {@code fused}, {@code java} and {@code samediff}; {@code cuda} needs {@code --backend cuda}.</li>
 * </ul>
 */
public final class EngineSupport {
    private EngineSupport() {
    }

    /** Why the study cannot run on this backend as specified, if it cannot; {@code source} names the spec file. */
    public static Optional<String> refusal(String source, StudySpec spec, Backend backend) {
        Optional<String> forced = Backends.engineOf(backend);
        for (PlannedRun run : Planner.plan(spec).runs()) {
            StudySpec.Engine e = run.config().model().engine();
            if (forced.isPresent() && e != StudySpec.Engine.FUSED && e != StudySpec.Engine.CUDA) {
                return Optional.of(source + ": model.engine is " + e.name().toLowerCase() + " for run " + run.runId()
                        + ", but --backend " + backend.name() + " runs every model on the cuda engine; leave"
                        + " model.engine at its default (or set cuda), or pick a CPU backend");
            }
            if (forced.isEmpty() && e == StudySpec.Engine.CUDA) {
                return Optional.of(source + ": model.engine is cuda for run " + run.runId() + "; the cuda engine runs"
                        + " with --backend cuda");
            }
            if (forced.isEmpty() && backend.isCuda() && e != StudySpec.Engine.SAMEDIFF) {
                return Optional.of(source + ": model.engine is " + e.name().toLowerCase() + " for run " + run.runId()
                        + ", but " + backend.name() + " needs model.engine: samediff (the fused engine runs on CPU"
                        + " backends only); set it in the spec, or use --backend cuda");
            }
        }
        return Optional.empty();
    }

    /**
     * Whether the backend's runs train as stacked groups: the engine a backend forces (cuda) does, so the launcher
     * keeps each group in one worker ({@code WorkerShares}).
     */
    public static boolean trainsGroups(Backend backend) {
        return Backends.engineOf(backend).isPresent();
    }

    /** The plan with every run's engine set to the one the backend forces, if it forces one. */
    public static StudyPlan applyBackend(StudyPlan plan, Backend backend) {
        Optional<String> forced = Backends.engineOf(backend);
        if (forced.isEmpty()) return plan;
        StudySpec.Engine engine = StudySpec.Engine.valueOf(forced.get().toUpperCase());
        List<PlannedRun> runs = new ArrayList<>();
        for (PlannedRun r : plan.runs()) {
            ResolvedRun c = r.config();
            StudySpec.Model m = c.model();
            ResolvedRun withEngine = new ResolvedRun(c.dataset(), new StudySpec.Model(m.hidden(), m.latent(), m.likelihood(),
                    m.beta(), engine, m.init()), c.training(), c.prior(), c.samplers(), c.metrics());
            runs.add(new PlannedRun(r.runId(), r.gridPoint(), r.seed(), withEngine));
        }
        return new StudyPlan(plan.spec(), runs, plan.shard());
    }
}

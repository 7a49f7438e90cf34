package dev.dgmbench.suite.plan;

import dev.dgmbench.suite.backend.Backend;
import dev.dgmbench.suite.spec.StudySpec;

import java.util.Optional;

/**
 * Which engine a backend can run. The fused engine keeps activations on the JVM heap and copies them to and from
 * ND4J's buffers around every matrix product; on CUDA those buffers live on the device, the copies would need
 * explicit synchronisation that the fused engine does not do, and nothing of it was ever run on a GPU. So CUDA runs
 * need {@code model.engine: samediff}, and asking for the fused engine there is refused before anything starts.
 */
public final class EngineSupport {
    private EngineSupport() {
    }

    /** Why the study cannot run on this backend as specified, if it cannot; {@code source} names the spec file. */
    public static Optional<String> refusal(String source, StudySpec spec, Backend backend) {
        if (!backend.isCuda()) return Optional.empty();
        for (PlannedRun run : Planner.plan(spec).runs()) {
            if (run.config().model().engine() == StudySpec.Engine.FUSED) {
                return Optional.of(source + ": model.engine is fused (the default) for run " + run.runId()
                        + ", but " + backend.name() + " needs model.engine: samediff (the fused engine runs on CPU"
                        + " backends only); set it in the spec");
            }
        }
        return Optional.empty();
    }
}

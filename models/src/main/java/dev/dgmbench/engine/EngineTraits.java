package dev.dgmbench.engine;

import java.util.List;

/**
 * What the suite needs to know about an engine before it makes one (making the {@code cuda} engine needs a GPU), as
 * its provider declares it: how the launcher plans, places and parallelises its runs. Nothing about an engine is
 * listed anywhere else.
 *
 * @param trainsGroups   whether it stacks models of one shape ({@link Engine#vaeGroup}): then each group goes whole
 *                       to one worker
 * @param workers        how many worker JVMs it wants side by side
 * @param concurrentRuns how many runs a worker continues at once after training, by default
 * @param ownClasspath   whether its jars cannot share a class path with ND4J's (engine-cuda's JavaCPP 1.5.13): then
 *                       its workers get the launcher's class path without the ND4J side, followed by its own
 * @param backends       the backends it runs on, by name; a trailing {@code *} matches any rest ({@code cpu*}: every
 *                       CPU build)
 * @param ownBackends    the backends it is the engine of: there a run that leaves {@code model.engine} at its default
 *                       ({@link Engines#DEFAULT}) runs on this engine (the {@code cuda} backend and engine)
 */
public record EngineTraits(boolean trainsGroups, Workers workers, ConcurrentRuns concurrentRuns, boolean ownClasspath,
                           List<String> backends, List<String> ownBackends) {

    /** Worker JVMs side by side. */
    public enum Workers {
        /** One per core: each worker computes on its own core. */
        ONE_PER_CORE,
        /** One: it computes on a single device that one worker fills. */
        ONE
    }

    /** Runs a worker continues at once after training. */
    public enum ConcurrentRuns {
        /** One: a worker per core already fills the machine. */
        ONE,
        /** The cores per worker: the host's part of each run (noise, energies, sample metrics) runs while the device works. */
        CORES_PER_WORKER
    }

    public EngineTraits {
        backends = List.copyOf(backends);
        ownBackends = List.copyOf(ownBackends);
    }

    /** An engine of the CPU: one worker per core, one run at a time each, models one by one, on every CPU build. */
    public static EngineTraits cpu() {
        return new EngineTraits(false, Workers.ONE_PER_CORE, ConcurrentRuns.ONE, false, List.of("cpu*"), List.of());
    }

    /** These traits, running on these backends as well. */
    public EngineTraits alsoOn(String... more) {
        List<String> all = new java.util.ArrayList<>(backends);
        all.addAll(List.of(more));
        return new EngineTraits(trainsGroups, workers, concurrentRuns, ownClasspath, all, ownBackends);
    }

    /** Whether it runs on the backend of this name. */
    public boolean runsOn(String backend) {
        return matches(backends, backend);
    }

    /** Whether it is the engine of the backend of this name (see {@link #ownBackends}). */
    public boolean owns(String backend) {
        return matches(ownBackends, backend);
    }

    private static boolean matches(List<String> patterns, String backend) {
        for (String p : patterns) {
            if (p.endsWith("*") ? backend.startsWith(p.substring(0, p.length() - 1)) : backend.equals(p)) return true;
        }
        return false;
    }
}

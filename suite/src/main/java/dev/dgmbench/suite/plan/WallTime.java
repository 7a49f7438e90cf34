package dev.dgmbench.suite.plan;

import java.util.List;

/**
 * The wall time of a study: its runs given to worker JVMs as {@code StudyRunner} gives them, the busiest worker
 * deciding, plus the start of the JVMs (the one that prepares the evaluator, then the workers side by side) and the
 * evaluator's training. Workers take runs as they become free, longest expected first ({@code RunQueue},
 * {@link StudyPlan#longestFirst}): each run goes to the worker that is free first. For an engine that trains stacked
 * groups the runner deals whole groups before the workers start; that is counted as run i to worker i mod n, a
 * rough stand-in. Workers beyond the cores, and other processes (a share of the load average, {@link #LOAD_WEIGHT}),
 * share the cores, so each worker runs slower.
 *
 * @param seconds          the estimate
 * @param workers          worker JVMs that get runs
 * @param busiestSeconds   runs of the busiest worker, one after another, at full speed of a core
 * @param startSeconds     start-up of the JVMs and the first run's warm-up
 * @param evaluatorSeconds the evaluator network, trained once before the workers
 */
public record WallTime(double seconds, int workers, double busiestSeconds, double startSeconds, double evaluatorSeconds) {
    /**
     * How much of the load average competes with the workers for the cores. The load average counts every runnable
     * or waiting thread (builds' bursty JIT and GC threads, I/O waits), which take less than a core each: counted
     * whole, it put {@code quick} at 2.1x its measured time under a load of 24 (334 s against 160 s) and 1.9x under
     * 10-13 (1m27s-1m31s against 47 s). A third puts four sittings of quick, under loads of 10 to 27, at 0.81x to
     * 1.33x their measured times (WallTimeTest, docs/performance.md).
     */
    static final double LOAD_WEIGHT = 1.0 / 3;

    /**
     * Where the study will run.
     *
     * @param workers   worker JVMs asked for
     * @param cores     cores of the machine
     * @param otherLoad runnable processes besides the study (the load average now): they share the cores
     * @param speed     where the cost model's speed came from, in words
     */
    public record Machine(int workers, int cores, double otherLoad, String speed) {
        public static final Machine UNCALIBRATED = new Machine(1, 1, 0, "uncalibrated constants");
    }

    /**
     * @param runSeconds  each run's estimate, in plan order
     * @param wholeGroups an engine of the study trains stacked groups: the runner deals the runs out before the
     *                    workers start (counted as run i to worker i mod n) instead of letting them take runs
     */
    public static WallTime of(CostModel cost, List<Double> runSeconds, double evaluatorSeconds, Machine m,
                              boolean wholeGroups) {
        int n = Math.max(1, Math.min(m.workers(), runSeconds.size()));
        double shared = Math.max(1.0, (n + LOAD_WEIGHT * Math.max(0, m.otherLoad())) / Math.max(1, m.cores()));
        double[] perWorker = new double[n];
        if (wholeGroups) {
            for (int i = 0; i < runSeconds.size(); i++) perWorker[i % n] += runSeconds.get(i);
        } else {
            // longest first, each to the worker free first (the first such worker on a tie)
            for (double s : runSeconds.stream().sorted(java.util.Comparator.reverseOrder()).toList()) {
                int free = 0;
                for (int w = 1; w < n; w++) if (perWorker[w] < perWorker[free]) free = w;
                perWorker[free] += s;
            }
        }
        double busiest = 0;
        for (double s : perWorker) busiest = Math.max(busiest, s);
        double start = runSeconds.isEmpty() ? 0 : 2 * CostModel.WORKER_START_SECONDS * cost.slowdown() * shared;
        double eval = runSeconds.isEmpty() ? 0 : evaluatorSeconds;
        return new WallTime(start + eval + busiest * shared, runSeconds.isEmpty() ? 0 : n, busiest, start, eval);
    }
}

package dev.dgmbench.reports.analysis;

import dev.dgmbench.results.RunResult;

/**
 * Which runs include JIT warm-up: the first in their worker JVM ({@code worker_run_index} 0 in provenance.json), or
 * below {@code concurrent_runs} where a worker continued several runs at once. Timings leave them out when enough
 * others remain.
 */
public final class WarmupRuns {
    /** Provenance key: 0 for the first run in its worker JVM (JIT warm-up included). */
    public static final String RUN_INDEX = "worker_run_index";
    /** Provenance key: how many runs the worker continued at once (absent: one). */
    public static final String CONCURRENT_RUNS = "concurrent_runs";

    private WarmupRuns() {
    }

    /** The first run of a worker, or one of its first {@code concurrent_runs} when it continued runs in parallel. */
    public static boolean isWarmup(RunResult r) {
        if (r.provenance() == null) return false;
        int index = number(r.provenance().get(RUN_INDEX), -1), concurrent = number(r.provenance().get(CONCURRENT_RUNS), 1);
        return index >= 0 && index < Math.max(1, concurrent);
    }

    private static int number(String value, int absent) {
        try {
            return value == null ? absent : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return absent;
        }
    }
}
